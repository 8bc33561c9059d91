import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { applyBatchFilter, applySessionFilter, LedgerFilter } from '../ledger/scope';
import { fenToYuan } from '@zjjt/kit';
import { CATEGORY_LABEL, LEVEL_LABEL, MODE_LABEL, TARGET_LABEL } from '../enums';
import { CertificationBatch, TrainingProgram, TrainingSession } from '../ledger/ledger.entity';
import { Trainee } from '../trainee/trainee.entity';
import { inertText } from './cells';
import { INSTRUCTIONS, SHEET_ORDER, SHEETS } from './sheets';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function addSheets(workbook: ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter) {
  return Object.fromEntries(
    SHEET_ORDER.map((key) => {
      const sheet = workbook.addWorksheet(SHEETS[key].name);
      sheet.columns = SHEETS[key].headers.map((header) => ({ header, width: Math.max(12, header.length * 2 + 4) }));
      return [key, sheet];
    }),
  ) as Record<(typeof SHEET_ORDER)[number], ExcelJS.Worksheet>;
}

/** The empty template: the four sheets with their headers, and a 说明 sheet of allowed values. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addSheets(workbook);
  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '字段', width: 18 },
    { header: '填写说明', width: 100 },
  ];
  INSTRUCTIONS.forEach((row) => help.addRow(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Writes a base's ledgers in the template's shape, with the same filters as the ledger queries
 * (the sessions that match, their programs and trainees; batches by year, period and unit),
 * streamed row by row; trainees' 身份证号 and phone are masked.
 */
export async function exportWorkbook(db: DataSource, filter: LedgerFilter & { baseId: string }, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheets = addSheets(workbook);
  // Stored text that starts like a formula is written as text a spreadsheet shows, never evaluates.
  const write = (sheet: ExcelJS.Worksheet, values: unknown[]) => sheet.addRow(values.map(inertText)).commit();
  const sessions = await applySessionFilter(db.getRepository(TrainingSession).createQueryBuilder('s'), filter).orderBy('s.code').getMany();
  const programIds = [...new Set(sessions.map((s) => s.programId))];
  const programs = programIds.length ? await db.getRepository(TrainingProgram).find({ where: { id: In(programIds) }, order: { code: 'ASC' } }) : [];
  for (const p of programs) {
    write(sheets.programs, [
      p.code,
      p.name,
      CATEGORY_LABEL[p.category],
      p.targetGroups.map((t) => TARGET_LABEL[t]).join('、'),
      MODE_LABEL[p.mode],
      p.clientName,
      p.clientUscc,
      p.subsidised ? '是' : '否',
      p.year,
    ]);
  }
  const codes = new Map(programs.map((p) => [p.id, p.code]));
  for (const s of sessions) {
    // Not reported stays an empty cell (never 0), so importing the export gives it back as not reported.
    write(sheets.sessions, [s.code, codes.get(s.programId), s.startsOn, s.endsOn, s.personTimes, s.hours, fenToYuan(s.revenue)]);
  }
  const batches = applyBatchFilter(db.getRepository(CertificationBatch).createQueryBuilder('c'), filter);
  for (const c of await batches.orderBy('c.code').getMany()) {
    write(sheets.certifications, [
      c.code,
      c.occupation,
      LEVEL_LABEL[c.level],
      c.candidates,
      c.passed,
      c.assessedOn,
      c.feeRevenue === null ? null : fenToYuan(c.feeRevenue),
    ]);
  }
  const sessionCodes = new Map(sessions.map((s) => [s.id, s.code]));
  // Trainees in pages by id, so a large roster is never loaded whole.
  let after = '';
  for (;;) {
    const page = await db
      .getRepository(Trainee)
      .createQueryBuilder('t')
      .where('t.baseId = :baseId AND t.id > :after', { baseId: filter.baseId, after })
      .andWhere(sessions.length ? 't.sessionId IN (:...ids)' : '1 = 0', { ids: sessions.map((s) => s.id) })
      .orderBy('t.id')
      .limit(2000)
      .getMany();
    if (!page.length) break;
    for (const t of page) write(sheets.trainees, [sessionCodes.get(t.sessionId), t.name, t.idNumberMasked, t.phoneMasked]);
    after = page[page.length - 1].id;
  }
  await workbook.commit();
}
