import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { Subgraph, Viewer } from '@zjjt/kit';
import { DEMO, demoDirectoryEntry, demoId, demoUnit, orgId } from '@zjjt/demo';
import { dropTestDatabase, execute, createTestSubgraph, inMemoryDirectory, expectEach } from '@zjjt/kit/testing';
import { bases } from '../src/schema';
import { BasesLoaders } from '../src/context';
import { demoIdNumber, writeLedgerWorkbook, LedgerWorkbookOptions } from '../../../scripts/lib/ledger-workbook';

// This subgraph runs in-process, listening on a free port so its /files routes are called over
// real HTTP with real workbooks; members is an in-memory directory of the units the tests name.
let sg: Subgraph<BasesLoaders>;
let filesUrl: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bases-'));

const G1 = DEMO.groupId;
const org = orgId;
const USCC = { jnzy: demoUnit('jnzy').uscc, jnjgzb: demoUnit('jnjgzb').uscc, jnskjc: demoUnit('jnskjc').uscc };
const directory = inMemoryDirectory({
  organizations: ['jnzy', 'jnjgzb', 'jnskjc'].map(demoDirectoryEntry),
  activeMembers: { [G1]: [org('jnzy'), org('jnjgzb'), org('jnskjc')] },
});
const lead = new Viewer('lead-user', org('jnzy'), [G1], ['MEMBER']);
const partner = new Viewer('partner-user', org('jnjgzb'), [G1], ['MEMBER']);
const outsider = new Viewer('outsider-user', org('jnskjc'), [G1], ['MEMBER']);
const secretariat = new Viewer('sec-user', null, [G1], ['SECRETARIAT']);
const reporter = new Viewer('bot', null, [G1], ['REPORTER']);
let baseId: string;

const identity = (v: Viewer) => signIdentity({ sub: v.userId!, org: v.organizationId, groups: [...v.groupIds], roles: [...v.roles] }, sg.config.gatewaySecret);

async function upload(viewer: Viewer, file: string | Buffer, query = '') {
  const body = typeof file === 'string' ? fs.readFileSync(file) : file;
  const response = await fetch(`${filesUrl}/imports?baseId=${baseId}&fileName=ledger.xlsx${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [SECRET_HEADER]: sg.config.gatewaySecret, [IDENTITY_HEADER]: identity(viewer) },
    body,
  });
  const text = await response.text();
  return { status: response.status, text, json: JSON.parse(text) };
}

async function workbook(name: string, options: Partial<LedgerWorkbookOptions> = {}) {
  const file = path.join(dir, `${name}.xlsx`);
  await writeLedgerWorkbook(file, { prefix: `${name}-`, year: 2025, programs: 2, sessionsPerProgram: 2, traineesPerSession: 5, certifications: 3, ...options });
  return file;
}

async function rowCounts() {
  const count = (table: string) => sg.db.query(`SELECT COUNT(*) AS n FROM ${table}`).then((rows: { n: number | string }[]) => Number(rows[0].n));
  return {
    programs: await count('training_program'),
    sessions: await count('training_session'),
    certifications: await count('certification_batch'),
    trainees: await count('trainee'),
    imports: await count('ledger_import'),
  };
}

const codes = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  process.env.PII_KEY = randomBytes(32).toString('base64');
  sg = await createTestSubgraph(bases, { directory });
  await new Promise<void>((resolve) => sg.httpServer.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(sg.httpServer.address() as { port: number }).port}/files`;
  const registered = await execute(
    sg,
    lead,
    /* GraphQL */ `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id coBuilders { organization { id } role } } }`,
    {
      input: {
        groupId: G1,
        name: '激光与智能制造联合培训基地（测试）',
        kind: 'TRAINING_BASE',
        occupations: ['激光设备安装调试员', '车工'],
        capacity: 120,
        coBuilders: [
          { uscc: USCC.jnzy, role: 'LEAD' },
          { uscc: USCC.jnjgzb, role: 'CO_BUILDER' },
        ],
        designations: [{ level: 'PROVINCIAL', title: '省级公共实训基地', issuer: '山东省人力资源和社会保障厅', awardedOn: '2023-09-01' }],
      },
    },
  );
  expect(registered.errors).toBeUndefined();
  baseId = registered.data!.registerTrainingBase.id;
}, 120000);

