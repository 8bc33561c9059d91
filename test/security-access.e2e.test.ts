import { DEMO, demoId, orgId } from '@zjjt/demo';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { codesOf, dataOf, expectEach, startTestHub, TestHub, usccOf } from './harness';

// SECURITY.md — authentication and authorization: shared master data. A unit can belong to
// several groups; a group's own records never widen what it may read or change of a unit that
// already existed, every change of a unit's master data is audited for all its groups, and ids,
// USCCs, cursors and filters reveal nothing the caller could not read anyway.
let hub: TestHub;
const t: Record<string, string> = {};
const G1 = DEMO.groupId;
const G2 = DEMO.secondGroupId;
const org = orgId;

beforeAll(async () => {
  hub = await startTestHub();
  t.sec1 = await hub.token({ sub: 'acc-sec1', roles: ['SECRETARIAT'], groups: [G1], org: DEMO.secretariatOrgId });
  t.sec2 = await hub.token({ sub: 'acc-sec2', roles: ['SECRETARIAT'], groups: [G2], org: DEMO.secondGroupSecretariatOrgId });
  t.member1 = await hub.token({ sub: 'acc-mem1', roles: ['MEMBER'], groups: [G1], org: org('jnskjc') });
  t.school = await hub.token({ sub: 'acc-school', roles: ['MEMBER'], groups: [G1], org: DEMO.schoolOrgId });
  // A G1-only unit (the target) and a unit of both groups, each with its own user.
  t.target = await hub.token({ sub: 'acc-target', roles: ['MEMBER'], groups: [G1], org: org('jnjgzb') });
  t.shared = await hub.token({ sub: 'acc-shared', roles: ['MEMBER'], groups: [G1, G2], org: org('qdgkjx') });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const FULL = /* GraphQL */ `id name uscc region contact { contactPerson contactPhone contactEmail address }`;
const byId = async (id: string, token?: string) => dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { ${FULL} } }`, { id }, token)).organization;
const byUscc = async (uscc: string, token?: string) =>
  dataOf(await hub.gql(`query($u: String!) { organizationByUscc(uscc: $u) { ${FULL} } }`, { u: uscc }, token)).organizationByUscc;
const impostor = (uscc: string) => ({
  uscc,
  name: '冒名顶替有限公司（测试）',
  type: 'ENTERPRISE',
  region: '370211',
  industry: '通用设备制造业',
  contactPerson: '冒名',
  contactPhone: '0532-80000000',
});
const newUscc = (n: number) => {
  const first17 = `91370212MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
};

