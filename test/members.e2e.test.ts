import { DEMO } from '@zjjt/demo';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { codesOf, dataOf, expectEach, startTestHub, TestHub } from './harness';

let hub: TestHub;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  hub = await startTestHub();
  tokens.secretariat = await hub.token({ sub: 'e2e-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
  tokens.member = await hub.token({ sub: 'e2e-mem', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
  tokens.school = await hub.token({ sub: 'e2e-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  tokens.otherGroup = await hub.token({ sub: 'e2e-sec2', roles: ['SECRETARIAT'], groups: [DEMO.secondGroupId], org: DEMO.secondGroupSecretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const uscc = (n: number) => {
  const first17 = `91370211MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

describe('the secretariat runs the join workflow through the gateway', () => {
  it('application → approval → role change → exit, with history', async () => {
    const applied = dataOf(
      await hub.gql(
        /* GraphQL */ `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id status organization { name uscc } } }`,
        {
          input: {
            groupId: DEMO.groupId,
            organization: {
              uscc: uscc(42),
              name: '青岛演示数控设备有限公司（测试）',
              type: 'ENTERPRISE',
              region: '370211',
              industry: '专用设备制造业',
              aboveDesignatedSize: true,
            },
            statement: '希望参与订单班合作',
            appliedOn: '2025-03-01',
          },
        },
        tokens.secretariat,
      ),
    ).recordJoinApplication;
    expect(applied).toMatchObject({ status: 'PENDING', organization: { uscc: uscc(42) } });

    const term = dataOf(
      await hub.gql(`query($id: ID!) { group(id: $id) { councilTerms { id number } } }`, { id: DEMO.groupId }, tokens.secretariat),
    ).group.councilTerms.at(-1);
    const approved = dataOf(
      await hub.gql(
        `mutation($id: ID!, $term: ID) { approveMembership(input: { membershipId: $id, joinedOn: "2025-03-20", councilTermId: $term }) { status joinedOn councilTerm { number } } }`,
        { id: applied.id, term: term.id },
        tokens.secretariat,
      ),
    ).approveMembership;
    expect(approved).toEqual({ status: 'ACTIVE', joinedOn: '2025-03-20', councilTerm: { number: term.number } });

    const promoted = dataOf(
      await hub.gql(
        `mutation($id: ID!) { changeMembershipRole(input: { membershipId: $id, role: STANDING_DIRECTOR, reason: "理事会增补" }) { role } }`,
        { id: applied.id },
        tokens.secretariat,
      ),
    ).changeMembershipRole;
    expect(promoted.role).toBe('STANDING_DIRECTOR');

    const exited = dataOf(
      await hub.gql(
        `mutation($id: ID!) { recordExit(input: { membershipId: $id, exitedOn: "2025-10-31", reason: "企业转产" }) { status exitedOn history { action actorUserId toRole toStatus } } }`,
        { id: applied.id },
        tokens.secretariat,
      ),
    ).recordExit;
    expect(exited.status).toBe('EXITED');
    expect(exited.history.map((h: any) => `${h.action}:${h.toStatus}:${h.toRole}`)).toEqual([
      'APPLIED:PENDING:MEMBER',
      'APPROVED:ACTIVE:MEMBER',
      'ROLE_CHANGED:ACTIVE:STANDING_DIRECTOR',
      'EXITED:EXITED:STANDING_DIRECTOR',
    ]);
    expectEach(exited.history, (h: any) => h.actorUserId === 'e2e-sec', 4);
  });

  it('publishes a notice that members list and read', async () => {
    const notice = dataOf(
      await hub.gql(
        `mutation($input: PublishNoticeInput!) { publishNotice(input: $input) { id title } }`,
        { input: { groupId: DEMO.groupId, kind: 'NOTICE', title: '关于召开理事会的通知（测试）', body: '定于下月召开第二届理事会第三次会议。' } },
        tokens.secretariat,
      ),
    ).publishNotice;
    const listed = dataOf(
      await hub.gql(
        `query($id: ID!) { group(id: $id) { notices(first: 1) { edges { node { id title readByMyOrganization } } } } }`,
        { id: DEMO.groupId },
        tokens.member,
      ),
    ).group.notices.edges[0].node;
    expect(listed).toEqual({ id: notice.id, title: '关于召开理事会的通知（测试）', readByMyOrganization: false });
    dataOf(await hub.gql(`mutation($id: ID!) { markNoticeRead(id: $id) { id } }`, { id: notice.id }, tokens.member));
    dataOf(await hub.gql(`mutation($id: ID!) { markNoticeRead(id: $id) { readByMyOrganization } }`, { id: notice.id }, tokens.member));
    const asSecretariat = dataOf(await hub.gql(`query($id: ID!) { notice(id: $id) { readCount } }`, { id: notice.id }, tokens.secretariat)).notice;
    expect(asSecretariat.readCount).toBe(1);
  });
});

describe('a member unit', () => {
  it('is forbidden from approving, and nothing changes', async () => {
    const pending = dataOf(
      await hub.gql(
        `query($id: ID!) { group(id: $id) { members(first: 1, filter: { statuses: [PENDING] }) { edges { node { id } } } } }`,
        { id: DEMO.groupId },
        tokens.secretariat,
      ),
    ).group.members.edges[0].node;
    const response = await hub.gql(`mutation($id: ID!) { approveMembership(input: { membershipId: $id }) { id } }`, { id: pending.id }, tokens.member);
    expect(codesOf(response)).toEqual(['FORBIDDEN']);
    const after = dataOf(await hub.gql(`query($id: ID!) { membership(id: $id) { status } }`, { id: pending.id }, tokens.secretariat));
    expect(after.membership.status).toBe('PENDING');
  });

  it('updates its own contact details but not another unit’s profile', async () => {
    const updated = dataOf(
      await hub.gql(
        `mutation { updateMyContact(input: { contactPerson: "李经理", contactPhone: "0531-88776655" }) { id contact { contactPerson contactPhone } } }`,
        {},
        tokens.member,
      ),
    ).updateMyContact;
    expect(updated).toEqual({ id: DEMO.memberOrgId, contact: { contactPerson: '李经理', contactPhone: '0531-88776655' } });
    const other = await hub.gql(
      `mutation($id: ID!) { updateOrganization(id: $id, input: { uscc: "91350100M000100Y43", name: "x", type: ENTERPRISE, region: "370102", industry: "x" }) { id } }`,
      { id: DEMO.schoolOrgId },
      tokens.member,
    );
    expect(codesOf(other)).toEqual(['FORBIDDEN']);
  });

  it('applies to join another group, which that group’s secretariat sees as pending', async () => {
    const applied = dataOf(
      await hub.gql(`mutation($g: ID!) { applyToJoin(input: { groupId: $g, statement: "申请加入" }) { id status } }`, { g: DEMO.secondGroupId }, tokens.school),
    ).applyToJoin;
    expect(applied.status).toBe('PENDING');
    const seen = dataOf(
      await hub.gql(
        `query($g: ID!) { group(id: $g) { members(first: 100, filter: { statuses: [PENDING] }) { edges { node { id organization { id } } } } } }`,
        { g: DEMO.secondGroupId },
        tokens.otherGroup,
      ),
    );
    expect(seen.group.members.edges.map((e: any) => e.node.organization.id)).toContain(DEMO.schoolOrgId);
  });
});

describe('a new group', () => {
  it('is registered by an authority only, with a unique code', async () => {
    const authority = await hub.token({ sub: 'e2e-auth', roles: ['AUTHORITY'], groups: [], region: '37' });
    const input = { code: 'lyzj-e2e', name: '临沂市示范现代农业职业教育集团（测试）', type: 'REGIONAL', region: '371300' };
    const created = dataOf(
      await hub.gql(`mutation($input: RegisterGroupInput!) { registerGroup(input: $input) { id code type } }`, { input }, authority),
    ).registerGroup;
    expect(created).toMatchObject({ code: 'lyzj-e2e', type: 'REGIONAL' });
    expect(codesOf(await hub.gql(`mutation($input: RegisterGroupInput!) { registerGroup(input: $input) { id } }`, { input }, authority))).toEqual(['CONFLICT']);
    expect(
      codesOf(
        await hub.gql(`mutation($input: RegisterGroupInput!) { registerGroup(input: $input) { id } }`, { input: { ...input, code: 'x2' } }, tokens.secretariat),
      ),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('tenancy and the portal', () => {
  it('gives a user of group G2 nothing of group G1', async () => {
    const data = dataOf(
      await hub.gql(
        `query($g: ID!, $o: ID!) { group(id: $g) { name members { totalCount } } organization(id: $o) { name } groups { id } }`,
        { g: DEMO.groupId, o: DEMO.memberOrgId },
        tokens.otherGroup,
      ),
    );
    expect(data.group).toBeNull();
    expect(data.organization).toBeNull();
    expect(data.groups.map((g: any) => g.id)).toEqual([DEMO.secondGroupId]);
  });

  it('gives anonymous callers the public profile and member names and types only', async () => {
    const data = dataOf(
      await hub.gql(
        `query($g: ID!) { group(id: $g) { name type designations { title } notices { totalCount } members(first: 100) { totalCount edges { node { organization { name type uscc contact { contactPhone } memberships { id } } } } } } }`,
        { g: DEMO.groupId },
      ),
    );
    expect(data.group.name).toMatch(/集团/);
    expect(data.group.designations.length).toBeGreaterThan(0);
    expect(data.group.notices).toBeNull();
    const orgs = data.group.members.edges.map((e: any) => e.node.organization);
    expect(orgs.length).toBeGreaterThan(50);
    expect(orgs).toHaveLength(data.group.members.totalCount);
    expectEach(orgs, (o: any) => o.name && o.type && o.uscc === null && o.contact === null && o.memberships.length >= 1);
  });
});