afterAll(async () => {
  await sg?.close();
  if (sg) await dropTestDatabase(sg.config.database);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('registering a base', () => {
  it('records the co-builders, and refuses a member registering a base it does not lead', async () => {
    const base = await execute(
      sg,
      partner,
      `query($id: ID!) { trainingBase(id: $id) { coBuilders { organization { id } role } designations { level title } } }`,
      { id: baseId },
    );
    expect(base.data!.trainingBase.coBuilders).toEqual([
      { organization: { id: org('jnzy') }, role: 'LEAD' },
      { organization: { id: org('jnjgzb') }, role: 'CO_BUILDER' },
    ]);
    const notLead = await execute(sg, outsider, `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`, {
      input: { groupId: G1, name: 'x', kind: 'WORKSTATION', occupations: [], capacity: 1, coBuilders: [{ uscc: '91350100M000100Y43', role: 'LEAD' }] },
    });
    expect(codes(notLead)).toEqual(['BAD_USER_INPUT']); // a valid code, but of no unit the hub knows
    expect(notLead.errors![0].message).toMatch(/不是本平台登记的单位/);
    const ledByAnother = await execute(sg, outsider, `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`, {
      input: {
        groupId: G1,
        name: 'x',
        kind: 'WORKSTATION',
        occupations: [],
        capacity: 1,
        coBuilders: [
          { uscc: USCC.jnzy, role: 'LEAD' },
          { uscc: USCC.jnskjc, role: 'CO_BUILDER' },
        ],
      },
    });
    expect(codes(ledByAnother)).toEqual(['FORBIDDEN']);
    expect(await sg.db.query('SELECT id FROM training_base')).toEqual([{ id: baseId }]);
  });
});

describe('importing ledgers', () => {
  it('imports a workbook, masks trainees, and a second upload of the same file changes nothing', async () => {
    const file = await workbook('ok');
    const before = await rowCounts();
    const first = await upload(lead, file);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'IMPORTED', import: { programs: 2, sessions: 4, certifications: 3, trainees: 20 } });
    const after = await rowCounts();
    expect(after).toEqual({
      programs: before.programs + 2,
      sessions: before.sessions + 4,
      certifications: before.certifications + 3,
      trainees: before.trainees + 20,
      imports: before.imports + 1,
    });
    const again = await upload(partner, file);
    expect(again.json.status).toBe('ALREADY_IMPORTED');
    expect(await rowCounts()).toEqual(after);

    const roster = await execute(
      sg,
      partner,
      `query($b: ID!) { trainees(baseId: $b, first: 100) { totalCount edges { node { id name idNumberMasked phoneMasked } } } }`,
      { b: baseId },
    );
    expect(roster.data!.trainees.totalCount).toBe(20);
    const people = roster.data!.trainees.edges.map((e: any) => e.node);
    expectEach(people, (p: any) => /^\d{3}\*{11}[\dX]{4}$/.test(p.idNumberMasked) && /^1\d{2}\*{4}\d{4}$/.test(p.phoneMasked));
    // Bounded, so a digit run inside a random id is not taken for a number.
    expect(JSON.stringify(roster)).not.toMatch(/(?<![0-9A-Za-z-])(\d{17}[\dX]|1[3-9]\d{9})(?![0-9A-Za-z])/);
    const stored = JSON.stringify(await sg.db.query('SELECT * FROM trainee'));
    expect(stored).not.toContain(demoIdNumber(1));

    const botRoster = await execute(sg, reporter, `query($b: ID!) { trainees(baseId: $b) { totalCount } }`, { b: baseId });
    expect(codes(botRoster)).toEqual(['FORBIDDEN']);
  });

  it('refuses trainees already on the roster of a session imported before, persisting nothing', async () => {
    // Rows 2 and 3 are persons 1 and 2, whom the first workbook put on its session ok-S1-1.
    const file = await workbook('onto', {
      programs: 1,
      sessionsPerProgram: 1,
      traineesPerSession: 4,
      certifications: 0,
      edit: (sheet, row, values) => (sheet === 'trainees' && (row === 2 || row === 3) ? ['ok-S1-1', ...values.slice(1)] : values),
    });
    const before = await rowCounts();
    const result = await upload(lead, file);
    expect(result.status).toBe(422);
    expect(result.json.errors.map((e: any) => `${e.sheet}:${e.row}`)).toEqual(['学员名册:2', '学员名册:3']);
    expectEach(result.json.errors, (e: any) => /已在此班次的名册中/.test(e.reasons[0]));
    expect(await rowCounts()).toEqual(before);
  });

  it('reveals to the secretariat only, with a reason, and keeps an audit row', async () => {
    const roster = await execute(sg, secretariat, `query($b: ID!) { trainees(baseId: $b, first: 1) { edges { node { id idNumberMasked } } } }`, { b: baseId });
    const trainee = roster.data!.trainees.edges[0].node;
    const byMember = await execute(sg, lead, `mutation($id: ID!) { revealTraineeField(traineeId: $id, field: ID_NUMBER, reason: "核对") }`, { id: trainee.id });
    expect(codes(byMember)).toEqual(['FORBIDDEN']);
    const noReason = await execute(sg, secretariat, `mutation($id: ID!) { revealTraineeField(traineeId: $id, field: ID_NUMBER, reason: " ") }`, {
      id: trainee.id,
    });
    expect(codes(noReason)).toEqual(['BAD_USER_INPUT']);
    const revealed = await execute(sg, secretariat, `mutation($id: ID!) { revealTraineeField(traineeId: $id, field: ID_NUMBER, reason: "补贴申报核对身份") }`, {
      id: trainee.id,
    });
    const value: string = revealed.data!.revealTraineeField;
    expect(value).toMatch(/^\d{17}[\dX]$/);
    expect(`${value.slice(0, 3)}***********${value.slice(14)}`).toBe(trainee.idNumberMasked);
    const audits = await execute(sg, secretariat, `query($g: ID!) { revealAudits(groupId: $g) { traineeId field reason actorUserId } }`, { g: G1 });
    expect(audits.data!.revealAudits).toEqual([{ traineeId: trainee.id, field: 'ID_NUMBER', reason: '补贴申报核对身份', actorUserId: 'sec-user' }]);
  });

  it('rejects 1,000 rows with row 999 bad, listing every bad row, persisting nothing', async () => {
    const file = await workbook('bad999', {
      programs: 1,
      sessionsPerProgram: 10,
      traineesPerSession: 100,
      certifications: 2,
      edit: (sheet, row, values) => {
        if (sheet === 'trainees' && row === 999)
          return [values[0], values[1], `${String(values[2]).slice(0, 17)}${String(values[2])[17] === '0' ? '1' : '0'}`, values[3]];
        if (sheet === 'trainees' && row === 500) return [values[0], values[1], '12345', values[3]];
        if (sheet === 'certifications' && row === 3) return [values[0], values[1], values[2], 10, 11, values[5]];
        if (sheet === 'sessions' && row === 4) return [values[0], values[1], '2025-06-10', '2025-06-01', -5, values[5], '12.345'];
        return values;
      },
    });
    const before = await rowCounts();
    const result = await upload(lead, file);
    expect(result.status).toBe(422);
    expect(result.json.status).toBe('REJECTED');
    const rows = result.json.errors.map((e: any) => `${e.sheet}:${e.row}`);
    expect(rows).toEqual(['培训班次:4', '鉴定批次:3', '学员名册:500', '学员名册:999']);
    const session = result.json.errors[0].reasons.join('；');
    expect(session).toMatch(/早于开班日期/);
    expect(session).toMatch(/培训人次/);
    expect(session).toMatch(/到账金额/);
    expect(result.json.errors[1].reasons[0]).toMatch(/通过人数 11 大于参加人数 10/);
    expect(result.json.errors[3].reasons[0]).toMatch(/校验位/);
    expect(result.text).not.toMatch(/\d{17}[\dX]/);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses files that are not a usable workbook, and units that do not build the base', async () => {
    const before = await rowCounts();
    const notExcel = await upload(lead, Buffer.from('项目编号,项目名称\nP1,车工\n'));
    expect(notExcel.status).toBe(400);
    expect(notExcel.json.errors[0].message).toMatch(/不是有效的 Excel/);
    const fakeZip = await upload(lead, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]));
    expect(fakeZip.json.errors[0].message).toMatch(/不是有效的 Excel/);
    const empty = await upload(lead, await workbook('empty', { programs: 0, certifications: 0 }));
    expect(empty.json.errors[0].message).toMatch(/没有任何数据行/);
    const headers = await upload(
      lead,
      await workbook('headers', { edit: (sheet, row, values) => (sheet === 'sessions' && row === 1 ? ['班次', ...values.slice(1)] : values) }),
    );
    expect(headers.json.errors[0].message).toMatch(/「培训班次」的表头（header row）应为/);
    const stranger = await upload(outsider, await workbook('stranger'));
    expect(stranger.status).toBe(403);
    const huge = await upload(lead, Buffer.alloc(21 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('ledger queries', () => {
  it('filters sessions and totals them by month, category, target group and base', async () => {
    const sessions = await execute(
      sg,
      lead,
      `query($b: ID!) { trainingSessions(filter: { baseId: $b, year: 2025 }, first: 100) { totalCount edges { node { code personTimes revenue program { name } } } } }`,
      { b: baseId },
    );
    expect(sessions.data!.trainingSessions.totalCount).toBe(4);
    const totals = async (by: string, viewer = lead) =>
      (
        await execute(
          sg,
          viewer,
          `query($b: ID!) { trainingTotals(by: ${by}, filter: { baseId: $b }) { key label sessions personTimes revenue revenueWan } }`,
          { b: baseId },
        )
      ).data!.trainingTotals;
    const byMonth = await totals('MONTH');
    expect(byMonth.reduce((n: number, r: any) => n + r.personTimes, 0)).toBe(20);
    expect((await totals('CATEGORY')).map((r: any) => r.label)).toEqual(expect.arrayContaining(['企业职工技能培训']));
    const byBase = await totals('BASE');
    expect(byBase).toEqual([
      { key: baseId, label: '激光与智能制造联合培训基地（测试）', sessions: 4, personTimes: 20, revenue: '7000.00', revenueWan: '0.70' },
    ]);
    expect(await totals('BASE', outsider)).toEqual([]);
    expect((await totals('BASE', reporter))[0].personTimes).toBe(20);
  });

  it('gives the group’s annual training section and each unit’s summary', async () => {
    const entities = await execute(
      sg,
      reporter,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { training { personTimes distinctPersons hours revenueWan candidates passed byLevel { level candidates passed } basesByKind { kind count } } } ... on Organization { id bases { id } trainingSummary(year: 2025) { sessions personTimes } } } }`,
      {
        reps: [
          { __typename: 'AnnualReport', groupId: G1, year: 2025 },
          { __typename: 'Organization', id: org('jnzy') },
        ],
      },
    );
    const training = entities.data!._entities[0].training;
    expect(training).toMatchObject({ personTimes: 20, distinctPersons: 20, candidates: expect.any(Number) });
    expect(training.passed).toBeLessThanOrEqual(training.candidates);
    expect(entities.data!._entities[1]).toMatchObject({ id: org('jnzy'), bases: [{ id: baseId }], trainingSummary: { sessions: 4, personTimes: 20 } });
    const otherGroup = new Viewer('g2-user', null, [DEMO.secondGroupId], ['SECRETARIAT']);
    const denied = await execute(
      sg,
      otherGroup,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { training { personTimes } } } }`,
      { reps: [{ __typename: 'AnnualReport', groupId: G1, year: 2025 }] },
    );
    expect(denied.data!._entities[0].training).toBeNull();
  });

  it('costs the same statements for trainingSummary of 3 units as of 30', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => demoId('organization', `unit-${i}`));
    const run = async (n: number) => {
      const before = sg.queries.count;
      await execute(
        sg,
        secretariat,
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { bases { id } trainingSummary(year: 2025) { personTimes } } } }`,
        { reps: ids.slice(0, n).map((id) => ({ __typename: 'Organization', id })) },
      );
      return sg.queries.count - before;
    };
    expect(await run(30)).toBe(await run(3));
  });
});
