import { Subgraph, Viewer } from '@zjjt/kit';
import { dropTestDatabase, execute, createTestSubgraph, expectEach } from '@zjjt/kit/testing';
import { members } from '../src/schema';
import { MembersLoaders } from '../src/context';
import { DEMO } from '@zjjt/demo';
import { seedDemo } from '../src/seed';
import { usccCheckCharacter } from '../src/organization/uscc';

let sg: Subgraph<MembersLoaders>;

const secretariat = new Viewer('user-sec-1', DEMO.secretariatOrgId, [DEMO.groupId], ['SECRETARIAT']);
const member = new Viewer('user-mem-1', DEMO.memberOrgId, [DEMO.groupId], ['MEMBER']);
const otherGroup = new Viewer('user-sec-2', DEMO.secondGroupSecretariatOrgId, [DEMO.secondGroupId], ['SECRETARIAT']);
const anonymous = Viewer.anonymous();

/** A valid USCC made from a number, for organizations the tests register. */
const usccFor = (n: number) => {
  const first17 = `91370102MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

const organizationInput = (n: number, overrides: Record<string, unknown> = {}) => ({
  uscc: usccFor(n),
  name: `测试机械有限公司${n}（测试）`,
  type: 'ENTERPRISE',
  region: '370102',
  industry: '通用设备制造业',
  contactPerson: '张工',
  contactPhone: '0531-88880000',
  ...overrides,
});

async function rowCounts() {
  const count = (table: string) => sg.db.query(`SELECT COUNT(*) AS n FROM ${table}`).then((rows: { n: number | string }[]) => Number(rows[0].n));
  return { organization: await count('organization'), membership: await count('membership'), event: await count('membership_event') };
}

const codes = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);

const MEMBER_PAGE = /* GraphQL */ `
  query Page($groupId: ID!, $first: Int, $after: String, $filter: MemberFilter, $search: String, $orderBy: MemberOrder) {
    group(id: $groupId) {
      members(first: $first, after: $after, filter: $filter, search: $search, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id role status joinedOn councilTerm { number } organization { id name type uscc region aboveDesignatedSize contact { contactPhone } } } }
      }
    }
  }
`;

const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterMemberInput!) { registerMember(input: $input) { id status role organization { id uscc } } }
`;

beforeAll(async () => {
  sg = await createTestSubgraph(members);
  expect(await seedDemo(sg.db)).toBe(true);
});

afterAll(async () => {
  await sg.close();
  await dropTestDatabase(sg.config.database);
});

