import { randomUUID } from 'node:crypto';
import { CellValue } from 'exceljs';
import { DataSource, EntityManager, In, QueryFailedError } from 'typeorm';
import { insertRows, isUniqueViolation, now, recordAudit, timeOrderedId, Viewer, yuanToFen } from '@zjjt/kit';
import { Sealer } from '../sealing';
import { CertificationLevel, TargetGroup } from '../enums';
import { CertificationBatch, ProgramTargetGroup, TrainingProgram, TrainingSession } from '../ledger/ledger.entity';
import { maskIdNumber, maskPersonalText, maskPhone, idNumberProblem, normaliseIdNumber, phoneProblem } from '../trainee/pii';
import { Trainee } from '../trainee/trainee.entity';
import { cellCount, cellDate, cellIdNumber, cellText, halfWidth, numberText } from './cells';
import { LedgerImport } from './import.entity';
import { addTrainedPersons, SessionFacts, trainedPersonRows } from '../trainee/trained-person';
import { ImportLimitError, ImportLimits } from './limits';
import { NOT_XLSX, readWorksheets, WorkbookError } from './reader';
import { CATEGORY_BY_LABEL, LEVEL_BY_LABEL, MODE_BY_LABEL, REQUIRED_HEADERS, SHEET_ORDER, SheetKey, SHEETS, TARGET_BY_LABEL } from './sheets';

export interface RowError {
  sheet: string;
  row: number;
  reasons: string[];
}

export type ImportResult =
  | { status: 'IMPORTED'; import: LedgerImport }
  | { status: 'ALREADY_IMPORTED'; import: LedgerImport }
  | { status: 'REJECTED'; errorCount: number; errors: RowError[] };

export interface ImportRequest {
  file: string;
  fileName: string;
  sha256: string;
  base: { id: string; groupId: string };
  organizationId: string;
  userId: string;
  /** Who imports, for the audit log (one row per import, with its counts). */
  viewer: Viewer;
  limits: ImportLimits;
}

export { WorkbookError };

/** Thrown inside the transaction so that nothing of a rejected workbook is kept. */
class Rejected extends Error {
  constructor(
    readonly errors: RowError[],
    readonly errorCount: number,
  ) {
    super('rejected');
  }
}

const MAX_LISTED_ERRORS = 1000;
/** A reason quotes a cell; a cell of a megabyte must not make the answer one. */
const MAX_REASON_LENGTH = 200;
/** Trainees per INSERT: 500 rows of 11 values, well under VARIABLES_PER_INSERT. */
const CHUNK = 500;

/** An optional whole-number cell: empty is not reported (null, never 0); anything else must be a count. */
function optionalCount(value: CellValue | undefined): { value: number | null } | null {
  if (cellText(value) === '') return { value: null };
  const n = cellCount(value);
  return n === null ? null : { value: n };
}

/** An optional amount in yuan: empty is not reported (null); otherwise fen. Undefined when it is not an amount. */
function optionalFen(value: CellValue | undefined): number | null | undefined {
  if (cellText(value) === '') return null;
  try {
    const amount = numberText(value);
    return amount === null ? undefined : yuanToFen(amount);
  } catch {
    return undefined;
  }
}

/**
 * Imports a ledger workbook all or nothing, in one transaction. Sheets are streamed row by row
 * (a 100,000-row roster is never held whole); programs, sessions and batches are kept in maps
 * (they are few), trainees are written in chunks as they are read. Every bad row is collected;
 * if there is any, the transaction is rolled back and the rows are reported.
 */
export async function importWorkbook(db: DataSource, sealer: Sealer, request: ImportRequest): Promise<ImportResult> {
  const previous = await db.getRepository(LedgerImport).findOneBy({ baseId: request.base.id, fileSha256: request.sha256 });
  if (previous) return { status: 'ALREADY_IMPORTED', import: previous };
  try {
    const record = await db.transaction((em) => new WorkbookImport(em, sealer, request).run());
    return { status: 'IMPORTED', import: record };
  } catch (error) {
    if (error instanceof Rejected) return { status: 'REJECTED', errorCount: error.errorCount, errors: error.errors };
    // The same file sent twice at once (two clicks, two replicas of bases): the unique indexes let one
    // import win and the other fail when it commits; that one is answered as a repeat, not an error.
    const winner = isUniqueViolation(error) && (await db.getRepository(LedgerImport).findOneBy({ baseId: request.base.id, fileSha256: request.sha256 }));
    if (winner) return { status: 'ALREADY_IMPORTED', import: winner };
    throw error;
  }
}

