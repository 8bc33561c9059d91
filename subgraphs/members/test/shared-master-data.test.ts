import { randomUUID } from 'node:crypto';
import { openDataSource, Subgraph, Viewer } from '@zjjt/kit';
import { DEMO, orgId } from '@zjjt/demo';
import { dropTestDatabase, execute, createTestSubgraph, testDatabase, expectEach } from '@zjjt/kit/testing';
import { members } from '../src/schema';
import { MembersLoaders } from '../src/context';
import { seedDemo } from '../src/seed';
import { usccCheckCharacter } from '../src/organization/uscc';
import { Initial1763700000000 } from '../src/migrations/1763700000000-initial';
import { SharedMasterData1764200000000 } from '../src/migrations/1764200000000-shared-master-data';

// Shared master data in detail: consent, the member list, corrections, and the migration that
// backfills who registered each existing unit. The end-to-end cases are in test/security-access.e2e.test.ts.
let sg: Subgraph<MembersLoaders>;

const G1 = DEMO.groupId;
const G2 = DEMO.secondGroupId;
const org = orgId;
const sec1 = new Viewer('sec-1', DEMO.secretariatOrgId, [G1], ['SECRETARIAT']);
const sec2 = new Viewer('sec-2', DEMO.secondGroupSecretariatOrgId, [G2], ['SECRETARIAT']);
const member2 = new Viewer('mem-2', org('qdzy'), [G2], ['MEMBER']);
// An authority as the gateway forwards it: the groups registered in its region (Shandong: both demo groups).
const authority = new Viewer('auth', null, [G1, G2], ['AUTHORITY'], '37');
const unitUser = (slug: string, groups: string[]) => new Viewer(`user-${slug}`, org(slug), groups, ['MEMBER']);

const codes = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => (result.errors ?? []).map((e) => e.extensions?.code);
const ok = (result: { data?: Record<string, any> | null; errors?: unknown[] }) => {
  if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
  return result.data!;
};

async function rowCounts() {
  const count = (table: string) => sg.db.query(`SELECT COUNT(*) AS n FROM ${table}`).then((rows: { n: number | string }[]) => Number(rows[0].n));
  return {
    organization: await count('organization'),
    membership: await count('membership'),
    change: await count('organization_change'),
    correction: await count('organization_correction'),
  };
}

const usccOf = async (slug: string) =>
  ok(await execute(sg, authority, `query($id: ID!) { organization(id: $id) { uscc } }`, { id: org(slug) })).organization.uscc as string;
const input = (uscc: string) => ({ uscc, name: '别名有限公司（测试）', type: 'ENTERPRISE', region: '370211', industry: '通用设备制造业' });

beforeAll(async () => {
  sg = await createTestSubgraph(members);
  expect(await seedDemo(sg.db)).toBe(true);
});

afterAll(async () => {
  await sg.close();
  await dropTestDatabase(sg.config.database);
});

describe('the demo data', () => {
  it('gives each demo secretariat the full profile of every unit of its group, through a consent path', async () => {
    const LIST = `query($g: ID!) { group(id: $g) { members(first: 100) { totalCount edges { node { consent organization { contact { contactPerson } } } } } } }`;
    for (const [viewer, groupId, total, consents] of [
      [sec1, G1, 64, { REGISTERED: 64 }],
      [sec2, G2, 6, { REGISTERED: 4, CONFIRMED: 1, APPLIED: 1 }],
    ] as const) {
      const page = ok(await execute(sg, viewer, LIST, { g: groupId })).group.members;
      expect(page.totalCount).toBe(total);
      expect(page.edges).toHaveLength(total);
      expectEach(page.edges, (e: any) => e.node.organization.contact.contactPerson);
      const counted: Record<string, number> = {};
      for (const e of page.edges) counted[e.node.consent] = (counted[e.node.consent] ?? 0) + 1;
      expect(counted).toEqual(consents);
    }
  });
});

