import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO } from '@zjjt/demo';
import { writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { codesOf, dataOf, expectEach, startTestHub, TestHub, usccOf } from './harness';

let hub: TestHub;
const tokens: Record<string, string> = {};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bases-e2e-'));
let baseId: string;

beforeAll(async () => {
  hub = await startTestHub();
  tokens.school = await hub.token({ sub: 'e2e-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  tokens.enterprise = await hub.token({ sub: 'e2e-ent', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
  tokens.secretariat = await hub.token({ sub: 'e2e-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
  tokens.reporter = await hub.token({ sub: 'e2e-bot', roles: ['REPORTER'], groups: [DEMO.groupId] });
}, 120000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const filesUrl = () => hub.url.replace(/\/graphql$/, '/files/bases');

async function upload(file: string, token: string) {
  const response = await fetch(`${filesUrl()}/imports?baseId=${baseId}&fileName=${encodeURIComponent('2025年培训台账.xlsx')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${token}` },
    body: fs.readFileSync(file),
  });
  return { status: response.status, json: (await response.json()) as any };
}

describe('a base’s ledgers, from registration to the annual report', () => {
  it('register with co-builders → import → query ledgers and totals → AnnualReport.training', async () => {
    const uscc = async (id: string) => await usccOf(hub, id, tokens.secretariat);
    const base = dataOf(
      await hub.gql(
        /* GraphQL */ `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id name coBuilders { role organization { name } } } }`,
        {
          input: {
            groupId: DEMO.groupId,
            name: '智能制造高技能人才培训基地（端到端）',
            kind: 'TRAINING_BASE',
            occupations: ['数控车工', '工业机器人系统运维员'],
            capacity: 200,
            coBuilders: [
              { uscc: await uscc(DEMO.schoolOrgId), role: 'LEAD' },
              { uscc: await uscc(DEMO.memberOrgId), role: 'CO_BUILDER' },
            ],
            designations: [{ level: 'NATIONAL', title: '国家级高技能人才培训基地', issuer: '人力资源社会保障部', awardedOn: '2024-12-01' }],
          },
        },
        tokens.school,
      ),
    ).registerTrainingBase;
    baseId = base.id;
    expect(base.coBuilders).toEqual([
      { role: 'LEAD', organization: { name: '济南示范职业技术学院（演示）' } },
      { role: 'CO_BUILDER', organization: { name: '济南示范激光装备有限公司（演示）' } },
    ]);

    const template = await fetch(`${filesUrl()}/template.xlsx`, { headers: { authorization: `Bearer ${tokens.school}` } });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toMatch(/spreadsheetml/);

    const before = dataOf(
      await hub.gql(`query($g: ID!) { annualReport(groupId: $g, year: 2025) { training { personTimes candidates } } }`, { g: DEMO.groupId }, tokens.reporter),
    ).annualReport.training;
    const file = path.join(dir, 'ledger.xlsx');
    await writeLedgerWorkbook(file, { prefix: 'E2E-', year: 2025, programs: 3, sessionsPerProgram: 4, traineesPerSession: 10, certifications: 5 });
    const imported = await upload(file, tokens.enterprise);
    expect(imported).toMatchObject({ status: 200, json: { status: 'IMPORTED', import: { programs: 3, sessions: 12, certifications: 5, trainees: 120 } } });
    const again = await upload(file, tokens.school);
    expect(again.json.status).toBe('ALREADY_IMPORTED');

    const sessions = dataOf(
      await hub.gql(
        `query($b: ID!) { trainingSessions(filter: { baseId: $b, targetGroup: STUDENTS }, first: 50) { totalCount edges { node { code personTimes program { name targetGroups } } } } }`,
        { b: baseId },
        tokens.school,
      ),
    ).trainingSessions;
    expect(sessions.totalCount).toBeGreaterThan(0);
    expectEach(sessions.edges, (e: any) => e.node.program.targetGroups.includes('STUDENTS'), sessions.totalCount);
    const byMonth = dataOf(
      await hub.gql(`query($b: ID!) { trainingTotals(by: MONTH, filter: { baseId: $b }) { key personTimes revenueWan } }`, { b: baseId }, tokens.secretariat),
    ).trainingTotals;
    expect(byMonth.reduce((n: number, r: any) => n + r.personTimes, 0)).toBe(120);

    const after = dataOf(
      await hub.gql(
        `query($g: ID!) { annualReport(groupId: $g, year: 2025) { training { personTimes candidates byLevel { level candidates } } } }`,
        { g: DEMO.groupId },
        tokens.reporter,
      ),
    ).annualReport.training;
    expect(after.personTimes).toBe(before.personTimes + 120);
    expect(after.candidates).toBeGreaterThan(before.candidates);

    const members = dataOf(
      await hub.gql(
        `query($g: ID!) { group(id: $g) { members(first: 100, search: "济南示范职业技术学院") { edges { node { organization { id bases { name } trainingSummary(year: 2025) { personTimes } } } } } } }`,
        { g: DEMO.groupId },
        tokens.secretariat,
      ),
    );
    const school = members.group.members.edges.find((e: any) => e.node.organization.id === DEMO.schoolOrgId).node.organization;
    expect(school.bases.map((b: any) => b.name)).toContain('智能制造高技能人才培训基地（端到端）');
  });

  it('keeps trainees masked, reveals with audit to the secretariat only, and never to the bot', async () => {
    const roster = dataOf(
      await hub.gql(`query($b: ID!) { trainees(baseId: $b, first: 5) { edges { node { id idNumberMasked phoneMasked } } } }`, { b: baseId }, tokens.school),
    ).trainees.edges;
    expect(roster[0].node.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    const bot = await hub.gql(`query($b: ID!) { trainees(baseId: $b) { totalCount } }`, { b: baseId }, tokens.reporter);
    expect(codesOf(bot)).toEqual(['FORBIDDEN']);
    const byMember = await hub.gql(
      `mutation($id: ID!) { revealTraineeField(traineeId: $id, field: PHONE, reason: "联系学员") }`,
      { id: roster[0].node.id },
      tokens.school,
    );
    expect(codesOf(byMember)).toEqual(['FORBIDDEN']);
    const revealed = dataOf(
      await hub.gql(
        `mutation($id: ID!) { revealTraineeField(traineeId: $id, field: PHONE, reason: "核实补贴发放") }`,
        { id: roster[0].node.id },
        tokens.secretariat,
      ),
    ).revealTraineeField;
    expect(revealed).toMatch(/^1\d{10}$/);
    expect(`${revealed.slice(0, 3)}****${revealed.slice(7)}`).toBe(roster[0].node.phoneMasked);
    const exported = await fetch(`${filesUrl()}/export.xlsx?baseId=${baseId}&year=2025&targetGroup=STUDENTS`, {
      headers: { authorization: `Bearer ${tokens.school}` },
    });
    expect(exported.status).toBe(200);
    // Read the workbook back: only sessions for 在校生, and every 身份证号 masked.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ArrayBuffer);
    const sessionRows = workbook.getWorksheet('培训班次')!.getSheetValues().slice(2).filter(Boolean);
    const studentsOnly = dataOf(
      await hub.gql(
        `query($b: ID!) { trainingSessions(filter: { baseId: $b, targetGroup: STUDENTS }, first: 100) { totalCount } }`,
        { b: baseId },
        tokens.school,
      ),
    ).trainingSessions.totalCount;
    expect(sessionRows).toHaveLength(studentsOnly);
    const ids = workbook
      .getWorksheet('学员名册')!
      .getSheetValues()
      .slice(2)
      .filter(Boolean)
      .map((row) => (row as unknown[])[3]);
    expectEach(ids, (id) => /^\d{3}\*{11}[\dX]{4}$/.test(String(id)));
    const badFilter = await fetch(`${filesUrl()}/export.xlsx?baseId=${baseId}&category=SPACE`, { headers: { authorization: `Bearer ${tokens.school}` } });
    expect(badFilter.status).toBe(400);
    const botExport = await fetch(`${filesUrl()}/export.xlsx?baseId=${baseId}`, { headers: { authorization: `Bearer ${tokens.reporter}` } });
    expect(botExport.status).toBe(404);
  });

  it('refuses an import by a unit that does not build the base, and a file too large for the gateway', async () => {
    const outsider = await hub.token({ sub: 'e2e-out', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
    const file = path.join(dir, 'outsider.xlsx');
    await writeLedgerWorkbook(file, { prefix: 'OUT-', year: 2025, programs: 1, sessionsPerProgram: 1, traineesPerSession: 2, certifications: 0 });
    expect((await upload(file, outsider)).status).toBe(403);
    const big = await fetch(`${filesUrl()}/imports?baseId=${baseId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${tokens.school}` },
      body: Buffer.alloc(50 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });

  it('writes no 身份证号 or mobile number to any log', async () => {
    const id = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/;
    const mobile = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;
    expect(hub.logs.length).toBeGreaterThan(0);
    expect(hub.logs.filter((line) => id.test(line) || mobile.test(line))).toEqual([]);
  });
});

describe('the bases an annual report counts are those that existed in its year', () => {
  const BASES = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { training { basesByKind { kind count } designationsByLevel { level count } } } }`;
  const basesIn = async (year: number) => dataOf(await hub.gql(BASES, { g: DEMO.groupId, y: year }, tokens.reporter)).annualReport.training;
  const register = async (name: string, extra: Record<string, unknown>) => {
    const uscc = await usccOf(hub, DEMO.schoolOrgId, tokens.secretariat);
    return hub.gql(
      /* GraphQL */ `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id establishedOn } }`,
      { input: { groupId: DEMO.groupId, name, kind: 'MASTER_STUDIO', occupations: ['钳工'], capacity: 20, coBuilders: [{ uscc, role: 'LEAD' }], ...extra } },
      tokens.secretariat,
    );
  };

  it('a report for 2005 counts none of the bases registered since; a base established in 2010 counts from 2010, its designation from its award', async () => {
    // Every demo base was registered in 2025: none existed in 2005.
    expect(await basesIn(2005)).toEqual({ basesByKind: [], designationsByLevel: [] });
    const now2025 = await basesIn(2025);
    expect(now2025.basesByKind.length).toBeGreaterThan(0);
    const studios2025 = now2025.basesByKind.find((k: { kind: string }) => k.kind === 'MASTER_STUDIO')?.count ?? 0;

    const old = dataOf(
      await register('钳工技能大师工作室（2010 年建成）', {
        establishedOn: '2010-03-01',
        designations: [{ level: 'PROVINCIAL', title: '省级技能大师工作室', issuer: '山东省人力资源和社会保障厅', awardedOn: '2012-06-01' }],
      }),
    ).registerTrainingBase;
    expect(old.establishedOn).toBe('2010-03-01');
    expect(await basesIn(2009)).toEqual({ basesByKind: [], designationsByLevel: [] });
    expect(await basesIn(2011)).toEqual({ basesByKind: [{ kind: 'MASTER_STUDIO', count: 1 }], designationsByLevel: [] });
    expect(await basesIn(2012)).toEqual({ basesByKind: [{ kind: 'MASTER_STUDIO', count: 1 }], designationsByLevel: [{ level: 'PROVINCIAL', count: 1 }] });

    // Registered today without a date: established today, so in this year's report and not in last year's.
    const today = new Date().toISOString().slice(0, 10);
    const thisYear = Number(today.slice(0, 4));
    const studiosOf = async (year: number) => (await basesIn(year)).basesByKind.find((k: { kind: string }) => k.kind === 'MASTER_STUDIO')?.count ?? 0;
    const [lastYearBefore, thisYearBefore] = [await studiosOf(thisYear - 1), await studiosOf(thisYear)];
    if (thisYear - 1 === 2025) expect(lastYearBefore).toBe(studios2025 + 1);
    const fresh = dataOf(await register('钳工技能大师工作室（今年登记）', {})).registerTrainingBase;
    expect(fresh.establishedOn).toBe(today);
    expect(await studiosOf(thisYear - 1)).toBe(lastYearBefore);
    expect(await studiosOf(thisYear)).toBe(thisYearBefore + 1);

    const future = await register('未来的基地', { establishedOn: `${Number(today.slice(0, 4)) + 1}-01-01` });
    expect(codesOf(future)).toEqual(['BAD_USER_INPUT']);
    expect(future.body.errors![0].message).toMatch(/建成日期 .* 不能晚于今天/);
  });
});