describe('a group’s own membership records never open a unit that already existed', () => {
  it('recordJoinApplication with a G1-only unit’s USCC answers what organizationByUscc answers (nothing), and rejecting it grants nothing either', async () => {
    const target = await byId(org('jnjgzb'), t.sec1);
    expect(target.contact.contactPerson).toBeTruthy();
    expect(await byUscc(target.uscc, t.sec2)).toBeNull();

    const recorded = dataOf(
      await hub.gql(
        `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id status organization { ${FULL} } } }`,
        { input: { groupId: G2, organization: impostor(target.uscc), statement: '申请加入' } },
        t.sec2,
      ),
    ).recordJoinApplication;
    expect(recorded).toEqual({ id: expect.any(String), status: 'PENDING', organization: null });
    expect(await byUscc(target.uscc, t.sec2)).toBeNull();
    expect(await byId(target.id, t.sec2)).toBeNull();

    dataOf(await hub.gql(`mutation($id: ID!) { rejectMembership(input: { membershipId: $id, reason: "材料不全" }) { status } }`, { id: recorded.id }, t.sec2));
    expect(await byId(target.id, t.sec2)).toBeNull();
    expect(await byUscc(target.uscc, t.sec2)).toBeNull();
    const viaMembership = dataOf(
      await hub.gql(`query($id: ID!) { membership(id: $id) { status organization { id name } } }`, { id: recorded.id }, t.sec2),
    ).membership;
    expect(viaMembership).toEqual({ status: 'REJECTED', organization: null });
    // The unit's own data is untouched by what G2 typed.
    expect(await byId(target.id, t.sec1)).toEqual(target);
  });

  it('registerMember with an existing USCC reveals nothing, and the unit’s own confirmation opens it', async () => {
    const unit = await byId(org('jnskjc'), t.sec1);
    const registered = dataOf(
      await hub.gql(
        `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id status consent organization { ${FULL} } } }`,
        { input: { groupId: G2, organization: impostor(unit.uscc) } },
        t.sec2,
      ),
    ).registerMember;
    expect(registered).toMatchObject({ status: 'ACTIVE', consent: null, organization: null });
    expect(await byId(unit.id, t.sec2)).toBeNull();
    // Not listed to G2's members or the portal either, and not found by search.
    const listed = dataOf(await hub.gql(`query($g: ID!) { group(id: $g) { members(first: 100) { totalCount edges { node { id } } } } }`, { g: G2 })).group
      .members;
    expect(listed.edges).toHaveLength(listed.totalCount);
    expect(listed.edges.map((e: any) => e.node.id)).not.toContain(registered.id);

    // The unit sees the record among its memberships and confirms it; then G2's secretariat has its profile.
    const mine = dataOf(await hub.gql(`{ myOrganization { memberships { id consent group { id name } } } }`, {}, t.member1)).myOrganization.memberships;
    expect(mine.find((m: any) => m.id === registered.id)).toMatchObject({ consent: null, group: { id: G2 } });
    expect(codesOf(await hub.gql(`mutation($id: ID!) { confirmMembership(id: $id) { id } }`, { id: registered.id }, t.school))).toEqual(['NOT_FOUND']);
    const confirmed = dataOf(
      await hub.gql(`mutation($id: ID!) { confirmMembership(id: $id) { consent history { action actorUserId } } }`, { id: registered.id }, t.member1),
    ).confirmMembership;
    expect(confirmed.consent).toBe('CONFIRMED');
    expect(confirmed.history.at(-1)).toEqual({ action: 'CONFIRMED', actorUserId: 'acc-mem1' });
    expect(await byId(unit.id, t.sec2)).toEqual(unit);
  });

  it('a secretariat that did not register a unit cannot edit it; a G2 edit of a G1-only unit changes nothing', async () => {
    const target = await byId(org('jndyjx'), t.sec1);
    dataOf(
      await hub.gql(
        `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id } }`,
        { input: { groupId: G2, organization: impostor(target.uscc) } },
        t.sec2,
      ),
    );
    const attempt = await hub.gql(
      `mutation($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }`,
      { id: target.id, input: { ...impostor(target.uscc), name: '被改名的单位（测试）' } },
      t.sec2,
    );
    expect(codesOf(attempt)).toEqual(['NOT_FOUND']);
    expect(await byId(target.id, t.sec1)).toEqual(target);
    expect(await byId(target.id, t.member1)).toMatchObject({ name: target.name, contact: null });
  });
});

