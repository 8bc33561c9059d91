import { randomBytes } from 'node:crypto';
import { Subgraph, Viewer } from '@zjjt/kit';
import { buildProvince, provinceCounts, provinceGroup, provinceId, seededRandom } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, planOf, statementsOf } from '@zjjt/kit/testing';
import { members } from '../src/schema';
import { MembersLoaders } from '../src/context';
import { loadProvince } from '../src/province';
import { usccCheckCharacter } from '../src/organization/uscc';

/**
 * Members' lists and the report's sections on the province's data (100 groups, 4,000 units, about
 * 4,760 memberships with 7,100 history rows, 3,600 meetings inviting 56,000 units, 3,000 bulletins,
 * 2,400 notices read 66,000 times, 1,200 join inquiries, 1,900 master-data changes, 300 corrections,
 * 23,000 audit entries): each list costs the same SQL statements for a page of 1 as of 20 (a plain
 * list: for a city's groups as for the province's), and on MySQL/MariaDB (DATABASE_URL) `EXPLAIN` of
 * every statement a secretariat's filtered, searched and sorted page, the lists and the sections run
 * reads the big tables through an index, never a full scan.
 */
const mysql = process.env.DATABASE_URL;
/** Rows above which a full scan counts: the groups and their council terms (100) are small; the corrections (about 300) and every other table are not. */
const BIG = 250;

const province = buildProvince(provinceCounts(1), (part) => seededRandom(`province:${part}`), usccCheckCharacter);
const { groupId, secretariatOrgId } = provinceGroup(1, province.counts.groups);
const secretariat = new Viewer('sec-user', secretariatOrgId, [groupId], ['SECRETARIAT']);
const authority = new Viewer(
  'auth-user',
  null,
  province.groups.map((g) => g.id),
  ['AUTHORITY'],
  '37',
);
/** The units of group 1 (their memberships, master-data changes and corrections, read through `_entities`). */
const units = province.groups[0].members.map((m) => m.unit.id);
/** Group 1's chair: invited to its general assemblies and council meetings, a reader of its notices. */
const chair = new Viewer('chair-user', units[0], [groupId], ['MEMBER']);
let sg: Subgraph<MembersLoaders>;

beforeAll(async () => {
  // Join inquiries' contacts are sealed with PII_KEY, as members seals them.
  process.env.PII_KEY = randomBytes(32).toString('base64');
  sg = await createTestSubgraph(members);
  await loadProvince(sg.db, province);
}, 300000);

afterAll(async () => {
  if (sg) {
    await sg.close();
    await dropTestDatabase(sg.config.database);
  }
});

const PAGE = `query($g: ID!, $filter: MemberFilter, $search: String, $orderBy: MemberOrder) {
  group(id: $g) { members(first: 20, filter: $filter, search: $search, orderBy: $orderBy) { totalCount edges { node { id role organization { id name uscc } } } } }
}`;

/** What `query` answers `viewer` (without errors), and the statements it sent. */
const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) => statementsOf(sg, viewer, query, variables);

/** A list, the variables of a small and of a large answer, and the items of an answer. */
type List = [name: string, viewer: Viewer, query: string, small: Record<string, unknown>, large: Record<string, unknown>, items: (data: any) => unknown[]];

const reps = (n: number) => units.slice(0, n).map((id) => ({ __typename: 'Organization', id }));
const regionReport = (region: string) => [{ __typename: 'RegionReport', id: `2025:${region}:` }];

const MEETINGS = `query($g: ID!, $n: Int, $filter: MeetingFilter) { meetings(groupId: $g, first: $n, filter: $filter) {
  totalCount edges { node { id kind title group { id } organizers { id name } participants { organizationId attendance organization { id name } } } } } }`;
const BULLETINS = `query($g: ID!, $n: Int, $k: BulletinKind) { group(id: $g) { bulletins(first: $n, kind: $k) { totalCount edges { node { id title status publishedAt group { id } } } } } }`;
const NOTICES = `query($g: ID!, $n: Int) { group(id: $g) { notices(first: $n) { totalCount edges { node { id title readByMyOrganization readCount group { id } } } } } }`;
const AUDIT = `query($reps: [_Any!]!, $n: Int, $filter: AuditFilter) {
  _entities(representations: $reps) { ... on Group { membersAudit(first: $n, filter: $filter) { totalCount edges { node { id operation entityType entityId roles changes { field to } } } } } }
}`;
const GROUP = [{ __typename: 'Group', id: groupId }];