/**
 * Which of our sheets this is: by its name, or — when a writer put workbook.xml after the sheets,
 * so the streaming reader does not know names yet — by its header row. Null: not ours (说明 …).
 */
function sheetFor(name: string, header: CellValue[]): SheetKey | null {
  const byName = SHEET_ORDER.find((k) => SHEETS[k].name === name);
  if (byName) return byName;
  // The sheet whose headers this row shares most of (so a mistyped header is reported as such).
  const texts = header.map(cellText);
  const score = (k: SheetKey) => SHEETS[k].headers.filter((h, i) => texts[i] === h).length;
  const best = [...SHEET_ORDER].sort((a, b) => score(b) - score(a))[0];
  return score(best) >= Math.ceil(SHEETS[best].headers.length / 2) ? best : null;
}

/** What a session copies from its program. */
type StoredProgram = { id: string; category: string; mode: string; targetGroup: string };

class WorkbookImport {
  private readonly importId = randomUUID();
  private readonly errors: RowError[] = [];
  private errorCount = 0;
  private readonly programs = new Map<string, StoredProgram>();
  private readonly sessions = new Map<string, string>();
  /** Ids of this workbook's sessions: no one is on their rosters yet but the rows of this workbook. */
  private readonly newSessionIds = new Set<string>();
  /** Group, year and category of every session a trainee row may name: the trained persons it adds. */
  private readonly sessionFacts = new Map<string, SessionFacts>();
  private storedCodes?: { programs: Map<string, StoredProgram>; sessions: Map<string, string>; certifications: Set<string> };
  private readonly certificationCodes = new Set<string>();
  private readonly traineeKeys = new Set<string>();
  private counts = { programs: 0, sessions: 0, certifications: 0, trainees: 0 };
  private pendingTrainees: { row: number; trainee: Trainee }[] = [];
  /** The chunk being written while the next rows are read (at most one; its failure surfaces at the next flush). */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly em: EntityManager,
    private readonly sealer: Sealer,
    private readonly request: ImportRequest,
  ) {}

  /** Records a bad row; its reasons may quote cells, so any 身份证号 or phone in them is masked. */
  private fail(sheet: SheetKey, row: number, reasons: string[]) {
    this.errorCount += 1;
    if (this.errors.length < MAX_LISTED_ERRORS)
      this.errors.push({ sheet: SHEETS[sheet].name, row, reasons: reasons.map((reason) => maskPersonalText(reason).slice(0, MAX_REASON_LENGTH)) });
  }

  /**
   * The codes imported before for this base, loaded once per import: a sheet of rows costs three
   * queries, not one per row (100,000 rows naming unknown codes each would cost a query).
   */
  private async stored() {
    if (!this.storedCodes) {
      const where = { baseId: this.base.id };
      const programs = await this.em.find(TrainingProgram, { select: { id: true, code: true, category: true, mode: true, primaryTargetGroup: true }, where });
      const sessions = await this.em.find(TrainingSession, { select: { id: true, code: true, year: true, category: true }, where });
      for (const s of sessions) this.sessionFacts.set(s.id, { groupId: this.base.groupId, year: s.year, category: s.category });
      const batches = await this.em.find(CertificationBatch, { select: { code: true }, where });
      this.storedCodes = {
        programs: new Map(programs.map((p) => [p.code, { id: p.id, category: p.category, mode: p.mode, targetGroup: p.primaryTargetGroup }])),
        sessions: new Map(sessions.map((s) => [s.code, s.id])),
        certifications: new Set(batches.map((c) => c.code)),
      };
    }
    return this.storedCodes;
  }

  async run(): Promise<LedgerImport> {
    try {
      return await this.importRows();
    } finally {
      // A workbook that fails half-way leaves no write running into the transaction's rollback.
      await this.writing.catch(() => undefined);
    }
  }

  private async importRows(): Promise<LedgerImport> {
    const seen: SheetKey[] = [];
    try {
      for await (const { name, rows } of readWorksheets(this.request.file, this.request.limits)) {
        let key: SheetKey | null | undefined; // undefined: header not read yet; null: not one of ours
        for await (const row of rows) {
          const values = (row.values as CellValue[]).slice(1);
          if (key === undefined) {
            key = sheetFor(name, values);
            if (key) {
              if (seen.length && SHEET_ORDER.indexOf(key) < SHEET_ORDER.indexOf(seen[seen.length - 1])) {
                throw new WorkbookError(`工作表顺序应为：${SHEET_ORDER.map((k) => SHEETS[k].name).join('、')}（sheet order），请使用平台下载的模板`);
              }
              seen.push(key);
              this.checkHeaders(key, values);
            }
            continue;
          }
          if (key === null || values.every((v) => cellText(v) === '')) continue;
          await this.readRow(key, row.number, values);
        }
        if (key === undefined && SHEET_ORDER.some((k) => SHEETS[k].name === name))
          throw new WorkbookError(`工作表「${name}」是空的（empty sheet）：第一行应为表头，请使用平台下载的模板`);
      }
    } catch (error) {
      // A database error (a row another import of the same file wrote first) is not the workbook's fault.
      if (error instanceof WorkbookError || error instanceof Rejected || error instanceof ImportLimitError || error instanceof QueryFailedError) throw error;
      throw new WorkbookError(NOT_XLSX, error);
    }
    const missing = SHEET_ORDER.filter((k) => !seen.includes(k));
    if (missing.length) throw new WorkbookError(`工作簿缺少工作表（missing sheet）：${missing.map((k) => SHEETS[k].name).join('、')}，请使用平台下载的模板`);
    await this.flushTrainees(true);
    if (this.errorCount) throw new Rejected(this.errors, this.errorCount);
    if (!Object.values(this.counts).some((n) => n > 0)) throw new WorkbookError('工作簿没有任何数据行 (empty workbook)');

    const record: LedgerImport = {
      id: this.importId,
      baseId: this.request.base.id,
      groupId: this.request.base.groupId,
      organizationId: this.request.organizationId,
      fileSha256: this.request.sha256,
      fileName: this.request.fileName.slice(0, 200),
      ...this.counts,
      importedBy: this.request.userId,
      importedAt: now(),
    };
    await this.em.insert(LedgerImport, record);
    await recordAudit(this.em, this.request.viewer, {
      groupId: record.groupId,
      operation: 'importLedger',
      entity: 'LedgerImport',
      id: record.id,
      after: record,
    });
    return record;
  }

  private checkHeaders(key: SheetKey, values: CellValue[]) {
    const expected = SHEETS[key].headers;
    const actual = expected.map((_, i) => cellText(values[i]));
    // Trailing optional columns may be missing (a workbook from an earlier template).
    if (actual.some((h, i) => h !== expected[i] && !(i >= REQUIRED_HEADERS[key] && actual.slice(i).every((rest) => rest === '')))) {
      // The "header" may be a row of data when the header row is missing: never repeat it unmasked.
      throw new WorkbookError(
        maskPersonalText(
          `工作表「${SHEETS[key].name}」的表头（header row）应为：${expected.join('、')}；实际为：${actual.map((h) => h.slice(0, 30)).join('、')}`,
        ),
      );
    }
  }

  private get base() {
    return this.request.base;
  }

  private ledger() {
    return { baseId: this.base.id, groupId: this.base.groupId, organizationId: this.request.organizationId, importId: this.importId };
  }

  private async readRow(key: SheetKey, row: number, v: CellValue[]) {
    if (key === 'programs') return this.program(row, v);
    if (key === 'sessions') return this.session(row, v);
    if (key === 'certifications') return this.certification(row, v);
    return this.trainee(row, v);
  }

  private async program(row: number, v: CellValue[]) {
    const reasons: string[] = [];
    const code = cellText(v[0]);
    if (!code || code.length > 50) reasons.push('项目编号不能为空，最多 50 个字符（program code required）');
    else if (this.programs.has(code)) reasons.push(`项目编号 ${code} 在本表中重复（duplicate program code）：每个项目只列一行`);
    else if ((await this.stored()).programs.has(code)) reasons.push(`项目编号 ${code} 已导入过（program already imported）：请删去此行或改用新的编号`);
    const name = cellText(v[1]);
    if (!name || name.length > 200) reasons.push('项目名称不能为空，最多 200 个字符（program name required）');
    const category = CATEGORY_BY_LABEL.get(cellText(v[2]));
    if (!category) reasons.push(`培训类别「${cellText(v[2])}」不在可选值中（unknown category）：可选 ${[...CATEGORY_BY_LABEL.keys()].join('、')}`);
    const targetLabels = cellText(v[3])
      .split(/[、,，;；\s]+/)
      .filter(Boolean);
    const targets = targetLabels.map((t) => TARGET_BY_LABEL.get(t));
    if (!targetLabels.length || targets.some((t) => !t))
      reasons.push(`培训对象「${cellText(v[3])}」不在可选值中（unknown target group）：可选 ${[...TARGET_BY_LABEL.keys()].join('、')}，多个用顿号分隔`);
    const mode = MODE_BY_LABEL.get(cellText(v[4]));
    if (!mode) reasons.push(`培训方式「${cellText(v[4])}」不在可选值中（unknown mode）：可选 ${[...MODE_BY_LABEL.keys()].join('、')}`);
    const clientName = cellText(v[5]) || null;
    const clientUscc = halfWidth(cellText(v[6])).toUpperCase() || null;
    if (clientUscc && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(clientUscc))
      reasons.push('委托单位统一社会信用代码应为 18 位数字或大写字母（client USCC），不知道时留空');
    const subsidisedText = cellText(v[7]);
    if (!['是', '否', ''].includes(subsidisedText)) reasons.push('是否补贴性培训应填「是」或「否」（subsidised: yes or no）');
    const year = cellCount(v[8]);
    if (!year || year < 2000 || year > 2100) reasons.push(`年度「${cellText(v[8])}」应为 2000–2100 的整数（year）`);
    const id = randomUUID();
    // Registered even when bad, so its sessions are not reported again as unknown.
    // Several groups keep their order: the first listed is the primary one, the one the figures count.
    const targetGroups = [...new Set(targets as TargetGroup[])];
    if (code) this.programs.set(code, { id, category: category ?? '', mode: mode ?? '', targetGroup: targetGroups[0] ?? '' });
    if (reasons.length) return this.fail('programs', row, reasons);
    this.counts.programs += 1;
    if (this.errorCount) return;
    await this.em.insert(TrainingProgram, {
      id,
      ...this.ledger(),
      code,
      name,
      category: category!,
      mode: mode!,
      targetGroups,
      primaryTargetGroup: targetGroups[0],
      clientName,
      clientUscc,
      subsidised: subsidisedText === '是',
      year: year!,
    });
    await this.em.insert(
      ProgramTargetGroup,
      targetGroups.map((targetGroup) => ({ programId: id, targetGroup })),
    );
  }

  /** A program of this workbook or one imported before for this base. */
  private async findProgram(code: string) {
    return this.programs.get(code) ?? (await this.stored()).programs.get(code) ?? null;
  }

  private async session(row: number, v: CellValue[]) {
    const reasons: string[] = [];
    const code = cellText(v[0]);
    if (!code || code.length > 50) reasons.push('班次编号不能为空，最多 50 个字符（session code required）');
    else if (this.sessions.has(code)) reasons.push(`班次编号 ${code} 在本表中重复（duplicate session code）：每个班次只列一行`);
    else if ((await this.stored()).sessions.has(code)) reasons.push(`班次编号 ${code} 已导入过（session already imported）：请删去此行或改用新的编号`);
    const program = await this.findProgram(cellText(v[1]));
    if (!program) reasons.push(`项目编号「${cellText(v[1])}」不存在（unknown program code）：请先在「${SHEETS.programs.name}」表中列出该项目`);
    const startsOn = cellDate(v[2]);
    const endsOn = cellDate(v[3]);
    if (!startsOn) reasons.push('开班日期应为日期，如 2026-03-01（startsOn: YYYY-MM-DD）');
    if (!endsOn) reasons.push('结业日期应为日期，如 2026-03-05（endsOn: YYYY-MM-DD）');
    if (startsOn && endsOn && endsOn < startsOn) reasons.push(`结业日期 ${endsOn} 早于开班日期 ${startsOn}（endsOn before startsOn）：请核对两个日期`);
    const personTimes = cellCount(v[4]);
    if (personTimes === null) reasons.push('培训人次应为不小于 0 的整数（person-times）');
    const hours = optionalCount(v[5]);
    if (!hours) reasons.push('课时应为不小于 0 的整数，不知道时留空即未填报（hours）');
    let revenue = 0;
    try {
      const amount = numberText(v[6]);
      if (amount === null) throw new Error('misplaced thousands separator');
      revenue = yuanToFen(amount || '0');
    } catch {
      reasons.push(`到账金额「${cellText(v[6])}」应为以元为单位、最多两位小数的非负数，如 12500.50（revenue in yuan）`);
    }
    const id = randomUUID();
    if (code && !this.sessions.has(code)) {
      this.sessions.set(code, id);
      this.newSessionIds.add(id);
    }
    if (reasons.length) return this.fail('sessions', row, reasons);
    this.counts.sessions += 1;
    if (this.errorCount) return;
    await this.em.insert(TrainingSession, {
      id,
      ...this.ledger(),
      programId: program!.id,
      category: program!.category as TrainingSession['category'],
      mode: program!.mode as TrainingSession['mode'],
      targetGroup: program!.targetGroup as TrainingSession['targetGroup'],
      code,
      startsOn: startsOn!,
      endsOn: endsOn!,
      month: startsOn!.slice(0, 7),
      year: Number(startsOn!.slice(0, 4)),
      personTimes: personTimes!,
      hours: hours!.value,
      revenue,
    });
    this.sessionFacts.set(id, { groupId: this.base.groupId, year: Number(startsOn!.slice(0, 4)), category: program!.category });
  }

  private async certification(row: number, v: CellValue[]) {
    const reasons: string[] = [];
    const code = cellText(v[0]);
    if (!code || code.length > 50) reasons.push('批次编号不能为空，最多 50 个字符（batch code required）');
    else if (this.certificationCodes.has(code)) reasons.push(`批次编号 ${code} 在本表中重复（duplicate batch code）：每个批次只列一行`);
    else if ((await this.stored()).certifications.has(code)) reasons.push(`批次编号 ${code} 已导入过（batch already imported）：请删去此行或改用新的编号`);
    const occupation = cellText(v[1]);
    if (!occupation || occupation.length > 50) reasons.push('工种不能为空，最多 50 个字符（occupation required）');
    // An empty level is 未分级 (its own bucket), not an unknown level.
    const level = cellText(v[2]) === '' ? CertificationLevel.UNGRADED : LEVEL_BY_LABEL.get(cellText(v[2]));
    if (level === undefined) reasons.push(`等级「${cellText(v[2])}」应为 初级、中级、高级、技师 或 高级技师，不分等级时留空即未分级（level）`);
    const candidates = cellCount(v[3]);
    const passed = optionalCount(v[4]);
    if (candidates === null) reasons.push('参加人数应为不小于 0 的整数（candidates）');
    if (!passed) reasons.push('通过人数应为不小于 0 的整数，不知道时留空即未填报（passed）');
    if (candidates !== null && passed?.value != null && passed.value > candidates)
      reasons.push(`通过人数 ${passed.value} 大于参加人数 ${candidates}（passed > candidates）：请核对两个人数`);
    const assessedOn = cellDate(v[5]);
    if (!assessedOn) reasons.push('鉴定日期应为日期，如 2026-06-30（assessedOn: YYYY-MM-DD）');
    const feeRevenue = optionalFen(v[6]);
    if (feeRevenue === undefined) reasons.push(`收费「${cellText(v[6]).slice(0, 30)}」应为以元为单位、最多两位小数的非负数，不知道时留空（fee in yuan）`);
    if (reasons.length) return this.fail('certifications', row, reasons);
    this.certificationCodes.add(code);
    this.counts.certifications += 1;
    if (this.errorCount) return;
    await this.em.insert(CertificationBatch, {
      id: randomUUID(),
      ...this.ledger(),
      code,
      occupation,
      level: level!,
      candidates: candidates!,
      passed: passed!.value,
      feeRevenue: feeRevenue ?? null,
      assessedOn: assessedOn!,
      year: Number(assessedOn!.slice(0, 4)),
    });
  }

  private async trainee(row: number, v: CellValue[]) {
    const reasons: string[] = [];
    const sessionCode = cellText(v[0]);
    const sessionId = this.sessions.get(sessionCode) ?? (await this.stored()).sessions.get(sessionCode);
    if (!sessionId) reasons.push(`班次编号「${sessionCode.slice(0, 50)}」不存在（unknown session code）：请先在「${SHEETS.sessions.name}」表中列出该班次`);
    const name = cellText(v[1]);
    if (!name || name.length > 50) reasons.push('姓名不能为空，最多 50 个字符（name required）');
    const idCell = cellIdNumber(v[2]);
    const idNumber = normaliseIdNumber(idCell.idNumber ?? '');
    const idProblem = idCell.problem ?? idNumberProblem(idNumber);
    if (idProblem) reasons.push(idProblem);
    const phone = halfWidth(cellText(v[3]));
    const phoneIssue = phone ? phoneProblem(phone) : null;
    if (phoneIssue) reasons.push(phoneIssue);
    const idNumberHash = idProblem ? '' : this.sealer.hash(idNumber);
    if (sessionId && idNumberHash) {
      const key = `${sessionId}:${idNumberHash}`;
      if (this.traineeKeys.has(key)) reasons.push('同一班次中身份证号重复（duplicate trainee in session）：每人每班只列一行');
      this.traineeKeys.add(key);
    }
    if (reasons.length) return this.fail('trainees', row, reasons);
    this.counts.trainees += 1;
    if (this.errorCount) return;
    this.pendingTrainees.push({
      row,
      trainee: {
        // Time-ordered: a roster's rows are appended to the table's primary key, not scattered over it.
        id: timeOrderedId(),
        baseId: this.base.id,
        groupId: this.base.groupId,
        sessionId: sessionId!,
        name,
        idNumberSealed: this.sealer.seal(idNumber),
        idNumberHash,
        idNumberMasked: maskIdNumber(idNumber),
        phoneSealed: phone ? this.sealer.seal(phone) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        importId: this.importId,
      },
    });
    if (this.pendingTrainees.length >= CHUNK) await this.flushTrainees();
  }

  /**
   * Hands the buffered trainees to the database and returns once the chunk before them is written:
   * the database writes one chunk while the next is read, checked and sealed (on the transaction's
   * one connection, so in order). The last call is `flushTrainees(true)`, which waits for all.
   */
  private async flushTrainees(last = false) {
    const batch = this.pendingTrainees;
    this.pendingTrainees = [];
    await this.writing;
    if (batch.length && !this.errorCount) {
      this.writing = this.writeTrainees(batch);
      // Awaited at the next flush; until then a failure must not count as unhandled.
      this.writing.catch(() => undefined);
    }
    if (last) await this.writing;
  }

  /**
   * Writes a chunk of trainees, after checking those on sessions imported before against the people
   * already on them (this workbook's own repeats are caught as they are read: traineeKeys).
   */
  private async writeTrainees(batch: { row: number; trainee: Trainee }[]) {
    const onStoredSessions = batch.filter((b) => !this.newSessionIds.has(b.trainee.sessionId));
    if (onStoredSessions.length) {
      const existing = await this.em.find(Trainee, {
        select: { sessionId: true, idNumberHash: true },
        where: {
          sessionId: In([...new Set(onStoredSessions.map((b) => b.trainee.sessionId))]),
          idNumberHash: In(onStoredSessions.map((b) => b.trainee.idNumberHash)),
        },
      });
      const taken = new Set(existing.map((t) => `${t.sessionId}:${t.idNumberHash}`));
      for (const { row, trainee } of onStoredSessions) {
        if (taken.has(`${trainee.sessionId}:${trainee.idNumberHash}`))
          this.fail('trainees', row, ['该学员已在此班次的名册中，之前已导入（trainee already on the roster）：请删去此行']);
      }
      if (this.errorCount) return;
    }
    const trainees = batch.map((b) => b.trainee);
    await insertRows(this.em, Trainee, trainees);
    await addTrainedPersons(this.em, trainedPersonRows(this.sessionFacts, trainees));
  }
}
