import { Subgraph, Viewer } from '@zjjt/kit';
import { DEMO, demoDirectoryEntry, demoUnit, orgId } from '@zjjt/demo';
import { dropTestDatabase, execute, createTestSubgraph, inMemoryDirectory, expectEach } from '@zjjt/kit/testing';
import { resources } from '../src/schema';
import { ResourcesLoaders } from '../src/context';
import { seedDemo } from '../src/seed';

// This subgraph runs in-process, so its statements can be counted; members is an in-memory
// directory of the demo units the tests write as (the real one is tested end to end).
let sg: Subgraph<ResourcesLoaders>;

const G1 = DEMO.groupId;
const G2 = DEMO.secondGroupId;
const org = orgId;
const directory = inMemoryDirectory({
  organizations: ['jnzy', 'jnjgzb', 'jnskjc', 'qdzy'].map(demoDirectoryEntry),
  activeMembers: { [G1]: [org('jnzy'), org('jnjgzb'), org('jnskjc')], [G2]: [org('qdzy')] },
});
const enterprise = new Viewer('ent-user', org('jnjgzb'), [G1], ['MEMBER']);
const otherEnterprise = new Viewer('other-user', org('jnskjc'), [G1], ['MEMBER']);
const school = new Viewer('school-user', org('jnzy'), [G1], ['MEMBER']);
const secretariatG2 = new Viewer('sec2-user', null, [G2], ['SECRETARIAT']);
const reporter = new Viewer('bot', null, [G1], ['REPORTER']);
const anonymous = Viewer.anonymous();

const codes = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

async function rowCounts() {
  const count = (table: string) => sg.db.query(`SELECT COUNT(*) AS n FROM ${table}`).then((rows: { n: number | string }[]) => Number(rows[0].n));
  return {
    resources: await count('shared_resource'),
    requests: await count('resource_request'),
    cooperations: await count('cooperation'),
    messages: await count('resource_message'),
  };
}
const snapshot = async (table: string, id: string) => (await sg.db.query(`SELECT * FROM ${table} WHERE id = ?`, [id]))[0];

const orderClass = (overrides: Record<string, unknown> = {}) => ({
  groupId: G1,
  kind: 'ORDER_CLASS',
  title: '激光加工订单班（测试）',
  description: '面向激光设备装调岗位的订单培养',
  capacity: 30,
  periodStart: '2026-03-01',
  periodEnd: '2026-12-31',
  location: '济南市历城区',
  visibility: 'GROUP',
  specialty: '激光加工技术',
  ...overrides,
});

const CREATE = /* GraphQL */ `mutation($input: ResourceInput!) { createResource(input: $input) { id status capacityLeft provider { id } } }`;
const SEARCH = /* GraphQL */ `query($filter: ResourceFilter, $first: Int, $after: String) { resources(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind title capacityLeft visibility provider { id } } } } }`;

beforeAll(async () => {
  sg = await createTestSubgraph(resources, { directory });
  expect(await seedDemo(sg.db)).toBe(true);
}, 120000);

afterAll(async () => {
  await sg?.close();
  if (sg) await dropTestDatabase(sg.config.database);
});

async function publishedOrderClass(overrides: Record<string, unknown> = {}) {
  const created = await execute(sg, enterprise, CREATE, { input: orderClass(overrides) });
  const id = created.data!.createResource.id;
  await execute(sg, enterprise, `mutation($id: ID!) { publishResource(id: $id) { id } }`, { id });
  return id as string;
}