describe('member list', () => {
  it('filters by organization type and region prefix', async () => {
    const result = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first: 100, filter: { types: ['ENTERPRISE'], region: '37' } });
    const nodes = result.data!.group.members.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(30);
    expectEach(nodes, (n: any) => n.organization.type === 'ENTERPRISE' && n.organization.region.startsWith('37'));
    expect(result.data!.group.members.totalCount).toBe(nodes.length);
  });

  it('finds a unit by part of its name or the start of its USCC', async () => {
    const all = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first: 1, orderBy: { field: 'NAME', direction: 'ASC' } });
    const first = all.data!.group.members.edges[0].node.organization;
    const byName = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, search: first.name.slice(2, 6) });
    expect(byName.data!.group.members.edges.map((e: any) => e.node.organization.id)).toContain(first.id);
    const byUscc = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, search: first.uscc.slice(0, 14).toLowerCase() });
    expect(byUscc.data!.group.members.edges.map((e: any) => e.node.organization.id)).toContain(first.id);
    // Wildcards typed by a person are matched literally.
    const wildcard = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, search: '%' });
    expect(wildcard.data!.group.members.totalCount).toBe(0);
  });

  it('walks every page once, in order, with a capped page size', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: any = await execute(sg, secretariat, MEMBER_PAGE, {
        groupId: DEMO.groupId,
        first: 7,
        after,
        orderBy: { field: 'NAME', direction: 'DESC' },
        filter: { statuses: ['ACTIVE', 'PENDING', 'EXITED', 'REJECTED'] },
      });
      const page = result.data.group.members;
      total = page.totalCount;
      seen.push(...page.edges.map((e: any) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total);
    expect(total).toBeGreaterThanOrEqual(60);
    // The same order as one big page: pages neither overlap nor skip, whatever the collation.
    const whole: any = await execute(sg, secretariat, MEMBER_PAGE, {
      groupId: DEMO.groupId,
      first: 100,
      orderBy: { field: 'NAME', direction: 'DESC' },
      filter: { statuses: ['ACTIVE', 'PENDING', 'EXITED', 'REJECTED'] },
    });
    expect(whole.data.group.members.edges.map((e: any) => e.node.id)).toEqual(seen);

    const tooMany = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first: 99999999 });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
  });

  it('shows pending and exited units to the secretariat only', async () => {
    const asSecretariat = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first: 100, filter: { statuses: ['PENDING'] } });
    expect(asSecretariat.data!.group.members.totalCount).toBeGreaterThan(0);
    const asMember = await execute(sg, member, MEMBER_PAGE, { groupId: DEMO.groupId, first: 100, filter: { statuses: ['PENDING'] } });
    expectEach(asMember.data!.group.members.edges, (e: any) => e.node.status === 'ACTIVE');
  });

  it('gives members the public profile and the secretariat the contact details', async () => {
    const asMember = await execute(sg, member, MEMBER_PAGE, { groupId: DEMO.groupId, first: 100 });
    const nodes = asMember.data!.group.members.edges.map((e: any) => e.node.organization);
    expect(nodes.find((o: any) => o.id === DEMO.memberOrgId).contact).not.toBeNull();
    expectEach(
      nodes.filter((o: any) => o.id !== DEMO.memberOrgId),
      (o: any) => o.contact === null && o.uscc !== null,
    );
    const asSecretariat = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first: 100 });
    expectEach(asSecretariat.data!.group.members.edges, (e: any) => e.node.organization.contact !== null);
  });

  it('costs the same number of SQL statements for 5 rows as for 50', async () => {
    const statements = async (first: number) => {
      const before = sg.queries.count;
      const result = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first });
      expect(result.data!.group.members.edges).toHaveLength(first);
      return sg.queries.count - before;
    };
    const small = await statements(5);
    const large = await statements(50);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});