describe('a membership without the unit’s consent', () => {
  it('lists the row to the recording secretariat only, never matched on the unit’s fields', async () => {
    const uscc = await usccOf('zbby');
    const registered = ok(
      await execute(sg, sec2, `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id consent organization { id } } }`, {
        input: { groupId: G2, organization: input(uscc) },
      }),
    ).registerMember;
    expect(registered).toEqual({ id: expect.any(String), consent: null, organization: null });

    const LIST = `query($g: ID!, $search: String, $filter: MemberFilter) { group(id: $g) { members(first: 100, search: $search, filter: $filter) { totalCount edges { node { id } } } } }`;
    const ids = async (viewer: Viewer, vars: Record<string, unknown> = {}) => {
      const page = ok(await execute(sg, viewer, LIST, { g: G2, ...vars })).group.members;
      expect(page.edges).toHaveLength(page.totalCount);
      return page.edges.map((e: any) => e.node.id);
    };
    expect(await ids(sec2)).toContain(registered.id);
    expect(await ids(member2)).not.toContain(registered.id);
    expect(await ids(Viewer.anonymous())).not.toContain(registered.id);
    expect(await ids(sec2, { search: uscc.slice(0, 12) })).toEqual([]);
    expect(await ids(sec2, { search: '淄博示范泵业' })).toEqual([]);
    expect(await ids(sec2, { filter: { types: ['ENTERPRISE'] } })).not.toContain(registered.id);
    expect(await ids(authority)).toContain(registered.id);
    // Neither a member of G2 nor an entity reference opens it.
    expect(
      ok(
        await execute(sg, member2, `query($id: ID!, $m: ID!) { organization(id: $id) { name } membership(id: $m) { id } }`, {
          id: org('zbby'),
          m: registered.id,
        }),
      ),
    ).toEqual({ organization: null, membership: null });
    const entities = ok(
      await execute(sg, sec2, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { name } } }`, {
        r: [{ __typename: 'Organization', id: org('zbby') }],
      }),
    );
    expect(entities._entities).toEqual([null]);
  });

  it('keeps a consent the unit once gave when the group records the membership again', async () => {
    const school = unitUser('zbzy', [G1]);
    const applied = ok(await execute(sg, school, `mutation($g: ID!) { applyToJoin(input: { groupId: $g }) { id consent } }`, { g: G2 })).applyToJoin;
    expect(applied.consent).toBe('APPLIED');
    ok(await execute(sg, sec2, `mutation($id: ID!) { rejectMembership(input: { membershipId: $id, reason: "名额已满" }) { id } }`, { id: applied.id }));
    const again = ok(
      await execute(sg, sec2, `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id consent organization { id } } }`, {
        input: { groupId: G2, organization: input(await usccOf('zbzy')) },
      }),
    ).recordJoinApplication;
    expect(again).toEqual({ id: applied.id, consent: 'APPLIED', organization: { id: org('zbzy') } });
  });

  it('is confirmed only by the unit itself, once', async () => {
    const uscc = await usccOf('zbcl');
    const recorded = ok(
      await execute(sg, sec2, `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id } }`, {
        input: { groupId: G2, organization: input(uscc) },
      }),
    ).recordJoinApplication;
    const CONFIRM = `mutation($id: ID!) { confirmMembership(id: $id) { consent } }`;
    expect(codes(await execute(sg, sec2, CONFIRM, { id: recorded.id }))).toEqual(['NOT_FOUND']);
    expect(codes(await execute(sg, new Viewer('bot', null, [G2], ['REPORTER']), CONFIRM, { id: recorded.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await execute(sg, unitUser('zbby', [G1]), CONFIRM, { id: recorded.id }))).toEqual(['NOT_FOUND']);
    expect(ok(await execute(sg, unitUser('zbcl', [G1]), CONFIRM, { id: recorded.id })).confirmMembership.consent).toBe('CONFIRMED');
    expect(codes(await execute(sg, unitUser('zbcl', [G1]), CONFIRM, { id: recorded.id }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('direct edits and corrections', () => {
  const UPDATE = `mutation($id: ID!, $input: OrganizationInput!) { updateOrganization(id: $id, input: $input) { name } }`;
  const PROPOSE = `mutation($input: OrganizationCorrectionInput!) { proposeOrganizationCorrection(input: $input) { id fields { field proposedValue } } }`;

  it('a unit that applied to another group is no longer edited directly by the group that registered it', async () => {
    const full = async (slug: string) =>
      ok(await execute(sg, sec1, `query($id: ID!) { organization(id: $id) { uscc name type region industry } }`, { id: org(slug) })).organization;
    const before = await full('lczc');
    ok(await execute(sg, sec1, UPDATE, { id: org('lczc'), input: { ...before, name: '聊城示范精密轴承有限公司（演示）' } }));
    ok(await execute(sg, unitUser('lczc', [G1]), `mutation($g: ID!) { applyToJoin(input: { groupId: $g }) { id } }`, { g: G2 }));
    const counts = await rowCounts();
    const refused = await execute(sg, sec1, UPDATE, { id: org('lczc'), input: { ...before, name: '再次改名（测试）' } });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(await rowCounts()).toEqual(counts);
    // An authority reads across groups but edits nothing.
    expect(codes(await execute(sg, authority, UPDATE, { id: org('lczc'), input: { ...before, name: '再次改名（测试）' } }))).toEqual(['FORBIDDEN']);
  });

  it('refuses a correction from a group the unit did not consent to like an unknown unit, and bad values, changing nothing', async () => {
    const counts = await rowCounts();
    const foreign = await execute(sg, sec2, PROPOSE, {
      input: { organizationId: org('zbby'), groupId: G2, reason: '核对', changes: { name: '改名（测试）' } },
    });
    const unknown = await execute(sg, sec2, PROPOSE, {
      input: { organizationId: randomUUID(), groupId: G2, reason: '核对', changes: { name: '改名（测试）' } },
    });
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.errors![0].message.replace(org('zbby'), 'ID')).toBe(unknown.errors![0].message.replace(/[0-9a-f-]{36}/, 'ID'));
    const proposal = (changes: Record<string, unknown>, groupId = G1) =>
      execute(sg, sec1, PROPOSE, { input: { organizationId: org('qdgkjx'), groupId, reason: '核对', changes } });
    expect(codes(await proposal({ contactPhone: '12' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await proposal({ type: 'HIGHER_VOCATIONAL' }))).toEqual(['BAD_USER_INPUT']); // still flagged 规模以上
    expect(codes(await proposal({}))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await proposal({ name: '青岛示范港口机械有限公司（演示）' }))).toEqual(['BAD_USER_INPUT']); // no change
    expect(codes(await proposal({ name: '改名（测试）' }, G2))).toEqual(['FORBIDDEN']);
    expect(await rowCounts()).toEqual(counts);
  });

  it('re-validates an accepted correction against the unit’s data as it is then', async () => {
    const shared = unitUser('qdgkjx', [G1, G2]);
    const proposed = ok(
      await execute(sg, sec2, PROPOSE, { input: { organizationId: org('qdgkjx'), groupId: G2, reason: '确认规模', changes: { fortune500: true } } }),
    ).proposeOrganizationCorrection;
    expect(proposed.fields).toEqual([{ field: 'fortune500', proposedValue: 'true' }]);
    const unit = ok(await execute(sg, shared, `{ myOrganization { uscc name region industry } }`)).myOrganization;
    // Meanwhile the unit records that it is a research institute: the flag no longer applies.
    ok(await execute(sg, shared, UPDATE, { id: org('qdgkjx'), input: { ...unit, type: 'RESEARCH_INSTITUTE', aboveDesignatedSize: false } }));
    const counts = await rowCounts();
    const accepted = await execute(sg, shared, `mutation($id: ID!) { acceptOrganizationCorrection(id: $id) { status } }`, { id: proposed.id });
    expect(codes(accepted)).toEqual(['BAD_USER_INPUT']);
    expect(await rowCounts()).toEqual(counts);
    const status = ok(await execute(sg, shared, `{ myOrganization { corrections { id status } } }`)).myOrganization.corrections.find(
      (c: any) => c.id === proposed.id,
    );
    expect(status.status).toBe('PENDING');
  });
});

describe('the migration of an existing database', () => {
  it('records the group of each unit’s first membership as the one that registered it; later memberships await the unit', async () => {
    const config = testDatabase('members-migration');
    const before = await openDataSource(config, { entities: [], migrations: [Initial1763700000000] });
    const [g1, g2, o] = [randomUUID(), randomUUID(), randomUUID()];
    const first17 = '91370102MA0000777';
    await before.query(`INSERT INTO organization (id, name, uscc, type, region, industry) VALUES (?, ?, ?, ?, ?, ?)`, [
      o,
      '迁移测试有限公司',
      first17 + usccCheckCharacter(first17),
      'ENTERPRISE',
      '370102',
      'x',
    ]);
    const insertMembership = (id: string, groupId: string, createdAt: string) =>
      before.query(
        `INSERT INTO membership (id, groupId, organizationId, role, roleRank, status, createdAt, updatedAt) VALUES (?, ?, ?, 'MEMBER', 6, 'ACTIVE', ?, ?)`,
        [id, groupId, o, createdAt, createdAt],
      );
    await insertMembership('m-later', g2, '2022-01-01 00:00:00.000');
    await insertMembership('m-first', g1, '2015-01-01 00:00:00.000');
    await before.destroy();

    const after = await openDataSource(config, { entities: [], migrations: [Initial1763700000000, SharedMasterData1764200000000] });
    try {
      const [organization] = await after.query(`SELECT createdByGroupId FROM organization WHERE id = ?`, [o]);
      expect(organization.createdByGroupId).toBe(g1);
      const rows: { id: string; consent: string | null }[] = await after.query(`SELECT id, consent FROM membership ORDER BY id`);
      expect(rows).toEqual([
        { id: 'm-first', consent: 'REGISTERED' },
        { id: 'm-later', consent: null },
      ]);
    } finally {
      await after.destroy();
      await dropTestDatabase(config);
    }
  });
});
