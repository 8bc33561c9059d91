import { DEMO, orgId } from '@zjjt/demo';
import { codesOf, dataOf, expectEach, startTestHub, TestHub } from './harness';

/**
 * 社会服务到账 through the gateway: a college's yearly statement recorded in the second demo group
 * (which has no revenue entries of its own), the report's total and breakdown, the filled templates,
 * corrections with their change log, and every refusal leaving the ledger as it was.
 */

let hub: TestHub;
const tokens: Record<string, string> = {};
const G = DEMO.secondGroupId;
const YEAR = 2025;
const COLLEGE = orgId('qdzy');
const ENTERPRISE = orgId('qdjqr');

beforeAll(async () => {
  hub = await startTestHub();
  tokens.secretariat = await hub.token({ sub: 'e2e-qd-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secondGroupSecretariatOrgId });
  tokens.college = await hub.token({ sub: 'e2e-qd-college', roles: ['MEMBER'], groups: [G], org: COLLEGE });
  tokens.enterprise = await hub.token({ sub: 'e2e-qd-ent', roles: ['MEMBER'], groups: [G], org: ENTERPRISE });
  tokens.reporter = await hub.token({ sub: 'e2e-qd-bot', roles: ['REPORTER'], groups: [G] });
  tokens.sdjxSecretariat = await hub.token({ sub: 'e2e-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const RECORD = /* GraphQL */ `mutation($input: RevenueEntryInput!) {
  recordRevenueEntry(input: $input) { id source amount year receivedOn counterparty counterpartyUscc title sessionId certificationBatchId recordedBy updatedBy organization { id } }
}`;
const CORRECT = /* GraphQL */ `mutation($id: ID!, $input: RevenueEntryInput!, $reason: String) {
  correctRevenueEntry(id: $id, input: $input, reason: $reason) { id amount updatedBy recordedBy }
}`;
const DELETE = /* GraphQL */ `mutation($id: ID!, $reason: String) { deleteRevenueEntry(id: $id, reason: $reason) }`;
const ENTRIES = /* GraphQL */ `query($filter: RevenueFilter, $first: Int, $after: String) {
  revenueEntries(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id source amount organization { id } } } }
}`;
const REPORT = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) {
  revenue { entries total totalWan bySource { source label entries amount amountWan } byOrganization { organizationId amount } }
  training { revenue }
  sharing { serviceIncome }
  national: filled(template: "NATIONAL_2025") { fields { code value source } }
  provincial: filled(template: "SHANDONG_2025") { fields { code value source } }
} }`;

/** An entry of the statement; the college records its own unless `as` says who does. */
const entry = (source: string, amount: string, counterparty: string, extra: Record<string, unknown> = {}) => ({
  groupId: G,
  source,
  receivedOn: '2025-06-30',
  amount,
  counterparty,
  ...extra,
});

/** The statement: 到账 1,450 万元 = 700 + 200 + 200 + 100 + 60 + 50 + training by programme 140 (three programmes, with fen). */
const STATEMENT = (sessionId: string, batchId: string) => [
  { as: 'college', input: entry('PRODUCTION', '7000000.00', '青岛示范精密加工客户（演示）', { title: '实习工厂生产收入', receivedOn: '2025-12-20' }) },
  {
    as: 'secretariat',
    input: entry('PROJECT_FUNDING', '2000000', '山东省人力资源和社会保障厅（演示）', { organizationId: COLLEGE, title: '国家高技能人才培训基地经费' }),
  },
  // The payer is a unit of the hub (its USCC is valid); it need not be.
  { as: 'college', input: entry('TECHNICAL_SERVICE', '2000000.00', '青岛示范工业机器人应用有限公司（演示）', { counterpartyUscc: ' 913702110k4l5knegd ' }) },
  { as: 'college', input: entry('CONTINUING_EDUCATION', '1000000.00', '青岛示范理工大学继续教育学院（演示）', { title: '专本培训' }) },
  { as: 'college', input: entry('CERTIFICATION', '600000.00', '参评考生（个人缴费）', { certificationBatchId: batchId, title: '社会鉴定' }) },
  { as: 'secretariat', input: entry('EXAMS', '500000.00', '青岛市人事考试中心（演示）', { organizationId: COLLEGE, title: '社会考试' }) },
  { as: 'college', input: entry('TRAINING', '623456.78', '青岛地铁示范运营公司（演示）', { sessionId, title: '轨道交通培训', receivedOn: '2025-03-31' }) },
  { as: 'college', input: entry('TRAINING', '450000.00', '青岛市示范电商协会（演示）', { title: '电子商务企业家培训' }) },
  { as: 'college', input: entry('TRAINING', '326543.22', '青岛示范充电设施公司（演示）', { title: '充电桩培训', receivedOn: '2025-01-02' }) },
];

const EXPECTED_BY_SOURCE: Record<string, [number, string, string]> = {
  TRAINING: [3, '1400000.00', '140.00'],
  CERTIFICATION: [1, '600000.00', '60.00'],
  EXAMS: [1, '500000.00', '50.00'],
  TECHNICAL_SERVICE: [1, '2000000.00', '200.00'],
  PRODUCTION: [1, '7000000.00', '700.00'],
  PROJECT_FUNDING: [1, '2000000.00', '200.00'],
  CONTINUING_EDUCATION: [1, '1000000.00', '100.00'],
  OTHER: [0, '0.00', '0.00'],
};

const firstId = async (query: string, token: string, groupId: string) => {
  const data = dataOf(await hub.gql(query, { filter: { groupId } }, token));
  const list = Object.values(data)[0] as { edges: { node: { id: string } }[] };
  expect(list.edges.length).toBeGreaterThan(0);
  return list.edges[0].node.id;
};
const SESSIONS = /* GraphQL */ `query($filter: LedgerFilter) { trainingSessions(filter: $filter, first: 1) { edges { node { id } } } }`;
const BATCHES = /* GraphQL */ `query($filter: LedgerFilter) { certificationBatches(filter: $filter, first: 1) { edges { node { id } } } }`;

describe('社会服务到账: a college statement recorded through the hub', () => {
  let before: any;
  const ids: string[] = [];

  it('has nothing for the year before: the total is not reported (null), not 0', async () => {
    before = dataOf(await hub.gql(REPORT, { g: G, y: YEAR }, tokens.secretariat)).annualReport;
    expect(before.revenue.entries).toBe(0);
    expect(before.revenue.total).toBeNull();
    expectEach(before.revenue.bySource, (s: { amount: string | null; amountWan: string | null }) => s.amount === null && s.amountWan === null, 8);
    const national = new Map(before.national.fields.map((f: { code: string; value: string | null }) => [f.code, f.value]));
    expect(national.get('JT0309')).toBeNull();
    expect(national.get('JT0314')).toBeNull();
  });

  it('records the statement (by the college and by the secretariat for it) and reports exactly 1,450 万元 with its breakdown', async () => {
    const sessionId = await firstId(SESSIONS, tokens.secretariat, G);
    const batchId = await firstId(BATCHES, tokens.secretariat, G);
    for (const { as, input } of STATEMENT(sessionId, batchId)) {
      const recorded = dataOf(await hub.gql(RECORD, { input }, tokens[as])).recordRevenueEntry;
      expect(recorded.organization.id).toBe(COLLEGE);
      expect(recorded.year).toBe(2025);
      ids.push(recorded.id);
    }
    const mine = dataOf(await hub.gql(ENTRIES, { filter: { groupId: G, year: YEAR }, first: 100 }, tokens.college)).revenueEntries;
    expect(mine.totalCount).toBe(9);
    const technical = dataOf(await hub.gql(ENTRIES, { filter: { groupId: G, source: 'TECHNICAL_SERVICE' } }, tokens.college)).revenueEntries;
    expect(technical.totalCount).toBe(1);
    // The links read back as the session and batch themselves, for whoever may read the training ledgers.
    const LINKED = /* GraphQL */ `query($filter: RevenueFilter) { revenueEntries(filter: $filter) { edges { node { sessionId session { id code } certificationBatch { id } } } } }`;
    const training = dataOf(await hub.gql(LINKED, { filter: { groupId: G, source: 'TRAINING' } }, tokens.college)).revenueEntries.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(training).toHaveLength(3);
    expect(training.filter((n: { session: { id: string } | null }) => n.session?.id === sessionId)).toHaveLength(1);
    const certification = dataOf(await hub.gql(LINKED, { filter: { groupId: G, source: 'CERTIFICATION' } }, tokens.secretariat)).revenueEntries.edges;
    expect(certification.map((e: { node: { certificationBatch: { id: string } } }) => e.node.certificationBatch.id)).toEqual([batchId]);

    const report = dataOf(await hub.gql(REPORT, { g: G, y: YEAR }, tokens.secretariat)).annualReport;
    expect(report.revenue.entries).toBe(9);
    expect(report.revenue.total).toBe('14500000.00');
    expect(report.revenue.totalWan).toBe('1450.00');
    expectEach(
      report.revenue.bySource,
      (s: { source: string; entries: number; amount: string; amountWan: string; label: string }) =>
        JSON.stringify([s.entries, s.amount, s.amountWan]) === JSON.stringify(EXPECTED_BY_SOURCE[s.source]) && /[\u4e00-\u9fa5]/.test(s.label),
      8,
    );
    expect(report.revenue.byOrganization).toEqual([{ organizationId: COLLEGE, amount: '14500000.00' }]);

    // Nothing counted twice: the training ledger's 到账 and the cooperation ledgers' 技术服务收入 did not move.
    expect(report.training.revenue).toBe(before.training.revenue);
    expect(report.sharing.serviceIncome).toBe(before.sharing.serviceIncome);

    const national = new Map(report.national.fields.map((f: { code: string; value: string | null }) => [f.code, f.value]));
    expect(national.get('JT0303')).toBe(new Map(before.national.fields.map((f: { code: string; value: string }) => [f.code, f.value])).get('JT0303'));
    const expectedNational: Record<string, string> = {
      JT0309: '1450.00',
      JT0310: '140.00',
      JT0311: '60.00',
      JT0312: '50.00',
      JT0313: '200.00',
      JT0314: '700.00',
      JT0315: '200.00',
      JT0316: '100.00',
      JT0317: '0.00',
    };
    for (const [code, value] of Object.entries(expectedNational)) expect([code, national.get(code)]).toEqual([code, value]);
    const provincial = new Map(report.provincial.fields.map((f: { code: string; value: string | null }) => [f.code, f.value]));
    const expectedProvincial: Record<string, string> = {
      SD17: '1450.00',
      SD18: '140.00',
      SD19: '60.00',
      SD20: '50.00',
      SD21: '200.00',
      SD22: '700.00',
      SD23: '200.00',
      SD24: '100.00',
      SD25: '0.00',
    };
    for (const [code, value] of Object.entries(expectedProvincial)) expect([code, provincial.get(code)]).toEqual([code, value]);

    // The bot reads the figures; an enterprise of the group sees the total but not the college's own line.
    const bot = dataOf(await hub.gql(REPORT, { g: G, y: YEAR }, tokens.reporter)).annualReport.revenue;
    expect(bot.total).toBe('14500000.00');
    expect(bot.byOrganization).toHaveLength(1);
    const enterprise = dataOf(await hub.gql(REPORT, { g: G, y: YEAR }, tokens.enterprise)).annualReport.revenue;
    expect(enterprise.total).toBe('14500000.00');
    expect(enterprise.byOrganization).toEqual([]);
    expect(dataOf(await hub.gql(ENTRIES, { filter: { groupId: G } }, tokens.enterprise)).revenueEntries.totalCount).toBe(0);
    // Another group's secretariat sees none of it.
    expect(dataOf(await hub.gql(ENTRIES, { filter: { groupId: G } }, tokens.sdjxSecretariat)).revenueEntries.totalCount).toBe(0);
    expect(dataOf(await hub.gql(REPORT, { g: DEMO.groupId, y: YEAR }, tokens.sdjxSecretariat)).annualReport.revenue.total).not.toBe('14500000.00');
  });

  it('pages the list newest first with the hub’s cursors', async () => {
    const first = dataOf(await hub.gql(ENTRIES, { filter: { groupId: G, year: YEAR }, first: 5 }, tokens.secretariat)).revenueEntries;
    expect(first.totalCount).toBe(9);
    expect(first.edges).toHaveLength(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = dataOf(
      await hub.gql(ENTRIES, { filter: { groupId: G, year: YEAR }, first: 5, after: first.pageInfo.endCursor }, tokens.secretariat),
    ).revenueEntries;
    expect(rest.edges).toHaveLength(4);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const seen = new Set([...first.edges, ...rest.edges].map((e: { node: { id: string } }) => e.node.id));
    expect([...seen].sort()).toEqual([...ids].sort());
    const byUnit = dataOf(await hub.gql(ENTRIES, { filter: { groupId: G, organizationId: ENTERPRISE } }, tokens.secretariat)).revenueEntries;
    expect(byUnit.totalCount).toBe(0);
    expect(dataOf(await hub.gql(ENTRIES, { filter: { groupId: G, year: 2024 } }, tokens.secretariat)).revenueEntries.totalCount).toBe(0);
  });

  it('corrects and deletes with a change log: who, when, why, old → new; the total stays exact', async () => {
    // A slip of four zeros, recorded by the college and corrected by the secretariat (reason required).
    const slip = dataOf(await hub.gql(RECORD, { input: entry('OTHER', '8880000.00', '青岛示范场地租用方（演示）') }, tokens.college)).recordRevenueEntry;
    const noReason = await hub.gql(CORRECT, { id: slip.id, input: entry('OTHER', '888.00', '青岛示范场地租用方（演示）') }, tokens.secretariat);
    expect(codesOf(noReason)).toEqual(['BAD_USER_INPUT']);
    expect(noReason.body.errors![0].message).toMatch(/须填写理由/);
    const corrected = dataOf(
      await hub.gql(CORRECT, { id: slip.id, input: entry('OTHER', '888.00', '青岛示范场地租用方（演示）'), reason: '按到账凭证更正金额' }, tokens.secretariat),
    ).correctRevenueEntry;
    expect(corrected).toEqual({ id: slip.id, amount: '888.00', updatedBy: 'e2e-qd-sec', recordedBy: 'e2e-qd-college' });
    // Another unit of the group cannot see it, so cannot change it.
    expect(codesOf(await hub.gql(CORRECT, { id: slip.id, input: entry('OTHER', '1.00', 'x') }, tokens.enterprise))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(DELETE, { id: slip.id }, tokens.enterprise))).toEqual(['NOT_FOUND']);
    expect(dataOf(await hub.gql(DELETE, { id: slip.id }, tokens.college)).deleteRevenueEntry).toBe(true);

    const audits = dataOf(
      await hub.gql(
        `query($g: ID!) { revenueEntryAudits(groupId: $g, first: 10) { totalCount edges { node { entryId action changedBy bySecretariat reason changedAt changes { field from to } } } } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).revenueEntryAudits;
    expect(audits.totalCount).toBe(2);
    const nodes = audits.edges.map((e: { node: { action: string } }) => e.node);
    const update = nodes.find((n: { action: string }) => n.action === 'UPDATE');
    const deleted = nodes.find((n: { action: string }) => n.action === 'DELETE');
    expect(update).toMatchObject({ entryId: slip.id, action: 'UPDATE', changedBy: 'e2e-qd-sec', bySecretariat: true, reason: '按到账凭证更正金额' });
    expect(update.changes).toEqual([{ field: 'amount', from: '8880000.00', to: '888.00' }]);
    expect(deleted).toMatchObject({ entryId: slip.id, action: 'DELETE', changedBy: 'e2e-qd-college', bySecretariat: false, reason: null });
    expect(update.changedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const report = dataOf(await hub.gql(REPORT, { g: G, y: YEAR }, tokens.secretariat)).annualReport;
    expect(report.revenue.total).toBe('14500000.00');
  });

  it('refuses a bad USCC, another group’s unit or session, a zero, negative or over-cap amount and a member recording for another unit; nothing is kept', async () => {
    const sdjxSession = await firstId(SESSIONS, tokens.sdjxSecretariat, DEMO.groupId);
    const sdjxBatch = await firstId(BATCHES, tokens.sdjxSecretariat, DEMO.groupId);
    const unknown = '00000000-0000-4000-8000-00000000e2e0';
    const cases: [string, string, Record<string, unknown>, string, RegExp][] = [
      ['bad USCC', 'college', entry('TECHNICAL_SERVICE', '100.00', '某公司', { counterpartyUscc: '913702110K4L5KNEG0' }), 'BAD_USER_INPUT', /付款方.*校验位/],
      ['malformed USCC', 'college', entry('TECHNICAL_SERVICE', '100.00', '某公司', { counterpartyUscc: '12345' }), 'BAD_USER_INPUT', /付款方.*18 位/],
      [
        'another group’s unit',
        'secretariat',
        entry('EXAMS', '100.00', '某中心', { organizationId: DEMO.schoolOrgId }),
        'BAD_USER_INPUT',
        /不是本集团的正式成员单位/,
      ],
      ['no unit named by the secretariat', 'secretariat', entry('EXAMS', '100.00', '某中心'), 'BAD_USER_INPUT', /须指定到账单位/],
      [
        'another group’s session',
        'college',
        entry('TRAINING', '100.00', '某企业', { sessionId: sdjxSession }),
        'BAD_USER_INPUT',
        /培训班次 .* 不存在或不属于本集团/,
      ],
      ['an unknown session', 'college', entry('TRAINING', '100.00', '某企业', { sessionId: unknown }), 'BAD_USER_INPUT', /培训班次 .* 不存在或不属于本集团/],
      [
        'another group’s batch',
        'college',
        entry('CERTIFICATION', '100.00', '考生', { certificationBatchId: sdjxBatch }),
        'BAD_USER_INPUT',
        /鉴定批次 .* 不存在或不属于本集团/,
      ],
      ['a session on a non-training source', 'college', entry('EXAMS', '100.00', '某中心', { sessionId: unknown }), 'BAD_USER_INPUT', /只有来源为「社会培训」/],
      ['zero', 'college', entry('OTHER', '0', '某单位'), 'BAD_USER_INPUT', /须大于 0/],
      ['zero with cents', 'college', entry('OTHER', '0.00', '某单位'), 'BAD_USER_INPUT', /须大于 0/],
      ['negative', 'college', entry('OTHER', '-5.00', '某单位'), 'BAD_USER_INPUT', /非负数/],
      ['over the cap', 'college', entry('OTHER', '1000000000.01', '某单位'), 'BAD_USER_INPUT', /金额过大.*1,000,000,000\.00/],
      ['a future date', 'college', entry('OTHER', '100.00', '某单位', { receivedOn: '2099-01-01' }), 'BAD_USER_INPUT', /晚于今天/],
      ['no counterparty', 'college', entry('OTHER', '100.00', '  '), 'BAD_USER_INPUT', /付款方不能为空/],
      ['a member recording for another unit', 'enterprise', entry('OTHER', '100.00', '某单位', { organizationId: COLLEGE }), 'FORBIDDEN', /只能登记本单位/],
      ['another group', 'sdjxSecretariat', entry('OTHER', '100.00', '某单位', { organizationId: COLLEGE }), 'FORBIDDEN', /本人所属的集团/],
    ];
    for (const [name, as, input, code, message] of cases) {
      const response = await hub.gql(RECORD, { input }, tokens[as]);
      expect([name, codesOf(response)]).toEqual([name, [code]]);
      expect([name, response.body.errors![0].message]).toEqual([name, expect.stringMatching(message)]);
    }
    // The unknown and the other group's session get the same words, so the refusal tells nothing.
    const other = (await hub.gql(RECORD, { input: entry('TRAINING', '1.00', 'x', { sessionId: sdjxSession }) }, tokens.college)).body.errors![0].message;
    const none = (await hub.gql(RECORD, { input: entry('TRAINING', '1.00', 'x', { sessionId: unknown }) }, tokens.college)).body.errors![0].message;
    expect(other.replace(sdjxSession, 'ID')).toBe(none.replace(unknown, 'ID'));
    // A correction is held to the same rules.
    const bad = await hub.gql(CORRECT, { id: ids[0], input: entry('PRODUCTION', '0', '青岛示范精密加工客户（演示）') }, tokens.college);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    const moved = await hub.gql(CORRECT, { id: ids[0], input: entry('PRODUCTION', '7000000.00', 'x', { organizationId: ENTERPRISE }) }, tokens.college);
    expect(codesOf(moved)).toEqual(['FORBIDDEN']);

    const after = dataOf(await hub.gql(ENTRIES, { filter: { groupId: G }, first: 100 }, tokens.secretariat)).revenueEntries;
    expect(after.totalCount).toBe(9);
    expect(dataOf(await hub.gql(REPORT, { g: G, y: YEAR }, tokens.secretariat)).annualReport.revenue.total).toBe('14500000.00');
  });
});

describe('the demo', () => {
  it('shows sdjx’s 2025 社会服务到账 from the seeded ledger', async () => {
    const revenue = dataOf(await hub.gql(REPORT, { g: DEMO.groupId, y: YEAR }, tokens.sdjxSecretariat)).annualReport.revenue;
    expect(revenue.entries).toBe(10);
    expect(revenue.total).toBe('7305000.00');
    expect(revenue.totalWan).toBe('730.50');
    expect(revenue.bySource.find((s: { source: string }) => s.source === 'PRODUCTION').amount).toBe('3200000.00');
    expect(revenue.byOrganization).toHaveLength(2);
  });
});