describe('posting resources', () => {
  it('saves a draft for the unit in the token, publishes it, and only then can others find it', async () => {
    const created = await execute(sg, enterprise, CREATE, { input: orderClass({ title: '草稿可见性测试订单班' }) });
    expect(created.data!.createResource).toMatchObject({ status: 'DRAFT', capacityLeft: 30, provider: { id: org('jnjgzb') } });
    // Name, type and region as the directory answers them, so search filters on them in SQL.
    expect(await snapshot('shared_resource', created.data!.createResource.id)).toMatchObject({
      providerName: '济南示范激光装备有限公司（演示）',
      providerType: 'ENTERPRISE',
      providerRegion: '370112',
    });
    const id = created.data!.createResource.id;
    const find = () => execute(sg, school, SEARCH, { filter: { keyword: '草稿可见性测试' } });
    expect((await find()).data!.resources.totalCount).toBe(0);
    await execute(sg, enterprise, `mutation($id: ID!) { publishResource(id: $id) { status } }`, { id });
    expect((await find()).data!.resources.edges.map((e: any) => e.node.id)).toEqual([id]);
    expect((await execute(sg, secretariatG2, SEARCH, { filter: { keyword: '草稿可见性测试' } })).data!.resources.totalCount).toBe(0);
    expect((await execute(sg, anonymous, SEARCH, { filter: { keyword: '草稿可见性测试' } })).data!.resources.totalCount).toBe(0);
  });

  it('shows PUBLIC resources on the anonymous portal', async () => {
    const id = await publishedOrderClass({ title: '公开招生订单班（测试）', visibility: 'PUBLIC' });
    const portal = await execute(sg, anonymous, SEARCH, { filter: { keyword: '公开招生订单班' } });
    expect(portal.data!.resources.edges.map((e: any) => e.node.id)).toEqual([id]);
  });

  it('requires the fields a kind needs and a period that does not end before it starts', async () => {
    const before = await rowCounts();
    const noSpecialty = await execute(sg, enterprise, CREATE, { input: orderClass({ specialty: null }) });
    expect(codes(noSpecialty)).toEqual(['BAD_USER_INPUT']);
    expect(noSpecialty.errors![0].message).toMatch(/订单班须填写：专业/);
    const teacher = await execute(sg, enterprise, CREATE, { input: orderClass({ kind: 'PART_TIME_TEACHER', specialty: null, subject: '数控编程' }) });
    expect(teacher.errors![0].message).toMatch(/课时/);
    const backwards = await execute(sg, enterprise, CREATE, { input: orderClass({ periodStart: '2026-06-01', periodEnd: '2026-05-01' }) });
    expect(backwards.errors![0].message).toMatch(/不能早于开始日期/);
    const unknownKind = await execute(sg, enterprise, CREATE, { input: orderClass({ kind: 'SPACESHIP' }) });
    expect(codes(unknownKind)).toEqual(['BAD_USER_INPUT']);
    const otherGroup = await execute(sg, enterprise, CREATE, { input: orderClass({ groupId: G2 }) });
    expect(codes(otherGroup)).toEqual(['FORBIDDEN']);
    expect(await rowCounts()).toEqual(before);
  });

  it('ignores any attempt to edit or withdraw another unit’s resource', async () => {
    const id = await publishedOrderClass();
    const before = await snapshot('shared_resource', id);
    const edit = await execute(sg, otherEnterprise, `mutation($id: ID!, $input: ResourceInput!) { updateResource(id: $id, input: $input) { id } }`, {
      id,
      input: orderClass({ title: '被篡改' }),
    });
    expect(codes(edit)).toEqual(['FORBIDDEN']);
    const withdraw = await execute(sg, otherEnterprise, `mutation($id: ID!) { withdrawResource(id: $id) { id } }`, { id });
    expect(codes(withdraw)).toEqual(['FORBIDDEN']);
    expect(await snapshot('shared_resource', id)).toEqual(before);
  });
});