const LISTS: List[] = [
  [
    'the member list',
    secretariat,
    `query($g: ID!, $n: Int) { group(id: $g) { members(first: $n) { totalCount edges { node { id role organization { id name uscc } councilTerm { id } group { id } } } } } }`,
    { g: groupId, n: 1 },
    { g: groupId, n: 20 },
    (data) => data.group.members.edges,
  ],
  [
    'the groups of a region by type',
    authority,
    `query($r: String, $t: GroupType) { groups(region: $r, type: $t) { id name leadOrganization { id name } councilTerms { number } memberCounts { type count } } }`,
    { r: '370100', t: 'INDUSTRY' },
    { r: '37', t: null },
    (data) => data.groups,
  ],
  [
    'units’ memberships through _entities',
    secretariat,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id memberships { id role status group { id name } } } } }`,
    { reps: reps(1) },
    { reps: reps(20) },
    (data) => data._entities,
  ],
  [
    'the members of each group of a region',
    authority,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RegionReport { membershipByGroup { groupId total enterprises } } } }`,
    { reps: regionReport('370100') },
    { reps: regionReport('37') },
    (data) => data._entities[0].membershipByGroup,
  ],
  [
    'members with their history',
    secretariat,
    `query($g: ID!, $n: Int) { group(id: $g) { members(first: $n) { edges { node { id history { action fromStatus toStatus toRole at } } } } } }`,
    { g: groupId, n: 1 },
    { g: groupId, n: 20 },
    (data) => data.group.members.edges,
  ],
  [
    'units’ master-data changes and corrections through _entities',
    secretariat,
    `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id changes { field oldValue newValue via changedAt } corrections { id status fields { field } } } } }`,
    { reps: reps(1) },
    { reps: reps(20) },
    (data) => data._entities,
  ],
  ['a group’s meetings with organizers and invited units', secretariat, MEETINGS, { g: groupId, n: 1 }, { g: groupId, n: 20 }, (data) => data.meetings.edges],
  [
    'a group’s meetings by kind, year and invited unit',
    secretariat,
    MEETINGS,
    { g: groupId, n: 1, filter: { kind: 'COUNCIL', year: 2025, organizationId: units[0] } },
    { g: groupId, n: 20, filter: { organizationId: units[0] } },
    (data) => data.meetings.edges,
  ],
  ['the meetings a unit was invited to', chair, MEETINGS, { g: groupId, n: 1 }, { g: groupId, n: 20 }, (data) => data.meetings.edges],
  ['the portal’s bulletins', Viewer.anonymous(), BULLETINS, { g: groupId, n: 1 }, { g: groupId, n: 20 }, (data) => data.group.bulletins.edges],
  ['the portal’s news', Viewer.anonymous(), BULLETINS, { g: groupId, n: 1, k: 'NEWS' }, { g: groupId, n: 20, k: 'NEWS' }, (data) => data.group.bulletins.edges],
  ['the secretariat’s bulletins, drafts too', secretariat, BULLETINS, { g: groupId, n: 1 }, { g: groupId, n: 20 }, (data) => data.group.bulletins.edges],
  [
    'join inquiries with their contacts and applications',
    secretariat,
    `query($g: ID!, $n: Int, $s: JoinInquiryStatus) { group(id: $g) { joinInquiries(first: $n, status: $s) { totalCount edges { node { id status contactName contactPhone contactEmail message membership { id status organization { id } } } } } } }`,
    { g: groupId, n: 1 },
    { g: groupId, n: 20 },
    (data) => data.group.joinInquiries.edges,
  ],
  [
    'new join inquiries',
    secretariat,
    `query($g: ID!, $n: Int, $s: JoinInquiryStatus) { group(id: $g) { joinInquiries(first: $n, status: $s) { totalCount edges { node { id status contactName } } } } }`,
    { g: groupId, n: 1, s: 'NEW' },
    { g: groupId, n: 20, s: 'NEW' },
    (data) => data.group.joinInquiries.edges,
  ],
  ['notices with the unit’s read receipt', chair, NOTICES, { g: groupId, n: 1 }, { g: groupId, n: 20 }, (data) => data.group.notices.edges],
  ['notices with their read counts', secretariat, NOTICES, { g: groupId, n: 1 }, { g: groupId, n: 20 }, (data) => data.group.notices.edges],
  ['the audit log', secretariat, AUDIT, { reps: GROUP, n: 1 }, { reps: GROUP, n: 20 }, (data) => data._entities[0].membersAudit.edges],
  [
    'the audit log by operation and time',
    secretariat,
    AUDIT,
    { reps: GROUP, n: 1, filter: { operation: 'recordMeeting', from: '2025-01-01', to: '2026-01-01' } },
    { reps: GROUP, n: 20, filter: { operation: 'recordMeeting', from: '2025-01-01', to: '2026-01-01' } },
    (data) => data._entities[0].membersAudit.edges,
  ],
];