describe('who changes a shared unit’s master data, with an audit row every group of the unit reads', () => {
  const CHANGES = /* GraphQL */ `changes { field oldValue newValue changedBy changedByOrganizationId changedByGroupId via changedAt }`;
  const UPDATE = /* GraphQL */ `mutation($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, input: $input) { id name ${CHANGES} } }`;
  const inputOf = (o: any, overrides: Record<string, unknown>) => ({
    uscc: o.uscc,
    name: o.name,
    type: o.type,
    region: o.region,
    industry: o.industry,
    aboveDesignatedSize: o.aboveDesignatedSize,
    fortune500: o.fortune500,
    website: o.website,
    ...o.contact,
    ...overrides,
  });
  const PROFILE = /* GraphQL */ `id name uscc type region industry aboveDesignatedSize fortune500 website contact { contactPerson contactPhone contactEmail address }`;

  it('the secretariat that registered a unit of its group only edits it directly, and the change is audited', async () => {
    const unit = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { ${PROFILE} } }`, { id: org('zqzz') }, t.sec1)).organization;
    const updated = dataOf(
      await hub.gql(UPDATE, { id: unit.id, input: inputOf(unit, { name: '章丘示范精密铸造有限公司（演示）' }) }, t.sec1),
    ).updateOrganization;
    expect(updated.name).toBe('章丘示范精密铸造有限公司（演示）');
    expect(updated.changes).toHaveLength(1);
    expect(updated.changes[0]).toEqual({
      field: 'name',
      oldValue: unit.name,
      newValue: '章丘示范精密铸造有限公司（演示）',
      changedBy: 'acc-sec1',
      changedByOrganizationId: DEMO.secretariatOrgId,
      changedByGroupId: G1,
      via: 'SECRETARIAT',
      changedAt: expect.any(String),
    });
  });

  it('a unit of two groups is edited by itself or through a correction it accepts; both groups read every change', async () => {
    const id = org('qdgkjx');
    const unit = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { ${PROFILE} } }`, { id }, t.sec1)).organization;
    // Both groups reached full access through a consent path in the demo data.
    expect(dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { ${PROFILE} } }`, { id }, t.sec2)).organization).toEqual(unit);

    const direct = await hub.gql(UPDATE, { id, input: inputOf(unit, { name: '被秘书处直接改名（测试）' }) }, t.sec1);
    expect(codesOf(direct)).toEqual(['FORBIDDEN']);
    expect(direct.body.errors![0].message).toMatch(/proposeOrganizationCorrection/);

    const proposed = dataOf(
      await hub.gql(
        `mutation($input: OrganizationCorrectionInput!) { proposeOrganizationCorrection(input: $input) { id status fields { field currentValue proposedValue } } }`,
        {
          input: {
            organizationId: id,
            groupId: G1,
            reason: '营业执照已变更名称',
            changes: { name: '青岛示范港口装备有限公司（演示）', contactPerson: '刘港' },
          },
        },
        t.sec1,
      ),
    ).proposeOrganizationCorrection;
    expect(proposed.status).toBe('PENDING');
    expect(proposed.fields).toEqual([
      { field: 'name', currentValue: unit.name, proposedValue: '青岛示范港口装备有限公司（演示）' },
      { field: 'contactPerson', currentValue: unit.contact.contactPerson, proposedValue: '刘港' },
    ]);
    // Nothing changes until the unit accepts; another unit cannot accept it.
    expect(dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { name } }`, { id }, t.sec2)).organization.name).toBe(unit.name);
    expect(codesOf(await hub.gql(`mutation($id: ID!) { acceptOrganizationCorrection(id: $id) { id } }`, { id: proposed.id }, t.target))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(`mutation($id: ID!) { acceptOrganizationCorrection(id: $id) { id } }`, { id: proposed.id }, t.sec2))).toEqual(['NOT_FOUND']);

    const accepted = dataOf(
      await hub.gql(`mutation($id: ID!) { acceptOrganizationCorrection(id: $id) { status decidedBy } }`, { id: proposed.id }, t.shared),
    ).acceptOrganizationCorrection;
    expect(accepted).toEqual({ status: 'ACCEPTED', decidedBy: 'acc-shared' });
    expect(codesOf(await hub.gql(`mutation($id: ID!) { acceptOrganizationCorrection(id: $id) { id } }`, { id: proposed.id }, t.shared))).toEqual([
      'BAD_USER_INPUT',
    ]);

    // The unit edits itself directly.
    dataOf(
      await hub.gql(
        UPDATE,
        { id, input: inputOf(unit, { name: '青岛示范港口装备有限公司（演示）', contactPerson: '刘港', website: 'https://port.example.cn' }) },
        t.shared,
      ),
    );

    const expected = [
      {
        field: 'name',
        oldValue: unit.name,
        newValue: '青岛示范港口装备有限公司（演示）',
        changedBy: 'acc-shared',
        changedByOrganizationId: id,
        changedByGroupId: G1,
        via: 'CORRECTION',
      },
      {
        field: 'contactPerson',
        oldValue: unit.contact.contactPerson,
        newValue: '刘港',
        changedBy: 'acc-shared',
        changedByOrganizationId: id,
        changedByGroupId: G1,
        via: 'CORRECTION',
      },
      {
        field: 'website',
        oldValue: unit.website,
        newValue: 'https://port.example.cn',
        changedBy: 'acc-shared',
        changedByOrganizationId: id,
        changedByGroupId: null,
        via: 'UNIT',
      },
    ];
    for (const token of [t.sec1, t.sec2, t.shared]) {
      const changes = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { name ${CHANGES} } }`, { id }, token)).organization.changes;
      expect(changes).toHaveLength(3);
      expect(changes.map(({ changedAt: _, ...c }: any) => c)).toEqual(expected);
    }
    // A member of a group sees the public profile, not the audit trail.
    expect(dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { name ${CHANGES} } }`, { id }, t.member1)).organization.changes).toEqual([]);
  });

  it('updateMyContact is audited too, and a declined correction changes nothing', async () => {
    const before = dataOf(await hub.gql(`{ myOrganization { id contact { contactPhone } changes { field } } }`, {}, t.target)).myOrganization;
    dataOf(await hub.gql(`mutation { updateMyContact(input: { contactPhone: "0531-88990011" }) { id } }`, {}, t.target));
    const after = dataOf(await hub.gql(`{ myOrganization { changes { field oldValue newValue via changedBy } } }`, {}, t.target)).myOrganization.changes;
    expect(after).toHaveLength(before.changes.length + 1);
    expect(after.at(-1)).toEqual({
      field: 'contactPhone',
      oldValue: before.contact.contactPhone,
      newValue: '0531-88990011',
      via: 'UNIT',
      changedBy: 'acc-target',
    });

    const proposed = dataOf(
      await hub.gql(
        `mutation($input: OrganizationCorrectionInput!) { proposeOrganizationCorrection(input: $input) { id } }`,
        { input: { organizationId: before.id, groupId: G1, reason: '核对', changes: { industry: '金属制品业' } } },
        t.sec1,
      ),
    ).proposeOrganizationCorrection;
    const declined = dataOf(
      await hub.gql(
        `mutation($id: ID!) { declineOrganizationCorrection(id: $id, reason: "行业分类无误") { status decisionReason } }`,
        { id: proposed.id },
        t.target,
      ),
    ).declineOrganizationCorrection;
    expect(declined).toEqual({ status: 'DECLINED', decisionReason: '行业分类无误' });
    const finalChanges = dataOf(await hub.gql(`{ myOrganization { industry changes { field } } }`, {}, t.target)).myOrganization;
    expect(finalChanges.industry).not.toBe('金属制品业');
    expect(finalChanges.changes).toHaveLength(after.length);
  });
});