describe('requests', () => {
  const REQUEST = /* GraphQL */ `mutation($input: RequestInput!) { requestResource(input: $input) { id status } }`;
  const ask = (resourceId: string, quantity: number) =>
    execute(sg, school, REQUEST, {
      input: { resourceId, quantity, periodStart: '2026-03-01', periodEnd: '2026-07-01', purpose: '机电一体化专业学生订单培养' },
    });

  it('runs request → approval → completion, keeps capacity, and tells both sides', async () => {
    const id = await publishedOrderClass({ capacity: 20 });
    const first = (await ask(id, 15)).data!.requestResource;
    const second = (await ask(id, 10)).data!.requestResource;
    expect([first.status, second.status]).toEqual(['PENDING', 'PENDING']);

    const byOther = await execute(sg, otherEnterprise, `mutation($id: ID!) { approveResourceRequest(id: $id) { id } }`, { id: first.id });
    expect(codes(byOther)).toEqual(['FORBIDDEN']);
    const approved = await execute(sg, enterprise, `mutation($id: ID!) { approveResourceRequest(id: $id) { status resource { capacityLeft } } }`, {
      id: first.id,
    });
    expect(approved.data!.approveResourceRequest).toEqual({ status: 'APPROVED', resource: { capacityLeft: 5 } });

    const resourceBefore = await snapshot('shared_resource', id);
    const overbook = await execute(sg, enterprise, `mutation($id: ID!) { approveResourceRequest(id: $id) { id } }`, { id: second.id });
    expect(codes(overbook)).toEqual(['CONFLICT']);
    expect(codes(await ask(id, 6))).toEqual(['CONFLICT']);
    expect(await snapshot('shared_resource', id)).toEqual(resourceBefore);
    expect((await snapshot('resource_request', second.id)).status).toBe('PENDING');

    const completeByProvider = await execute(sg, enterprise, `mutation($id: ID!) { completeResourceRequest(id: $id, outcome: { participants: 14 }) { id } }`, {
      id: first.id,
    });
    expect(codes(completeByProvider)).toEqual(['FORBIDDEN']);
    const completed = await execute(
      sg,
      school,
      `mutation($id: ID!) { completeResourceRequest(id: $id, outcome: { participants: 14, hours: 320, note: "14 人全部取得中级工证书" }) { status outcomeParticipants } }`,
      { id: first.id },
    );
    expect(completed.data!.completeResourceRequest).toEqual({ status: 'COMPLETED', outcomeParticipants: 14 });

    const messages = async (viewer: Viewer) =>
      (await execute(sg, viewer, `{ myMessages(first: 100) { edges { node { title requestId } } } }`)).data!.myMessages.edges.map((e: any) => e.node);
    expect((await messages(enterprise)).filter((m: any) => m.requestId === first.id).map((m: any) => m.title)).toEqual([
      '资源使用已完成',
      expect.stringMatching(/^收到资源申请/),
    ]);
    expect((await messages(school)).filter((m: any) => m.requestId === first.id).map((m: any) => m.title)).toEqual(['资源申请已同意']);
  });

  it('lets a provider reject with a reason, and not approve twice', async () => {
    const id = await publishedOrderClass();
    const request = (await ask(id, 2)).data!.requestResource;
    const rejected = await execute(
      sg,
      enterprise,
      `mutation($id: ID!) { rejectResourceRequest(id: $id, reason: "名额已内部分配") { status decisionReason } }`,
      { id: request.id },
    );
    expect(rejected.data!.rejectResourceRequest).toEqual({ status: 'REJECTED', decisionReason: '名额已内部分配' });
    const again = await execute(sg, enterprise, `mutation($id: ID!) { approveResourceRequest(id: $id) { id } }`, { id: request.id });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('cooperation ledgers', () => {
  const RECORD = /* GraphQL */ `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id partnerUscc investment investmentReceived partner { id } } }`;
  const partnerUscc = async () =>
    (await sg.db.query(`SELECT partnerUscc FROM cooperation WHERE partnerId = ? LIMIT 1`, [org('jnjgzb')]))[0]?.partnerUscc as string;
  const ledger = (uscc: string, overrides: Record<string, unknown> = {}) => ({
    groupId: G1,
    partnerUscc: uscc,
    year: 2025,
    projectName: '激光订单班（测试）',
    orderClassStudents: 30,
    investment: '500000.00',
    investmentReceived: '320000.50',
    equipmentValue: '100000',
    ...overrides,
  });

  it('records a row with an exact amount and a partner known to the hub', async () => {
    const uscc = await partnerUscc();
    expect(uscc).toHaveLength(18);
    const recorded = await execute(sg, school, RECORD, { input: ledger(uscc) });
    expect(recorded.data!.recordCooperation).toMatchObject({
      partnerUscc: uscc,
      investment: '500000.00',
      investmentReceived: '320000.50',
      partner: { id: org('jnjgzb') },
    });
    const id = recorded.data!.recordCooperation.id;
    const visible = async (viewer: Viewer) => (await execute(sg, viewer, `query($id: ID!) { cooperation(id: $id) { id } }`, { id })).data!.cooperation;
    expect(await visible(enterprise)).toEqual({ id });
    expect(await visible(otherEnterprise)).toBeNull();
    expect(await visible(secretariatG2)).toBeNull();
  });

  it('refuses bad figures and unknown partners, changing nothing', async () => {
    const uscc = await partnerUscc();
    const before = await rowCounts();
    const notAPartner = /不是本平台登记的单位或不是本集团的正式成员/;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [ledger(uscc, { investmentReceived: '500000.01' }), 'BAD_USER_INPUT', /到账金额 500000.01 元不能超过企业投入 500000.00 元/],
      [ledger(uscc, { equipmentValue: '600000' }), 'BAD_USER_INPUT', /设备值/],
      [ledger(uscc, { apprentices: -1 }), 'BAD_USER_INPUT', /学徒数/],
      [ledger(uscc, { investment: '12.345' }), 'BAD_USER_INPUT', /最多两位小数/],
      // A code's form is members' rule (tested in members and end to end); here the directory knows the code or not.
      [ledger(demoUnit('sdzg').uscc), 'BAD_USER_INPUT', notAPartner], // no unit the directory knows
      [ledger(demoUnit('qdzy').uscc), 'BAD_USER_INPUT', notAPartner], // an active member, of another group
      [ledger(demoUnit('jnzy').uscc), 'BAD_USER_INPUT', /合作单位 \S+ 不能是本单位（partner is your own unit）/],
      [ledger(uscc, { groupId: G2 }), 'FORBIDDEN', /只能在本单位所在的集团/],
    ];
    for (const [input, code, message] of cases) {
      const result = await execute(sg, school, RECORD, { input });
      expect(codes(result)).toEqual([code]);
      expect(result.errors![0].message).toMatch(message);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('search', () => {
  it('filters by kind, provider type, region, capacity left and keyword', async () => {
    const page = async (filter: Record<string, unknown>) => (await execute(sg, school, SEARCH, { filter, first: 100 })).data!.resources;
    const all = await page({});
    expect(all.totalCount).toBeGreaterThan(20);
    const equipment = await page({ kinds: ['EQUIPMENT'] });
    expect(equipment.edges.length).toBeGreaterThan(0);
    expectEach(equipment.edges, (e: any) => e.node.kind === 'EQUIPMENT');
    const fromSchools = await page({ providerTypes: ['HIGHER_VOCATIONAL', 'TECHNICIAN_COLLEGE', 'SECONDARY_VOCATIONAL'] });
    const fromEnterprises = await page({ providerTypes: ['ENTERPRISE'] });
    expect(fromSchools.totalCount + fromEnterprises.totalCount).toBeLessThanOrEqual(all.totalCount);
    expect(fromEnterprises.totalCount).toBeGreaterThan(0);
    const big = await page({ minCapacityLeft: 25 });
    expectEach(big.edges, (e: any) => e.node.capacityLeft >= 25);
    const jinan = await page({ region: '3701' });
    const qingdao = await page({ region: '3702' });
    expect(jinan.totalCount + qingdao.totalCount).toBeLessThanOrEqual(all.totalCount);
    expect(codes(await execute(sg, school, SEARCH, { first: 500 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('walks pages without overlap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const result: any = await execute(sg, school, SEARCH, { first: 9, after });
      seen.push(...result.data.resources.edges.map((e: any) => e.node.id));
      after = result.data.resources.pageInfo.hasNextPage ? result.data.resources.pageInfo.endCursor : null;
    } while (after);
    const whole = await execute(sg, school, SEARCH, { first: 100 });
    expect(seen).toEqual(whole.data!.resources.edges.map((e: any) => e.node.id));
  });
});

describe('no N+1', () => {
  const statements = async (run: () => Promise<unknown>) => {
    const before = sg.queries.count;
    await run();
    return sg.queries.count - before;
  };

  it('costs the same statements for a search page of 5 as of 40', async () => {
    const small = await statements(() => execute(sg, school, SEARCH, { first: 5 }));
    const large = await statements(() => execute(sg, school, SEARCH, { first: 40 }));
    expect(large).toBe(small);
  });

  it('costs the same statements for Organization.resources of 3 units as of 30', async () => {
    const providers: string[] = (await sg.db.query(`SELECT DISTINCT providerId FROM shared_resource`)).map((r: { providerId: string }) => r.providerId);
    expect(providers.length).toBeGreaterThanOrEqual(20);
    const query = /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id resources { id title } cooperations(year: 2025) { id } } } }`;
    const run = (ids: string[]) => () => execute(sg, school, query, { reps: ids.map((id) => ({ __typename: 'Organization', id })) });
    const small = await statements(run(providers.slice(0, 3)));
    const large = await statements(run(providers.slice(0, 30)));
    expect(large).toBe(small);
  });
});

describe('annual report: sharing', () => {
  it('sums the group’s ledgers of the year exactly; per-unit figures only for the bot, the secretariat or the unit itself', async () => {
    const rows: any[] = await sg.db.query(
      `SELECT organizationId, orderClassStudents, investment, investmentReceived FROM cooperation WHERE groupId = ? AND year = 2025`,
      [G1],
    );
    const query = /* GraphQL */ `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { sharing { cooperations orderClassStudents investmentReceived requestsCompleted { kind count participants } byOrganization { organizationId } } } } }`;
    const reps = [{ __typename: 'AnnualReport', groupId: G1, year: 2025 }];
    const sharing = (await execute(sg, reporter, query, { reps })).data!._entities[0].sharing;
    expect(sharing.cooperations).toBe(rows.length);
    expect(sharing.orderClassStudents).toBe(rows.reduce((n, r) => n + Number(r.orderClassStudents), 0));
    const fen = rows.reduce((n, r) => n + Number(r.investmentReceived), 0);
    expect(sharing.investmentReceived).toBe(`${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`);
    expect(sharing.requestsCompleted.length).toBeGreaterThan(0);
    expect(sharing.byOrganization.length).toBe(new Set(rows.map((r) => r.organizationId)).size);

    const asSchool = (await execute(sg, school, query, { reps })).data!._entities[0].sharing;
    expect(asSchool.cooperations).toBe(rows.length);
    expectEach(asSchool.byOrganization, (o: any) => o.organizationId === school.organizationId);
    const otherGroup = await execute(sg, secretariatG2, query, { reps });
    expect(otherGroup.data!._entities[0].sharing).toBeNull();
  });
});
