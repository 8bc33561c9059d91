import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { addDays, at, BulkWriter, formatCount, newPerson, Province, PROVINCE, provinceDay, provinceId } from '@zjjt/demo';
import { BaseCoBuilder, TrainingBase } from './base/base.entity';
import { LedgerImport } from './imports/import.entity';
import { CertificationBatch, ProgramTargetGroup, TrainingProgram, TrainingSession } from './ledger/ledger.entity';
import { RevenueEntry } from './revenue/revenue.entity';
import { RevenueSource } from './revenue/revenue.enums';
import { Trainee } from './trainee/trainee.entity';
import { fillTrainedPersons } from './trainee/trained-person';
import { idCheckCharacter, maskIdNumber, maskPhone } from './trainee/pii';
import { BaseKind, CertificationLevel, CoBuilderRole, ProgramCategory, TargetGroup, TrainingMode } from './enums';
import { sealer } from './sealer';

const OCCUPATIONS = ['数控车工', '焊工', '电工', '钳工', '汽车维修工', '工业机器人系统运维员', '电子商务师', '育婴员', '养老护理员', '中式烹调师'];
const LEVELS = [CertificationLevel.LEVEL_5, CertificationLevel.LEVEL_4, CertificationLevel.LEVEL_3, CertificationLevel.LEVEL_2];
const CATEGORIES = Object.values(ProgramCategory);
const TARGETS = Object.values(TargetGroup);
const MODES = Object.values(TrainingMode);
const KINDS = Object.values(BaseKind);
const SOURCES = Object.values(RevenueSource);

interface Roster {
  baseId: string;
  groupId: string;
  importId: string;
  sessionId: string;
  personTimes: number;
  regions: string[];
}

/** Splits `total` over `parts`, the first ones taking the remainder: the size of part `i`. */
const share = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);

/**
 * Bases' part of the province dataset (@zjjt/demo `buildProvince`): five joint bases per group,
 * each with one ledger import of its programs (ten sessions each, 2024 and 2025), sessions,
 * certification batches and rosters; and the groups' revenue entries. Roster people come from a
 * pool per base (about one person per 1.6 rows: people come back), each drawn with a valid
 * 身份证号 and stored as the importer stores it, sealed with PII_KEY (once per person), hashed and
 * masked. Ids: training-base / ledger-import / training-program / training-session /
 * certification-batch / trainee / revenue-entry `n`. On MySQL/MariaDB the trainee table's
 * secondary indexes are built after its rows (see BulkWriter).
 */
