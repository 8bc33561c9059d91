import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { openDataSource, Subgraph, Viewer } from '@zjjt/kit';
import { DEMO, demoDirectoryEntry, demoUnit, orgId } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, execute, expectEach, inMemoryDirectory, testDatabase } from '@zjjt/kit/testing';
import { bases } from '../src/schema';
import { BasesLoaders } from '../src/context';
import { BasesInitial1763900000000 } from '../src/migrations/1763900000000-initial';
import { BasesUnknownFigures1764310000000 } from '../src/migrations/1764310000000-unknown-figures';
import { writeLedgerWorkbook, LedgerWorkbookOptions } from '../../../scripts/lib/ledger-workbook';

// Unknown is not zero (课时, 通过人数, 等级 left empty), one primary target group per programme, and
// social training apart from in-school training: imports over real HTTP, figures from the section.
let sg: Subgraph<BasesLoaders>;
let filesUrl: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bases-unknown-'));

const G1 = DEMO.groupId;
const directory = inMemoryDirectory({ organizations: ['jnzy', 'jnjgzb'].map(demoDirectoryEntry), activeMembers: { [G1]: [orgId('jnzy'), orgId('jnjgzb')] } });
const lead = new Viewer('lead-user', orgId('jnzy'), [G1], ['MEMBER']);
const reporter = new Viewer('bot', null, [G1], ['REPORTER']);
const secretariat = new Viewer('sec-user', null, [G1], ['SECRETARIAT']);
let baseId: string;

const identity = (v: Viewer) => signIdentity({ sub: v.userId!, org: v.organizationId, groups: [...v.groupIds], roles: [...v.roles] }, sg.config.gatewaySecret);

async function upload(file: string) {
  const response = await fetch(`${filesUrl}/imports?baseId=${baseId}&fileName=ledger.xlsx`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [SECRET_HEADER]: sg.config.gatewaySecret, [IDENTITY_HEADER]: identity(lead) },
    body: fs.readFileSync(file),
  });
  return { status: response.status, json: (await response.json()) as any };
}

async function workbook(name: string, options: Partial<LedgerWorkbookOptions> = {}) {
  const file = path.join(dir, `${name}.xlsx`);
  await writeLedgerWorkbook(file, { prefix: `${name}-`, year: 2025, programs: 5, sessionsPerProgram: 2, traineesPerSession: 3, certifications: 4, ...options });
  return file;
}

const SECTION = /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { training {
  personTimes socialPersonTimes inSchoolPersonTimes distinctPersons socialDistinctPersons hours candidates passed certificationRevenue
  byCategory { category personTimes hours } byTargetGroup { targetGroup personTimes } byLevel { level candidates passed }
  unreported { figure label ledger affects count message rows { code baseId } }
} } } }`;
const section = async (year: number) =>
  (await execute(sg, reporter, SECTION, { reps: [{ __typename: 'AnnualReport', groupId: G1, year }] })).data!._entities[0].training;
const count = async (table: string) => Number((await sg.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

beforeAll(async () => {
  process.env.PII_KEY = randomBytes(32).toString('base64');
  sg = await createTestSubgraph(bases, { directory });
  await new Promise<void>((resolve) => sg.httpServer.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(sg.httpServer.address() as { port: number }).port}/files`;
  const registered = await execute(sg, lead, `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`, {
    input: {
      groupId: G1,
      name: '未填报数字测试基地',
      kind: 'TRAINING_BASE',
      occupations: ['车工'],
      capacity: 50,
      coBuilders: [
        { uscc: demoUnit('jnzy').uscc, role: 'LEAD' },
        { uscc: demoUnit('jnjgzb').uscc, role: 'CO_BUILDER' },
      ],
    },
  });
  expect(registered.errors).toBeUndefined();
  baseId = registered.data!.registerTrainingBase.id;
}, 120000);