describe('bad input changes nothing', () => {
  it('rejects an invalid USCC with a message a secretariat understands', async () => {
    const before = await rowCounts();
    const bad = usccFor(1).slice(0, 17) + (usccFor(1)[17] === '0' ? '1' : '0');
    const result = await execute(sg, secretariat, REGISTER, { input: { groupId: DEMO.groupId, organization: organizationInput(1, { uscc: bad }) } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0].message).toMatch(/校验位/);
    const short = await execute(sg, secretariat, REGISTER, { input: { groupId: DEMO.groupId, organization: organizationInput(1, { uscc: '9137' }) } });
    expect(short.errors![0].message).toMatch(/18 位/);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses the same organization twice in one group', async () => {
    const first = await execute(sg, secretariat, REGISTER, { input: { groupId: DEMO.groupId, organization: organizationInput(2) } });
    expect(first.data!.registerMember.status).toBe('ACTIVE');
    const before = await rowCounts();
    const again = await execute(sg, secretariat, REGISTER, { input: { groupId: DEMO.groupId, organization: organizationInput(2) } });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses to approve what is not pending, an unknown id, and an exit before joining', async () => {
    const registered = await execute(sg, secretariat, REGISTER, {
      input: { groupId: DEMO.groupId, organization: organizationInput(3), joinedOn: '2024-03-01' },
    });
    const id = registered.data!.registerMember.id;
    const before = await rowCounts();
    const approve = await execute(sg, secretariat, `mutation($id: ID!) { approveMembership(input: { membershipId: $id }) { id } }`, { id });
    expect(codes(approve)).toEqual(['BAD_USER_INPUT']);
    expect(approve.errors![0].message).toMatch(/正式成员/);
    const unknown = await execute(sg, secretariat, `mutation { approveMembership(input: { membershipId: "no-such-membership" }) { id } }`);
    expect(codes(unknown)).toEqual(['NOT_FOUND']);
    const exit = await execute(
      sg,
      secretariat,
      `mutation($id: ID!) { recordExit(input: { membershipId: $id, exitedOn: "2024-02-01", reason: "转产" }) { id } }`,
      { id },
    );
    expect(codes(exit)).toEqual(['BAD_USER_INPUT']);
    expect(exit.errors![0].message).toMatch(/不能早于入会日期/);
    expect(await rowCounts()).toEqual(before);
  });

  it('forbids a member unit from secretariat mutations', async () => {
    const pending = await execute(sg, secretariat, MEMBER_PAGE, { groupId: DEMO.groupId, first: 1, filter: { statuses: ['PENDING'] } });
    const id = pending.data!.group.members.edges[0].node.id;
    const before = await rowCounts();
    const approve = await execute(sg, member, `mutation($id: ID!) { approveMembership(input: { membershipId: $id }) { id } }`, { id });
    expect(codes(approve)).toEqual(['FORBIDDEN']);
    const register = await execute(sg, member, REGISTER, { input: { groupId: DEMO.groupId, organization: organizationInput(4) } });
    expect(codes(register)).toEqual(['FORBIDDEN']);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('workflow history', () => {
  it('keeps who and when for application, approval, role change and exit', async () => {
    const applied = await execute(sg, secretariat, `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id status } }`, {
      input: { groupId: DEMO.groupId, organization: organizationInput(5), statement: '申请加入集团。'.repeat(130), appliedOn: '2025-01-10' },
    });
    const id = applied.data!.recordJoinApplication.id;
    expect(applied.data!.recordJoinApplication.status).toBe('PENDING');
    await execute(sg, secretariat, `mutation($id: ID!) { approveMembership(input: { membershipId: $id, joinedOn: "2025-02-01" }) { id } }`, { id });
    await execute(sg, secretariat, `mutation($id: ID!) { changeMembershipRole(input: { membershipId: $id, role: DIRECTOR, reason: "理事会增补" }) { id } }`, {
      id,
    });
    const exited = await execute(
      sg,
      secretariat,
      `mutation($id: ID!) { recordExit(input: { membershipId: $id, exitedOn: "2025-09-30", reason: "企业转产" }) { status exitedOn exitReason role history { action fromStatus toStatus toRole reason actorUserId at } } }`,
      { id },
    );
    const m = exited.data!.recordExit;
    expect(m).toMatchObject({ status: 'EXITED', exitedOn: '2025-09-30', exitReason: '企业转产', role: 'DIRECTOR' });
    expect(m.history.map((h: any) => h.action)).toEqual(['APPLIED', 'APPROVED', 'ROLE_CHANGED', 'EXITED']);
    expectEach(m.history, (h: any) => h.actorUserId === 'user-sec-1' && !Number.isNaN(Date.parse(h.at)));
  });
});

describe('tenancy and entity references', () => {
  const ENTITIES = /* GraphQL */ `
    query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id name uscc contact { contactPerson } } ... on Group { id name } } }
  `;
  const reps = [
    { __typename: 'Organization', id: DEMO.memberOrgId },
    { __typename: 'Group', id: DEMO.groupId },
  ];

  it('resolves references for users of the group', async () => {
    const result = await execute(sg, member, ENTITIES, { reps });
    expect(result.data!._entities[0]).toMatchObject({ id: DEMO.memberOrgId, contact: { contactPerson: expect.any(String) } });
    expect(result.data!._entities[1]).toMatchObject({ id: DEMO.groupId });
  });

  it('gives a user of another group nothing of this one', async () => {
    const result = await execute(sg, otherGroup, ENTITIES, { reps });
    expect(result.data!._entities).toEqual([null, null]);
    const group = await execute(sg, otherGroup, `query($id: ID!) { group(id: $id) { name } organization(id: "${DEMO.memberOrgId}") { name } }`, {
      id: DEMO.groupId,
    });
    expect(group.data).toEqual({ group: null, organization: null });
  });

  it('gives anonymous callers names and types only', async () => {
    const result = await execute(sg, anonymous, ENTITIES, { reps });
    expect(result.data!._entities[0]).toMatchObject({ id: DEMO.memberOrgId, uscc: null, contact: null });
    const page = await execute(
      sg,
      anonymous,
      `query($id: ID!) { group(id: $id) { name notices { totalCount } members(first: 100) { edges { node { status organization { name type uscc } } } } } }`,
      { id: DEMO.groupId },
    );
    const nodes = page.data!.group.members.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(50);
    expectEach(nodes, (n: any) => n.status === 'ACTIVE' && n.organization.name && n.organization.uscc === null);
    expect(page.data!.group.notices).toBeNull();
  });
});