export async function loadProvince(db: DataSource, province: Province, log: (line: string) => void): Promise<string> {
  const { groups, counts } = province;
  const random = province.random('bases');
  const seal = sealer();
  const B = PROVINCE.basesPerGroup;
  const writers = {
    bases: await BulkWriter.open(db, TrainingBase),
    coBuilders: await BulkWriter.open(db, BaseCoBuilder),
    imports: await BulkWriter.open(db, LedgerImport),
    programs: await BulkWriter.open(db, TrainingProgram),
    targets: await BulkWriter.open(db, ProgramTargetGroup),
    sessions: await BulkWriter.open(db, TrainingSession),
    certifications: await BulkWriter.open(db, CertificationBatch),
  };
  // SQLite has one connection: the rosters are written after the ledgers, from what these keep.
  const rosters: Roster[] = [];
  const n = { program: 0, session: 0, certification: 0 };
  for (let gi = 0; gi < groups.length; gi += 1) {
    const g = groups[gi];
    const runners = g.active.filter((u) => u.school || u.enterprise);
    for (let b = 0; b < B; b += 1) {
      const index = gi * B + b + 1;
      const baseId = provinceId('training-base', index);
      const importId = provinceId('ledger-import', index);
      const lead = runners[b % runners.length];
      const units = [lead, ...runners.filter((u) => u !== lead).slice(b, b + 2)];
      const ledger = { baseId, groupId: g.id, importId };
      const regions = [...new Set(units.map((u) => u.region))];
      writers.bases.add({
        id: baseId,
        groupId: g.id,
        name: `${g.name.replace('（演示）', '')}第${b + 1}实训基地（演示）`,
        kind: KINDS[b % KINDS.length],
        occupations: [OCCUPATIONS[index % OCCUPATIONS.length], OCCUPATIONS[(index + 3) % OCCUPATIONS.length]],
        capacity: random.int(50, 400),
        location: null,
        description: null,
        establishedOn: g.foundedOn,
        createdAt: at(g.foundedOn, 2),
      });
      units.forEach((u, i) =>
        writers.coBuilders.add({
          id: provinceId('base-co-builder', index * 3 + i),
          baseId,
          organizationId: u.id,
          role: i === 0 ? CoBuilderRole.LEAD : CoBuilderRole.CO_BUILDER,
        }),
      );
      const sessions = share(share(counts.sessions, groups.length, gi), B, b);
      const certifications = share(share(counts.certifications, groups.length, gi), B, b);
      const tally = { programs: 0, sessions: 0, certifications: 0, trainees: 0 };
      const numbers: Record<number, number> = {};
      for (let s = 0; s < sessions; s += PROVINCE.sessionsPerProgram) {
        n.program += 1;
        const year = random.next() < 0.75 ? 2025 : 2024;
        const org = random.pick(units);
        const category = random.pick(CATEGORIES);
        const target = random.pick(TARGETS);
        const mode = random.pick(MODES);
        const programId = provinceId('training-program', n.program);
        writers.programs.add({
          id: programId,
          ...ledger,
          organizationId: org.id,
          code: `XM${n.program}`,
          name: `${OCCUPATIONS[n.program % OCCUPATIONS.length]}培训项目（演示）`,
          category,
          mode,
          targetGroups: [target],
          primaryTargetGroup: target,
          clientName: null,
          clientUscc: null,
          subsidised: random.next() < 0.5,
          year,
        });
        writers.targets.add({ programId, targetGroup: target });
        tally.programs += 1;
        for (let k = s; k < Math.min(sessions, s + PROVINCE.sessionsPerProgram); k += 1) {
          n.session += 1;
          numbers[year] = (numbers[year] ?? 0) + 1;
          const startsOn = provinceDay(random, year);
          const personTimes = random.int(...PROVINCE.roster);
          const hours = random.int(16, 120);
          const sessionId = provinceId('training-session', n.session);
          writers.sessions.add({
            id: sessionId,
            ...ledger,
            programId,
            organizationId: org.id,
            category,
            mode,
            targetGroup: target,
            code: `BC${year}-${String(numbers[year]).padStart(5, '0')}`,
            startsOn,
            endsOn: addDays(startsOn, Math.ceil(hours / 8) - 1),
            month: startsOn.slice(0, 7),
            year,
            personTimes,
            hours,
            revenue: personTimes * random.int(100, 800) * 100,
          });
          rosters.push({ ...ledger, sessionId, personTimes, regions });
          tally.sessions += 1;
          tally.trainees += personTimes;
        }
        await writers.programs.flushIfFull();
        await writers.targets.flushIfFull();
        await writers.sessions.flushIfFull();
      }
      for (let c = 1; c <= certifications; c += 1) {
        n.certification += 1;
        const candidates = random.int(10, 80);
        const assessedOn = provinceDay(random, random.next() < 0.75 ? 2025 : 2024);
        writers.certifications.add({
          id: provinceId('certification-batch', n.certification),
          ...ledger,
          organizationId: random.pick(units).id,
          code: `JD${c}`,
          occupation: random.pick(OCCUPATIONS),
          level: random.pick(LEVELS),
          candidates,
          passed: Math.round(candidates * (0.6 + random.next() * 0.35)),
          feeRevenue: candidates * 200 * 100,
          assessedOn,
          year: Number(assessedOn.slice(0, 4)),
        });
        tally.certifications += 1;
        await writers.certifications.flushIfFull();
      }
      writers.imports.add({
        id: importId,
        ...ledger,
        organizationId: lead.id,
        fileSha256: createHash('sha256').update(`province-ledger:${index}`).digest('hex'),
        fileName: '省级数据集（演示）',
        ...tally,
        importedBy: 'seed',
        importedAt: at('2026-01-10', 2),
      });
    }
  }
  for (const w of Object.values(writers)) await w.close();
  log(
    `bases: ${formatCount(writers.bases.written)} bases, ${formatCount(writers.programs.written)} programs, ${formatCount(writers.sessions.written)} sessions, ${formatCount(writers.certifications.written)} certification batches`,
  );

  const revenue = await loadRevenue(db, province);

  const started = Date.now();
  const trainees = await BulkWriter.open(db, Trainee, { deferIndexes: true });
  const people = province.random('trainees');
  let sealNs = 0n;
  let rows = 0;
  let pool: Record<string, string | null>[] = [];
  let taken = new Set<string>();
  let poolBase = '';
  for (const r of rosters) {
    if (r.baseId !== poolBase) [poolBase, pool, taken] = [r.baseId, [], new Set()];
    const size = Math.max(r.personTimes, Math.round(pool.length + r.personTimes * 0.6));
    while (pool.length < size) {
      const person = newPerson(people, r.regions, people.next() < 0.3, taken, idCheckCharacter);
      const t = process.hrtime.bigint();
      pool.push({
        name: person.name,
        idNumberSealed: seal.seal(person.idNumber),
        idNumberHash: seal.hash(person.idNumber),
        idNumberMasked: maskIdNumber(person.idNumber),
        phoneSealed: person.phone ? seal.seal(person.phone) : null,
        phoneMasked: person.phone ? maskPhone(person.phone) : null,
      });
      sealNs += process.hrtime.bigint() - t;
    }
    // personTimes different people of the base's pool: a window at a random offset.
    const offset = people.int(0, pool.length - r.personTimes);
    for (let i = 0; i < r.personTimes; i += 1) {
      rows += 1;
      trainees.add({
        id: provinceId('trainee', rows),
        baseId: r.baseId,
        groupId: r.groupId,
        sessionId: r.sessionId,
        ...pool[offset + i],
        importId: r.importId,
      });
      await trainees.flushIfFull();
      if (rows % 1_000_000 === 0) log(`bases: ${formatCount(rows)} trainee rows after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  const loaded = Date.now();
  await trainees.close();
  const indexed = Date.now();
  await fillTrainedPersons(db);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `${revenue}, ${formatCount(trainees.written)} trainee rows in ${seconds(Date.now() - started)} ` +
    `(sealing ${seconds(Number(sealNs) / 1e6)}, indexes ${seconds(indexed - loaded)}, trained persons ${seconds(Date.now() - indexed)})`
  );
}

async function loadRevenue(db: DataSource, province: Province): Promise<string> {
  const { groups, counts } = province;
  const random = province.random('revenue');
  const entries = await BulkWriter.open(db, RevenueEntry);
  for (let n = 1; n <= counts.revenueEntries; n += 1) {
    const g = groups[(n - 1) % groups.length];
    const receivedOn = provinceDay(random, random.next() < 0.75 ? 2025 : 2024);
    entries.add({
      id: provinceId('revenue-entry', n),
      groupId: g.id,
      organizationId: random.pick(g.active).id,
      source: random.pick(SOURCES),
      receivedOn,
      year: Number(receivedOn.slice(0, 4)),
      amount: random.int(1_000, 500_000) * 100,
      counterparty: '委托单位（演示）',
      counterpartyUscc: null,
      title: '社会服务到账（演示）',
      sessionId: null,
      certificationBatchId: null,
      recordedBy: 'seed',
      recordedAt: at(receivedOn, 3),
      updatedBy: 'seed',
      updatedAt: at(receivedOn, 3),
    });
    await entries.flushIfFull();
  }
  await entries.close();
  return `${formatCount(entries.written)} revenue entries`;
}
