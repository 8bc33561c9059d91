import { DEMO } from '@zjjt/demo';
import { openDataSource, readDatabase } from '@zjjt/kit';
import { codesOf, dataOf, expectEach, startTestHub, TestHub, usccOf } from './harness';

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
    expect(malformed.body.errors![0].message).toMatch(/统一社会信用代码 \S+ 校验位错误（USCC check character）/);
    const unknown = await hub.gql(RECORD, { input: ledger('91350100M000100Y43') }, tokens.school);
    expect(codesOf(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.body.errors![0].message).toMatch(/不是本平台登记的单位或不是本集团的正式成员/);
    expect(await cooperationCount()).toBe(before);
  });
});

describe('企业兼职教师 counts enterprise staff teaching in schools, not both directions of 互兼互聘', () => {
  const RECORD = /* GraphQL */ `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id enterpriseTeachers enterpriseTeachingHours } }`;
  const SHARING = /* GraphQL */ `query($g: ID!) { annualReport(groupId: $g, year: 2025) {
    sharing { mutualTeachers mutualTeachingHours enterpriseTeachers enterpriseTeachingHours undirectedCooperations }
    filled(template: "NATIONAL_2025") { fields { code value } errors { field message } } } }`;
  const read = async () => {
    const report = dataOf(await hub.gql(SHARING, { g: DEMO.groupId }, tokens.reporter)).annualReport;
    const value = (code: string) => report.filled.fields.find((f: { code: string }) => f.code === code).value;
    return { ...report.sharing, JT0203: value('JT0203'), JT0204: value('JT0204'), errors: report.filled.errors };
  };

  it('a row says which way its teachers went; the report and JT0203/JT0204 take the enterprise → school part only', async () => {
    const before = await read();
    expect(before.undirectedCooperations).toEqual([]);
    // The demo's ledgers record school teachers appointed by enterprises too: the two figures differ.
    expect(before.enterpriseTeachers).toBeGreaterThan(0);
    expect(before.enterpriseTeachers).toBeLessThan(before.mutualTeachers);
    expect(before.JT0203).toBe(String(before.enterpriseTeachers));
    expect(before.JT0204).toBe(String(before.enterpriseTeachingHours));

    const partnerUscc = await usccOf(hub, DEMO.memberOrgId, tokens.school);
    const row = { groupId: DEMO.groupId, partnerUscc, year: 2025, projectName: '互兼互聘（端到端）', mutualTeachers: 5, mutualTeachingHours: 120 };
    const noDirection = await hub.gql(RECORD, { input: row }, tokens.school);
    expect(codesOf(noDirection)).toEqual(['BAD_USER_INPUT']);
    expect(noDirection.body.errors![0].message).toMatch(/互兼互聘教师数为 5，须填写其中企业人员到学校兼职任教人数（enterpriseTeachers）/);
    const tooMany = await hub.gql(RECORD, { input: { ...row, enterpriseTeachers: 6, enterpriseTeachingHours: 100 } }, tokens.school);
    expect(codesOf(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.body.errors![0].message).toMatch(/企业人员到学校兼职任教人数 6 不能超过互兼互聘教师数 5/);
    const recorded = dataOf(await hub.gql(RECORD, { input: { ...row, enterpriseTeachers: 3, enterpriseTeachingHours: 80 } }, tokens.school)).recordCooperation;
    expect(recorded).toMatchObject({ enterpriseTeachers: 3, enterpriseTeachingHours: 80 });
    // A row with no mutual teachers needs no direction: its part is 0.
    const plain = dataOf(
      await hub.gql(
        RECORD,
        { input: { groupId: DEMO.groupId, partnerUscc, year: 2025, projectName: '订单班（端到端）', orderClassStudents: 2 } },
        tokens.school,
      ),
    );
    expect(plain.recordCooperation).toMatchObject({ enterpriseTeachers: 0, enterpriseTeachingHours: 0 });

    const after = await read();
    expect(after).toMatchObject({
      mutualTeachers: before.mutualTeachers + 5,
      mutualTeachingHours: before.mutualTeachingHours + 120,
      enterpriseTeachers: before.enterpriseTeachers + 3,
      enterpriseTeachingHours: before.enterpriseTeachingHours + 80,
      JT0203: String(before.enterpriseTeachers + 3),
      JT0204: String(before.enterpriseTeachingHours + 80),
    });
    expect(after.errors.filter((e: { field: string }) => e.field === 'JT0203' || e.field === 'JT0204')).toEqual([]);

    // A row recorded before the direction was asked (as the migration leaves it): the figure is unknown, not a guess.
    const db = await openDataSource(readDatabase(hub.env, 'resources'), { entities: [], migrations: [] });
    try {
      await db.query('UPDATE cooperation SET enterpriseTeachers = NULL, enterpriseTeachingHours = NULL WHERE id = ?', [recorded.id]);
    } finally {
      await db.destroy();
    }
    const unknown = await read();
    expect(unknown).toMatchObject({
      enterpriseTeachers: null,
      enterpriseTeachingHours: null,
      undirectedCooperations: [recorded.id],
      JT0203: null,
      JT0204: null,
    });
    expect(unknown.errors.filter((e: { field: string }) => e.field === 'JT0203').length).toBe(1);

    // The unit states the direction: the figure is back.
    const update = `mutation($id: ID!, $input: CooperationInput!) { updateCooperation(id: $id, input: $input) { enterpriseTeachers } }`;
    dataOf(await hub.gql(update, { id: recorded.id, input: { ...row, enterpriseTeachers: 3, enterpriseTeachingHours: 80 } }, tokens.school));
    expect(await read()).toMatchObject({
      enterpriseTeachers: before.enterpriseTeachers + 3,
      undirectedCooperations: [],
      JT0203: String(before.enterpriseTeachers + 3),
    });
  });
});