describe('members lists cost the same statements whatever the number of rows', () => {
  it.each(LISTS)('%s', async (_name, viewer, query, small, large, items) => {
    const count = async (variables: Record<string, unknown>) => {
      const { statements, data } = await run(viewer, query, variables);
      return { statements, rows: items(data).length };
    };
    const few = await count(small);
    const many = await count(large);
    expect(few.rows).toBeGreaterThan(0);
    expect(many.rows).toBeGreaterThan(few.rows);
    expect(many.statements).toBe(few.statements);
  });
});

(mysql ? describe : describe.skip)('EXPLAIN on MySQL/MariaDB: members’ lists and sections scan no big table', () => {
  const SECTION = `membership { total enterprises aboveDesignatedSize fortune500 schools joined exited byType { type count } byRole { role count } }`;
  const aggregates: [name: string, viewer: Viewer, query: string, variables: Record<string, unknown>][] = [
    ['a unit by its USCC', secretariat, `query($u: String!) { organizationByUscc(uscc: $u) { id name } }`, { u: province.units[500].uscc }],
    ['a group’s member counts by type', secretariat, `query($g: ID!) { group(id: $g) { memberCounts { type count } } }`, { g: groupId }],
    [
      'the annual report’s membership section',
      secretariat,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { ${SECTION} } } }`,
      { reps: [{ __typename: 'AnnualReport', groupId, year: 2025 }] },
    ],
    ['a meeting a unit was invited to', chair, `query($id: ID!) { meeting(id: $id) { id participants { organizationId } } }`, { id: provinceId('meeting', 1) }],
    ['a notice', chair, `query($id: ID!) { notice(id: $id) { id readByMyOrganization } }`, { id: provinceId('notice', 1) }],
    [
      'the audit log of one membership',
      secretariat,
      AUDIT,
      { reps: GROUP, n: 20, filter: { entityType: 'Membership', entityId: provinceId('membership', 1) } },
    ],
    [
      'the annual report’s activities section',
      secretariat,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { activities { meetings meetingsByKind { kind count } } } } }`,
      { reps: [{ __typename: 'AnnualReport', groupId, year: 2025 }] },
    ],
    [
      'a city’s activities section',
      authority,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RegionReport { activities { meetings meetingsByKind { kind count } } } } }`,
      { reps: regionReport('370100') },
    ],
    // A city's groups (370100: 7 of the 100); the whole province's (37) read every membership, as a full scan does best.
    [
      'a city’s membership section (its groups, each unit once)',
      authority,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on RegionReport { ${SECTION} } } }`,
      { reps: regionReport('370100') },
    ],
  ];
  // The lists over a region's groups on a city's (370100: 7 of the 100): the whole province's read every membership, as a full scan does best.
  const city = (variables: Record<string, unknown>) => ('r' in variables ? { ...variables, r: '370100' } : { reps: regionReport('370100') });
  const lists = LISTS.map(
    ([name, viewer, query, , large]) =>
      (viewer === authority ? [`${name} (a city)`, viewer, query, city(large)] : [name, viewer, query, large]) as (typeof aggregates)[number],
  );
  it.each([...lists, ...aggregates])('%s', async (_name, viewer, query, variables) => {
    const { selects, scans } = await planOf(sg, () => run(viewer, query, variables), BIG);
    expect(selects).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });
});

(mysql ? describe : describe.skip)('EXPLAIN on MySQL/MariaDB: the member list scans no big table', () => {
  it.each([
    ['the first page', {}],
    ['by type, role and region', { filter: { types: ['ENTERPRISE'], roles: ['MEMBER'], region: '3701' } }],
    ['by status', { filter: { statuses: ['PENDING', 'EXITED'] } }],
    ['searched by name', { search: '示范' }],
    ['sorted by name', { orderBy: { field: 'NAME', direction: 'ASC' } }],
  ])('%s', async (_name, variables) => {
    const { selects, scans } = await planOf(
      sg,
      async () => {
        const { data } = await run(secretariat, PAGE, { g: groupId, ...variables });
        expect(data.group.members.totalCount).toBeGreaterThan(0);
      },
      BIG,
    );
    expect(selects).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });
});
