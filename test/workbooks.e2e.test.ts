import fs from 'node:fs';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import { ID_NUMBER_AS_NUMBER } from '../subgraphs/bases/src/imports/cells';
import { dataOf, registerTrainingBase, startTestHub, TestHub, usccOf } from './harness';

/** Ledger workbooks saved by LibreOffice Calc (see subgraphs/bases/test/fixtures/README.md). */
const FIXTURES = path.join(__dirname, '../subgraphs/bases/test/fixtures');

let hub: TestHub;
const tokens: Record<string, string> = {};
let baseId: string;

beforeAll(async () => {
  hub = await startTestHub();
  tokens.school = await hub.token({ sub: 'wb-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  tokens.secretariat = await hub.token({ sub: 'wb-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
  const uscc = await usccOf(hub, DEMO.schoolOrgId, tokens.secretariat);
  baseId = await registerTrainingBase(hub, tokens.school, {
    groupId: DEMO.groupId,
    name: '数控技术培训基地（表格软件导入）',
    coBuilders: [{ uscc, role: 'LEAD' }],
  });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

async function upload(fixture: string) {
  const url = `${hub.url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${baseId}&fileName=${encodeURIComponent(fixture)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${tokens.school}` },
    body: fs.readFileSync(path.join(FIXTURES, fixture)),
  });
  return { status: response.status, json: (await response.json()) as any };
}

const LEDGERS = /* GraphQL */ `
  query ($b: ID!) {
    trainingSessions(filter: { baseId: $b }, first: 50) {
      totalCount
      edges { node { code startsOn endsOn year personTimes hours revenue program { code year targetGroups subsidised } } }
    }
    certificationBatches(filter: { baseId: $b }, first: 50) { totalCount edges { node { code level candidates passed assessedOn } } }
    trainees(baseId: $b, first: 50) { totalCount edges { node { name idNumberMasked phoneMasked } } }
  }
`;

describe('ledger workbooks saved by a second spreadsheet program, through the gateway', () => {
  it('imports date cells, text dates, numbers stored as text, full-width digits and padded cells as the values they show', async () => {
    const imported = await upload('real-ledger.xlsx');
    expect(imported).toMatchObject({ status: 200, json: { status: 'IMPORTED', import: { programs: 2, sessions: 3, certifications: 2, trainees: 6 } } });

    const data = dataOf(await hub.gql(LEDGERS, { b: baseId }, tokens.school));
    const sessions = data.trainingSessions.edges.map((e: any) => e.node).sort((a: any, b: any) => a.code.localeCompare(b.code));
    expect(data.trainingSessions.totalCount).toBe(3);
    expect(sessions).toEqual([
      // date cells (serial numbers with a date format), numbers as number cells
      {
        code: 'LO-S1',
        startsOn: '2025-03-01',
        endsOn: '2025-03-20',
        year: 2025,
        personTimes: 3,
        hours: 40,
        revenue: '12000.50',
        program: { code: 'LO-P1', year: 2025, targetGroups: ['EMPLOYEES'], subsidised: false },
      },
      // 2025/3/1 and " 2025年3月21日 ", full-width counts and amount, a count padded with U+3000
      {
        code: 'LO-S2',
        startsOn: '2025-03-01',
        endsOn: '2025-03-21',
        year: 2025,
        personTimes: 2,
        hours: 32,
        revenue: '8000.00',
        program: { code: 'LO-P2', year: 2025, targetGroups: ['EMPLOYEES', 'GRADUATES'], subsidised: true },
      },
      // 2025-04-01 as text, a full-width 2025年4月30日, "1,500" and " 16 " as text
      {
        code: 'LO-S3',
        startsOn: '2025-04-01',
        endsOn: '2025-04-30',
        year: 2025,
        personTimes: 1,
        hours: 16,
        revenue: '1500.00',
        program: { code: 'LO-P2', year: 2025, targetGroups: ['EMPLOYEES', 'GRADUATES'], subsidised: true },
      },
    ]);
    const batches = data.certificationBatches.edges.map((e: any) => e.node).sort((a: any, b: any) => a.code.localeCompare(b.code));
    expect(data.certificationBatches.totalCount).toBe(2);
    expect(batches).toEqual([
      { code: 'LO-C1', level: 'LEVEL_4', candidates: 20, passed: 18, assessedOn: '2025-06-15' },
      { code: 'LO-C2', level: 'LEVEL_3', candidates: 10, passed: 9, assessedOn: '2025-07-01' },
    ]);
    // 身份证号 as text, padded with spaces and in full-width digits; a phone as a number cell and in full-width digits.
    const roster = data.trainees.edges.map((e: any) => e.node);
    expect(data.trainees.totalCount).toBe(6);
    expect(roster).toHaveLength(6);
    for (const t of roster) expect(t.idNumberMasked).toMatch(/^370\*{11}[\dX]{4}$/);
    expect(
      roster
        .map((t: any) => t.phoneMasked)
        .filter(Boolean)
        .sort(),
    ).toEqual(['138****8000', '138****8001', '138****8002']);
  });

  it('refuses a roster whose 身份证号 a spreadsheet turned into a number, saying how to fix the column, and keeps nothing', async () => {
    const before = dataOf(await hub.gql(LEDGERS, { b: baseId }, tokens.school));
    const refused = await upload('id-as-number.xlsx');
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ status: 'REJECTED', errorCount: 2 });
    expect(refused.json.errors).toEqual([
      { sheet: '学员名册', row: 3, reasons: [ID_NUMBER_AS_NUMBER] },
      { sheet: '学员名册', row: 4, reasons: [ID_NUMBER_AS_NUMBER] },
    ]);
    expect(ID_NUMBER_AS_NUMBER).toContain('单元格格式设为「文本」（text）');
    // The numbers are never repeated, not even as the spreadsheet showed them.
    expect(JSON.stringify(refused.json)).not.toMatch(/370102199|3\.70102/);
    const after = dataOf(await hub.gql(LEDGERS, { b: baseId }, tokens.school));
    expect(after.trainingSessions.totalCount).toBe(3);
    expect(after).toEqual(before);
  });
});