describe('partners and target scopes of another group are refused exactly like unknown ones', () => {
  const RECORD = /* GraphQL */ `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id } }`;
  const ledger = (partnerUscc: string) => ({ groupId: G1, partnerUscc, year: 2025, projectName: '订单班（测试）', orderClassStudents: 10 });

  it('recordCooperation: a G2-only partner and an unknown USCC get the same refusal, and no row', async () => {
    const g2Only = await usccOf(hub, org('xhajg'), t.sec2);
    const unknown = newUscc(9001);
    const count = async () =>
      dataOf(await hub.gql(`query($g: ID!) { cooperations(groupId: $g, first: 1) { totalCount } }`, { g: G1 }, t.school)).cooperations.totalCount;
    const before = await count();
    const other = await hub.gql(RECORD, { input: ledger(g2Only) }, t.school);
    const missing = await hub.gql(RECORD, { input: ledger(unknown) }, t.school);
    expect(codesOf(other)).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(missing)).toEqual(['BAD_USER_INPUT']);
    expect(other.body.errors![0].message.replace(g2Only, '<USCC>')).toBe(missing.body.errors![0].message.replace(unknown, '<USCC>'));
    expect(other.body.errors![0].extensions).toEqual(missing.body.errors![0].extensions);
    expect(await count()).toBe(before);
  });

  it('setTarget: another group’s unit as scope is refused like an unknown id', async () => {
    const set = (scope: string) =>
      hub.gql(
        `mutation($g: ID!, $s: String!) { setTarget(input: { groupId: $g, year: 2025, indicator: TRAINING_PER_STUDENT, scope: $s, threshold: 2 }) { id } }`,
        { g: G1, s: scope },
        t.sec1,
      );
    const other = await set(org('xhajg'));
    const unknown = await set(demoId('organization', 'no-such-unit'));
    expect(codesOf(other)).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(other.body.errors![0].message.replace(org('xhajg'), '<ID>')).toBe(
      unknown.body.errors![0].message.replace(demoId('organization', 'no-such-unit'), '<ID>'),
    );
    const targets = dataOf(await hub.gql(`query($g: ID!) { targets(groupId: $g, year: 2025) { scope } }`, { g: G1 }, t.sec1)).targets;
    expect(targets.map((x: any) => x.scope)).not.toContain(org('xhajg'));
  });
});

