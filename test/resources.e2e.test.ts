import { DEMO } from '@zjjt/demo';
import { codesOf, dataOf, expectEach, startTestHub, TestHub } from './harness';

let hub: TestHub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  tokens.enterprise = await hub.token({ sub: 'e2e-ent', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
  tokens.school = await hub.token({ sub: 'e2e-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  tokens.reporter = await hub.token({ sub: 'e2e-bot', roles: ['REPORTER'], groups: [DEMO.groupId] });
  tokens.otherGroup = await hub.token({ sub: 'e2e-sec2', roles: ['SECRETARIAT'], groups: [DEMO.secondGroupId], org: DEMO.secondGroupSecretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const REPORT = /* GraphQL */ `query($g: ID!) { annualReport(groupId: $g, year: ${new Date().getUTCFullYear()}) { membership { total enterprises } sharing { requestsCompleted { kind count participants } } } }`;
const completedOrderClasses = async () => {
  const report = dataOf(await hub.gql(REPORT, { g: DEMO.groupId }, tokens.reporter)).annualReport;
  const row = report.sharing.requestsCompleted.find((r: any) => r.kind === 'ORDER_CLASS');
  return { count: row?.count ?? 0, participants: row?.participants ?? 0, membership: report.membership };
};

describe('an enterprise shares, a school uses, the annual report counts it', () => {
  it('post → find (also through the member list) → request → approve → complete → AnnualReport.sharing', async () => {
    const before = await completedOrderClasses();
    expect(before.membership.total).toBeGreaterThan(50);

    const created = dataOf(
      await hub.gql(
        /* GraphQL */ `mutation($input: ResourceInput!) { createResource(input: $input) { id status } }`,
        {
          input: {
            groupId: DEMO.groupId,
            kind: 'ORDER_CLASS',
            title: '激光设备装调订单班（端到端）',
            capacity: 25,
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
            specialty: '激光加工技术',
          },
        },
        tokens.enterprise,
      ),
    ).createResource;
    dataOf(await hub.gql(`mutation($id: ID!) { publishResource(id: $id) { id } }`, { id: created.id }, tokens.enterprise));

    const found = dataOf(
      await hub.gql(
        `{ resources(filter: { keyword: "端到端", kinds: [ORDER_CLASS] }) { edges { node { id capacityLeft provider { name type } } } } }`,
        {},
        tokens.school,
      ),
    ).resources.edges;
    expect(found).toEqual([{ node: { id: created.id, capacityLeft: 25, provider: { name: '济南示范激光装备有限公司（演示）', type: 'ENTERPRISE' } } }]);

    const viaMembers = dataOf(
      await hub.gql(
        `query($g: ID!) { group(id: $g) { members(first: 100, search: "激光装备") { edges { node { organization { id resources { id title } } } } } } }`,
        { g: DEMO.groupId },
        tokens.school,
      ),
    );
    const provider = viaMembers.group.members.edges.find((e: any) => e.node.organization.id === DEMO.memberOrgId).node.organization;
    expect(provider.resources.map((r: any) => r.id)).toContain(created.id);

    const request = dataOf(
      await hub.gql(
        `mutation($input: RequestInput!) { requestResource(input: $input) { id status requester { name } } }`,
        { input: { resourceId: created.id, quantity: 12, periodStart: '2026-03-01', periodEnd: '2026-07-15', purpose: '机电一体化 2024 级订单培养' } },
        tokens.school,
      ),
    ).requestResource;
    expect(request).toMatchObject({ status: 'PENDING', requester: { name: '济南示范职业技术学院（演示）' } });

    const incoming = dataOf(
      await hub.gql(`{ myResourceRequests(direction: INCOMING, statuses: [PENDING]) { edges { node { id } } } }`, {}, tokens.enterprise),
    ).myResourceRequests.edges.map((e: any) => e.node.id);
    expect(incoming).toContain(request.id);
    dataOf(await hub.gql(`mutation($id: ID!) { approveResourceRequest(id: $id) { status } }`, { id: request.id }, tokens.enterprise));
    dataOf(
      await hub.gql(
        `mutation($id: ID!) { completeResourceRequest(id: $id, outcome: { participants: 12, hours: 480 }) { status } }`,
        { id: request.id },
        tokens.school,
      ),
    );

    const after = await completedOrderClasses();
    expect(after.count).toBe(before.count + 1);
    expect(after.participants).toBe(before.participants + 12);
  });

  it('keeps other groups out; a member sees its group’s figures', async () => {
    const report = await hub.gql(REPORT, { g: DEMO.groupId }, tokens.otherGroup);
    expect(codesOf(report)).toEqual(['FORBIDDEN']);
    const schoolReport = dataOf(await hub.gql(REPORT, { g: DEMO.groupId }, tokens.school));
    expect(schoolReport.annualReport.membership.total).toBeGreaterThan(50);
    const search = dataOf(await hub.gql(`{ resources(first: 100) { edges { node { groupId visibility } } } }`, {}, tokens.otherGroup));
    const fromG1 = search.resources.edges.filter((e: any) => e.node.groupId === DEMO.groupId);
    expectEach(fromG1, (e: any) => e.node.visibility === 'PUBLIC');
  });
});

describe('the real members directory, over HTTP', () => {
  const RECORD = /* GraphQL */ `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id } }`;
  const ledger = (partnerUscc: string) => ({ groupId: DEMO.groupId, partnerUscc, year: 2025, projectName: '目录检查（端到端）', orderClassStudents: 1 });
  const cooperationCount = async () =>
    dataOf(await hub.gql(`query($g: ID!) { cooperations(groupId: $g, year: 2025, first: 1) { totalCount } }`, { g: DEMO.groupId }, tokens.school)).cooperations
      .totalCount as number;

  it("passes members' words on a malformed USCC, refuses an unknown one, and records nothing", async () => {
    const partner = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { uscc category } }`, { id: DEMO.memberOrgId }, tokens.school)).organization;
    expect(partner).toEqual({ uscc: expect.stringMatching(/^[0-9A-Z]{18}$/), category: 'ENTERPRISE' });
    const before = await cooperationCount();
    const flipped = `${partner.uscc.slice(0, 17)}${partner.uscc[17] === '0' ? '1' : '0'}`;
    const malformed = await hub.gql(RECORD, { input: ledger(flipped) }, tokens.school);
    expect(codesOf(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.body.errors![0].message).toMatch(/统一社会信用代码校验位错误/);
    const unknown = await hub.gql(RECORD, { input: ledger('91350100M000100Y43') }, tokens.school);
    expect(codesOf(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.body.errors![0].message).toMatch(/不是本平台登记的单位或不是本集团的正式成员/);
    expect(await cooperationCount()).toBe(before);
  });
});