afterAll(async () => {
  await sg?.close();
  if (sg) await dropTestDatabase(sg.config.database);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a ledger with values nobody knew', () => {
  // Programmes (the generator's rotation): P1 企业职工技能培训 for 企业职工; P2 就业创业 for 退役军人、农民工; P3 在校生证书培训
  // for 在校生; P4 师资培训, here for 师资、企业职工; P5 再就业 for 企业职工、脱贫劳动力. Two sessions of 3 person-times each.
  const ledger = () =>
    workbook('unknown', {
      edit: (sheet, row, values) => {
        if (sheet === 'programs' && row === 5) return [values[0], values[1], values[2], '师资、企业职工', ...values.slice(4)];
        if (sheet === 'sessions' && row === 3) return [...values.slice(0, 5), '', values[6]]; // S1-2: 课时 empty
        if (sheet === 'sessions' && row === 6) return [...values.slice(0, 5), '\u3000', values[6]]; // S3-1: only a full-width space
        if (sheet === 'certifications' && row === 2) return [...values.slice(0, 6), '3,000']; // C1 初级, fee 3000
        if (sheet === 'certifications' && row === 3) return [values[0], values[1], values[2], values[3], '', values[5]]; // C2 中级: 通过人数 empty
        if (sheet === 'certifications' && row === 4) return [values[0], values[1], '', values[3], values[4], values[5]]; // C3: no level
        if (sheet === 'certifications' && row === 5) return [values[0], values[1], '未分级', values[3], values[4], values[5], '1200.50']; // C4
        return values;
      },
    });

  it('imports empty 课时, 通过人数 and 等级 as not reported, never as 0', async () => {
    const imported = await upload(await ledger());
    expect(imported).toMatchObject({ status: 200, json: { status: 'IMPORTED', import: { programs: 5, sessions: 10, certifications: 4, trainees: 30 } } });
    const stored = await sg.db.query('SELECT code, hours FROM training_session WHERE hours IS NULL ORDER BY code');
    expect(stored).toEqual([
      { code: 'unknown-S1-2', hours: null },
      { code: 'unknown-S3-1', hours: null },
    ]);
    const batches = await execute(
      sg,
      lead,
      `query($b: ID!) { certificationBatches(filter: { baseId: $b }, first: 10) { edges { node { code level passed feeRevenue } } } }`,
      {
        b: baseId,
      },
    );
    const nodes = batches.data!.certificationBatches.edges.map((e: any) => e.node).sort((a: any, b: any) => a.code.localeCompare(b.code));
    expect(nodes).toEqual([
      { code: 'unknown-C1', level: 'LEVEL_5', passed: 20, feeRevenue: '3000.00' },
      { code: 'unknown-C2', level: 'LEVEL_4', passed: null, feeRevenue: null },
      { code: 'unknown-C3', level: 'UNGRADED', passed: 20, feeRevenue: null },
      { code: 'unknown-C4', level: 'UNGRADED', passed: 20, feeRevenue: '1200.50' },
    ]);
    expect(Number((await sg.db.query(`SELECT COUNT(*) AS n FROM certification_batch WHERE level IS NULL`))[0].n)).toBe(2);
  });

  it('reports the figures that depend on them as null, naming the rows; the rest stays exact', async () => {
    const t = await section(2025);
    expect(t).toMatchObject({ personTimes: 30, hours: null, candidates: 20 + 21 + 22 + 23, passed: null, certificationRevenue: null });
    const hoursOf = Object.fromEntries(t.byCategory.map((c: any) => [c.category, c.hours]));
    expect(hoursOf).toEqual({ EMPLOYEE_SKILLS: null, EMPLOYMENT_ENTREPRENEURSHIP: 88, STUDENT_CERTIFICATE: null, TEACHER_TRAINING: 88, REEMPLOYMENT: 88 });
    expect(t.byLevel).toEqual([
      { level: 'LEVEL_4', candidates: 21, passed: null },
      { level: 'LEVEL_5', candidates: 20, passed: 20 },
      { level: 'UNGRADED', candidates: 22 + 23, passed: 20 + 20 },
    ]);
    expect(t.unreported).toEqual([
      {
        figure: 'hours',
        label: '课时',
        ledger: '培训班次',
        affects: ['hours', 'byCategory.EMPLOYEE_SKILLS.hours', 'byCategory.STUDENT_CERTIFICATE.hours'],
        count: 2,
        message: '「课时」未填报：培训班次 unknown-S1-2、unknown-S3-1 共 2 行缺少课时，依赖它的数字按未填报（空）计',
        rows: [
          { code: 'unknown-S1-2', baseId },
          { code: 'unknown-S3-1', baseId },
        ],
      },
      {
        figure: 'passed',
        label: '通过人数',
        ledger: '鉴定批次',
        affects: ['passed', 'byLevel.LEVEL_4.passed'],
        count: 1,
        message: '「通过人数」未填报：鉴定批次 unknown-C2 共 1 行缺少通过人数，依赖它的数字按未填报（空）计',
        rows: [{ code: 'unknown-C2', baseId }],
      },
      expect.objectContaining({ figure: 'certificationRevenue', affects: ['certificationRevenue'], count: 2, rows: [expect.anything(), expect.anything()] }),
    ]);
    const summary = await execute(
      sg,
      secretariat,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { trainingSummary(year: 2025) { personTimes hours candidates passed } } } }`,
      { reps: [{ __typename: 'Organization', id: orgId('jnzy') }] },
    );
    expect(summary.data!._entities[0].trainingSummary).toEqual({ personTimes: 30, hours: null, candidates: 86, passed: null });
    const totals = await execute(sg, lead, `query($b: ID!) { trainingTotals(by: CATEGORY, filter: { baseId: $b }) { key hours } }`, { b: baseId });
    expect(Object.fromEntries(totals.data!.trainingTotals.map((r: any) => [r.key, r.hours]))).toMatchObject({ EMPLOYEE_SKILLS: null, TEACHER_TRAINING: 88 });
  });

  it('counts each programme under its primary target group only, so the groups sum to the person-times; 师资 is 教师', async () => {
    const t = await section(2025);
    expect(t.byTargetGroup).toEqual([
      { targetGroup: 'EMPLOYEES', personTimes: 12 },
      { targetGroup: 'STUDENTS', personTimes: 6 },
      { targetGroup: 'TEACHERS', personTimes: 6 },
      { targetGroup: 'VETERANS', personTimes: 6 },
    ]);
    expect(t.byTargetGroup.reduce((n: number, g: any) => n + g.personTimes, 0)).toBe(t.personTimes);
    const totals = await execute(sg, reporter, `query($b: ID!) { trainingTotals(by: TARGET_GROUP, filter: { baseId: $b }) { key label personTimes } }`, {
      b: baseId,
    });
    expect(totals.data!.trainingTotals.reduce((n: number, r: any) => n + r.personTimes, 0)).toBe(30);
    expect(totals.data!.trainingTotals.find((r: any) => r.key === 'TEACHERS')).toEqual({ key: 'TEACHERS', label: '教师', personTimes: 6 });
    const programs = await execute(
      sg,
      lead,
      `query($b: ID!) { trainingSessions(filter: { baseId: $b, anyTargetGroup: MIGRANT_WORKERS }, first: 10) { totalCount edges { node { targetGroup program { targetGroups primaryTargetGroup } } } } }`,
      { b: baseId },
    );
    expectEach(
      programs.data!.trainingSessions.edges,
      (e: any) =>
        e.node.targetGroup === 'VETERANS' &&
        e.node.program.primaryTargetGroup === 'VETERANS' &&
        e.node.program.targetGroups.join() === 'VETERANS,MIGRANT_WORKERS',
      2,
    );
    const primary = await execute(
      sg,
      lead,
      `query($b: ID!) { trainingSessions(filter: { baseId: $b, targetGroup: MIGRANT_WORKERS }, first: 10) { totalCount } }`,
      {
        b: baseId,
      },
    );
    expect(primary.data!.trainingSessions.totalCount).toBe(0);
  });

  it('keeps 在校生证书培训 out of social training', async () => {
    const t = await section(2025);
    expect(t).toMatchObject({ socialPersonTimes: 24, inSchoolPersonTimes: 6, distinctPersons: 30, socialDistinctPersons: 24 });
    expect(t.socialPersonTimes + t.inSchoolPersonTimes).toBe(t.personTimes);
  });

  it('exports not reported as empty cells, and 未分级 by name', async () => {
    const response = await fetch(`${filesUrl}/export.xlsx?baseId=${baseId}&year=2025`, {
      headers: { [SECRET_HEADER]: sg.config.gatewaySecret, [IDENTITY_HEADER]: identity(lead) },
    });
    expect(response.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
    const rows = (name: string) => (book.getWorksheet(name)!.getSheetValues().slice(2).filter(Boolean) as unknown[][]).map((r) => r.slice(1));
    const sessions = new Map(rows('培训班次').map((r) => [r[0], r]));
    expect(sessions.get('unknown-S1-2')![5]).toBeUndefined();
    expect(sessions.get('unknown-S1-1')![5]).toBe(40);
    const batches = new Map(rows('鉴定批次').map((r) => [r[0], r]));
    const c2 = batches.get('unknown-C2')!;
    expect([c2[2], c2[3], c2[4], c2[6]]).toEqual(['中级', 21, undefined, undefined]);
    expect(batches.get('unknown-C3')![2]).toBe('未分级');
    expect(batches.get('unknown-C4')![6]).toBe('1200.50');
    const programs = new Map(rows('培训项目').map((r) => [r[0], r]));
    expect(programs.get('unknown-P4')![3]).toBe('教师、企业职工');
  });

  it('refuses a value that is there but not a count or an amount, keeping nothing', async () => {
    const before = [await count('training_session'), await count('certification_batch')];
    const file = await workbook('bad', {
      programs: 1,
      certifications: 2,
      edit: (sheet, row, values) => {
        if (sheet === 'sessions' && row === 2) return [...values.slice(0, 5), '四十', values[6]];
        if (sheet === 'certifications' && row === 2) return [values[0], values[1], '特级', values[3], '-1', values[5], '免费'];
        return values;
      },
    });
    const result = await upload(file);
    expect(result.status).toBe(422);
    expect(result.json.errors).toEqual([
      { sheet: '培训班次', row: 2, reasons: ['课时应为不小于 0 的整数，不知道时留空即未填报（hours）'] },
      {
        sheet: '鉴定批次',
        row: 2,
        reasons: [
          '等级「特级」应为 初级、中级、高级、技师 或 高级技师，不分等级时留空即未分级（level）',
          '通过人数应为不小于 0 的整数，不知道时留空即未填报（passed）',
          '收费「免费」应为以元为单位、最多两位小数的非负数，不知道时留空（fee in yuan）',
        ],
      },
    ]);
    expect([await count('training_session'), await count('certification_batch')]).toEqual(before);
  });

  it('still reads a workbook from the earlier template, without the 收费 column', async () => {
    const file = await workbook('old', {
      programs: 1,
      certifications: 1,
      year: 2024,
      edit: (sheet, _row, values) => (sheet === 'certifications' ? values.slice(0, 6) : values), // no 收费 header, no 收费 cells
    });
    expect((await upload(file)).json).toMatchObject({ status: 'IMPORTED', import: { certifications: 1 } });
    expect((await section(2024)).certificationRevenue).toBeNull();
  });

  it('gives 0, not null, for a year with no ledger rows', async () => {
    expect(await section(2019)).toMatchObject({ hours: 0, passed: 0, certificationRevenue: '0.00', unreported: [], byTargetGroup: [] });
  });
});

describe('the migration of an existing database', () => {
  it('takes the first listed target group as the primary one, for programmes and their sessions, and allows empty values', async () => {
    const config = testDatabase('bases-migration');
    const before = await openDataSource(config, { entities: [], migrations: [BasesInitial1763900000000] });
    const ledger = ['b1', 'g1', 'o1'];
    const program = (id: string, targetGroups: string[]) =>
      before.query(
        `INSERT INTO training_program (id, baseId, groupId, organizationId, code, name, category, mode, targetGroups, subsidised, year, importId) VALUES (?, ?, ?, ?, ?, ?, 'OTHER', 'OFFLINE', ?, 0, 2025, 'i1')`,
        [id, ...ledger, id, id, JSON.stringify(targetGroups)],
      );
    await program('p-two', ['VETERANS', 'MIGRANT_WORKERS']);
    await program('p-one', ['STUDENTS']);
    await program('p-other', ['VETERANS', 'MIGRANT_WORKERS']);
    for (const [id, programId] of [
      ['s1', 'p-two'],
      ['s2', 'p-one'],
    ])
      await before.query(
        `INSERT INTO training_session (id, baseId, groupId, organizationId, programId, category, mode, code, startsOn, endsOn, month, year, personTimes, hours, revenue, importId) VALUES (?, ?, ?, ?, ?, 'OTHER', 'OFFLINE', ?, '2025-03-01', '2025-03-02', '2025-03', 2025, 10, 8, 0, 'i1')`,
        [id, ...ledger, programId, id],
      );
    await before.destroy();

    const after = await openDataSource(config, { entities: [], migrations: [BasesInitial1763900000000, BasesUnknownFigures1764310000000] });
    try {
      expect(await after.query('SELECT id, primaryTargetGroup FROM training_program ORDER BY id')).toEqual([
        { id: 'p-one', primaryTargetGroup: 'STUDENTS' },
        { id: 'p-other', primaryTargetGroup: 'VETERANS' },
        { id: 'p-two', primaryTargetGroup: 'VETERANS' },
      ]);
      expect(await after.query('SELECT id, targetGroup, hours FROM training_session ORDER BY id')).toEqual([
        { id: 's1', targetGroup: 'VETERANS', hours: 8 },
        { id: 's2', targetGroup: 'STUDENTS', hours: 8 },
      ]);
      await after.query(
        `INSERT INTO training_session (id, baseId, groupId, organizationId, programId, category, mode, targetGroup, code, startsOn, endsOn, month, year, personTimes, hours, revenue, importId) VALUES ('s3', 'b1', 'g1', 'o1', 'p-one', 'OTHER', 'OFFLINE', 'STUDENTS', 's3', '2025-03-01', '2025-03-02', '2025-03', 2025, 10, NULL, 0, 'i1')`,
      );
      await after.query(
        `INSERT INTO certification_batch (id, baseId, groupId, organizationId, code, occupation, level, candidates, passed, feeRevenue, assessedOn, year, importId) VALUES (?, 'b1', 'g1', 'o1', 'c1', '车工', NULL, 10, NULL, NULL, '2025-03-01', 2025, 'i1')`,
        [randomUUID()],
      );
      expect(await after.query(`SELECT level, passed, feeRevenue FROM certification_batch`)).toEqual([{ level: null, passed: null, feeRevenue: null }]);
      // The unique code per base survived the rebuild of the table (SQLite rebuilds it to change a column).
      await expect(
        after.query(
          `INSERT INTO training_session (id, baseId, groupId, organizationId, programId, category, mode, targetGroup, code, startsOn, endsOn, month, year, personTimes, hours, revenue, importId) VALUES ('s4', 'b1', 'g1', 'o1', 'p-one', 'OTHER', 'OFFLINE', 'STUDENTS', 's3', '2025-03-01', '2025-03-02', '2025-03', 2025, 10, NULL, 0, 'i1')`,
        ),
      ).rejects.toThrow();
    } finally {
      await after.destroy();
      await dropTestDatabase(config);
    }
  });
});