describe('cursors and filters of the member list', () => {
  const PAGE = /* GraphQL */ `query($g: ID!, $first: Int, $after: String, $filter: MemberFilter, $orderBy: MemberOrder) {
    group(id: $g) { members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id organization { name uscc } } } } } }`;

  it('cursors are opaque: a USCC-sorted page’s cursors hold no USCC or name, and a forged cursor is refused', async () => {
    const page = dataOf(await hub.gql(PAGE, { g: G1, first: 5, orderBy: { field: 'USCC', direction: 'ASC' } }, t.sec1)).group.members;
    expect(page.edges).toHaveLength(5);
    for (const edge of page.edges) {
      const decoded = Buffer.from(edge.cursor, 'base64url').toString('latin1') + Buffer.from(edge.cursor, 'base64').toString('utf8');
      for (const e of page.edges) {
        expect(decoded).not.toContain(e.node.organization.uscc);
        expect(decoded).not.toContain(e.node.organization.uscc.slice(0, 8));
      }
    }
    // Paging still works, and follows the order.
    const next = dataOf(await hub.gql(PAGE, { g: G1, first: 5, after: page.pageInfo.endCursor, orderBy: { field: 'USCC', direction: 'ASC' } }, t.sec1)).group
      .members;
    expect(next.edges).toHaveLength(5);
    expect(next.edges[0].node.organization.uscc > page.edges[4].node.organization.uscc).toBe(true);
    // A cursor made by hand (the old, readable shape) is refused.
    const forged = Buffer.from(JSON.stringify(['91', page.edges[0].node.id]), 'utf8').toString('base64url');
    const refused = await hub.gql(PAGE, { g: G1, first: 5, after: forged, orderBy: { field: 'USCC', direction: 'ASC' } }, t.sec1);
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
  });

  it('anonymous callers sort and filter only on what the portal shows', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ orderBy: { field: 'USCC', direction: 'ASC' } }, /USCC/],
      [{ filter: { region: '3701' } }, /region/],
      [{ filter: { industry: '通用设备制造业' } }, /industry/],
      [{ filter: { aboveDesignatedSize: true } }, /aboveDesignatedSize/],
      [{ filter: { aboveDesignatedSize: false } }, /aboveDesignatedSize/],
    ];
    for (const [args, field] of cases) {
      const response = await hub.gql(PAGE, { g: G1, first: 5, ...args });
      expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.body.errors![0].message).toMatch(field);
    }
    // What the portal shows still works: names, types, roles.
    const byName = dataOf(await hub.gql(PAGE, { g: G1, first: 3, filter: { types: ['ENTERPRISE'] }, orderBy: { field: 'NAME', direction: 'ASC' } })).group
      .members;
    expectEach(byName.edges, (e: any) => e.node.organization.name && e.node.organization.uscc === null, 3);
    // A member of the group may filter on the public profile it sees.
    const asMember = dataOf(await hub.gql(PAGE, { g: G1, first: 3, filter: { region: '3701' }, orderBy: { field: 'USCC', direction: 'ASC' } }, t.member1)).group
      .members;
    expect(asMember.edges).toHaveLength(3);
  });
});
