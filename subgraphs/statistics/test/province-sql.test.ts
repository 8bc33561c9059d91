import { Subgraph, Viewer } from '@zjjt/kit';
import { buildProvince, provinceCounts, provinceDirectory, provinceGroup, provinceId, seededRandom } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, inMemoryDirectory, planOf, setClock, statementsOf } from '@zjjt/kit/testing';
import { statistics } from '../src/schema';
import { StatisticsLoaders } from '../src/context';
import { loadProvince } from '../src/province';
import { usccCheckCharacter } from '../../members/src/organization/uscc';

/**
 * Statistics' lists and aggregates on the province's data (100 groups, about 4,500 annual returns,
 * 1,200 notices to about 40,000 recipients, 900 targets, 5,000 audit entries): each list costs the
 * same SQL statements for a page of 1 as of 20 (a plain list: for a filter that leaves a few rows as
 * for one that leaves many), and on MySQL/MariaDB (DATABASE_URL) `EXPLAIN` of every statement the
 * lists and the report's aggregates run reads the big tables through an index, never a full scan.
 */
const mysql = process.env.DATABASE_URL;
/** Rows above which a full scan counts: the sample's rounds (100) are small; its targets (900), notices, recipients, returns and audit entries are not. */
const BIG = 500;

const province = buildProvince(provinceCounts(1), (part) => seededRandom(`province:${part}`), usccCheckCharacter);
const directory = inMemoryDirectory({ ...provinceDirectory(province), groups: province.groups.map((g) => ({ id: g.id, region: g.region, type: g.type })) });
const { groupId, secretariatOrgId } = provinceGroup(1, province.counts.groups);
const secretariat = new Viewer('sec-user', secretariatOrgId, [groupId], ['SECRETARIAT']);
const authority = new Viewer(
  'auth-user',
  null,
  province.groups.map((g) => g.id),
  ['AUTHORITY'],
  '37',
);
let sg: Subgraph<StatisticsLoaders>;
/** A unit of the group with read and unread notices, and one of them. */
let unit: Viewer;
let noticeId: string;

beforeAll(async () => {
  sg = await createTestSubgraph(statistics, { directory });
  await loadProvince(sg.db, province);
  const [{ organizationId }] = await sg.db.query(
    `SELECT organizationId FROM group_notice_recipient WHERE groupId = ? GROUP BY organizationId
     HAVING SUM(CASE WHEN readAt IS NULL THEN 1 ELSE 0 END) > 0 AND SUM(CASE WHEN readAt IS NULL THEN 0 ELSE 1 END) > 0
     ORDER BY COUNT(*) DESC, organizationId LIMIT 1`,
    [groupId],
  );
  unit = new Viewer('unit-user', organizationId, [groupId], ['MEMBER']);
  [{ noticeId }] = await sg.db.query('SELECT noticeId FROM group_notice_recipient WHERE organizationId = ? ORDER BY noticeId LIMIT 1', [organizationId]);
  // After the round's due date (2026-03-31): its overdue units are listed.
  setClock('2026-04-15T02:00:00.000Z');
}, 300000);

afterAll(async () => {
  setClock(null);
  if (sg) {
    await sg.close();
    await dropTestDatabase(sg.config.database);
  }
});

/** What `query` answers `viewer` (without errors), and the statements it sent. */
const run = (viewer: Viewer, query: string, variables: Record<string, unknown> = {}) => statementsOf(sg, viewer, query, variables);

/**
 * A list, the variables of a small and of a large answer (a page of 1 and of 20, or a narrow and a
 * wide filter), and how many items an answer has.
 */
type List = [
  name: string,
  viewer: () => Viewer,
  query: string,
  small: Record<string, unknown>,
  large: Record<string, unknown>,
  items: (data: any) => unknown[],
];

const AUDIT = `query($reps: [_Any!]!, $n: Int, $filter: AuditFilter) {
  _entities(representations: $reps) { ... on Group { statisticsAudit(first: $n, filter: $filter) { totalCount edges { node { id operation entityId roles changes { field to } } } } } }
}`;
const GROUP = [{ __typename: 'Group', id: groupId }];
const RANKING = `query($r: String!, $n: Int) { regionReport(year: 2025, region: $r) { groups(orderBy: ENROLLED_STUDENTS, first: $n) {
  totalCount edges { node { id rank value returns { approved } completeness { expected missing gapConfirmed } submissions { version } } } } } }`;

const LISTS: List[] = [
  [
    'returns of a round, by status',
    () => secretariat,
    `query($g: ID!, $s: [ReturnStatus!]) { collectionRound(year: 2025, groupId: $g) { returns(statuses: $s) { id status organization { id } dualQualifiedPercent } } }`,
    { g: groupId, s: ['SUBMITTED', 'DRAFT'] },
    { g: groupId, s: null },
    (data) => data.collectionRound.returns,
  ],
  [
    'notices a secretariat sent, with their round and receipts',
    () => secretariat,
    `query($g: ID!, $k: GroupNoticeKind) { sentGroupNotices(groupId: $g, kind: $k) { id round { id dueOn } readAt recipientCount readCount recipients { organization { id } readAt } } }`,
    { g: groupId, k: 'REMINDER' },
    { g: groupId, k: null },
    (data) => data.sentGroupNotices,
  ],
  [
    'a unit’s notices',
    () => unit,
    `query($g: ID!, $u: Boolean) { myGroupNotices(groupId: $g, unreadOnly: $u) { id title readAt round { id } unitCategories } }`,
    { g: groupId, u: true },
    { g: groupId, u: false },
    (data) => data.myGroupNotices,
  ],
  [
    'targets of a year',
    () => secretariat,
    `query($g: ID!, $y: Int) { targets(groupId: $g, year: $y) { id indicator fromYear toYear organization { id } threshold } }`,
    { g: groupId, y: 2024 },
    { g: groupId, y: 2025 },
    (data) => data.targets,
  ],
  [
    'targets and the ranking of the members',
    () => secretariat,
    `query($reps: [_Any!]!, $i: Indicator) { _entities(representations: $reps) { ... on AnnualReport { targets(indicator: $i) { targetId status actual rank organization { id } } } } }`,
    { reps: [{ __typename: 'AnnualReport', groupId, year: 2025 }], i: 'ENROLLED_STUDENTS' },
    { reps: [{ __typename: 'AnnualReport', groupId, year: 2025 }], i: 'ADMISSIONS' },
    (data) => data._entities[0].targets,
  ],
  ['the audit log', () => secretariat, AUDIT, { reps: GROUP, n: 1 }, { reps: GROUP, n: 20 }, (data) => data._entities[0].statisticsAudit.edges],
  [
    'the audit log by operation and time',
    () => secretariat,
    AUDIT,
    { reps: GROUP, n: 1, filter: { operation: 'approveAnnualReturn', from: '2026-01-01', to: '2026-03-01' } },
    { reps: GROUP, n: 20, filter: { operation: 'approveAnnualReturn', from: '2026-01-01', to: '2026-03-01' } },
    (data) => data._entities[0].statisticsAudit.edges,
  ],
  [
    'the region’s groups ranked, with their returns, completeness and submissions',
    () => authority,
    RANKING,
    { r: '37', n: 1 },
    { r: '37', n: 20 },
    (data) => data.regionReport.groups.edges,
  ],
];

describe('statistics lists cost the same statements whatever the number of rows', () => {
  it.each(LISTS)('%s', async (_name, viewer, query, small, large, items) => {
    const count = async (variables: Record<string, unknown>) => {
      const { statements, data } = await run(viewer(), query, variables);
      return { statements, rows: items(data).length };
    };
    const few = await count(small);
    const many = await count(large);
    expect(few.rows).toBeGreaterThan(0);
    expect(many.rows).toBeGreaterThan(few.rows);
    expect(many.statements).toBe(few.statements);
  });
});

(mysql ? describe : describe.skip)('EXPLAIN on MySQL/MariaDB: no full scan of a big table', () => {
  const aggregates: [name: string, viewer: () => Viewer, query: string, variables: () => Record<string, unknown>][] = [
    [
      'a round’s progress and overdue units',
      () => secretariat,
      `query($g: ID!) { collectionRound(year: 2025, groupId: $g) { progress { expected submitted approved notSubmitted { id } } overdue { id } } }`,
      () => ({ g: groupId }),
    ],
    ['a unit’s own return', () => unit, `query($g: ID!) { myAnnualReturn(year: 2025, groupId: $g) { id status } }`, () => ({ g: groupId })],
    ['one notice', () => unit, `query($id: ID!) { groupNotice(id: $id) { id readAt round { id } } }`, () => ({ id: noticeId })],
    [
      'the annual report’s returns section and completeness',
      () => secretariat,
      `query($g: ID!) { annualReport(year: 2025, groupId: $g) { returns { approved expected enrolledStudents } completeness { expected missing byCategory { category missing } } } }`,
      () => ({ g: groupId }),
    ],
    ['all the targets of a group', () => secretariat, `query($g: ID!) { targets(groupId: $g) { id indicator } }`, () => ({ g: groupId })],
    // A city's groups (3701: 7 of the 100); the whole province's (37) read every row, as a full scan does best.
    ['the ranking of a city’s groups', () => authority, RANKING, () => ({ r: '3701', n: 20 })],
    [
      'a city’s returns section (its groups, each unit once)',
      () => authority,
      `query { regionReport(year: 2025, region: "3701") { groupIds returns { approved expected enrolledStudents } } }`,
      () => ({}),
    ],
    [
      'a city’s returns section for one type of group',
      () => authority,
      `query { regionReport(year: 2025, region: "3701", groupType: INDUSTRY) { returns { approved expected } } }`,
      () => ({}),
    ],
    [
      'the trend of a group over three years',
      () => secretariat,
      `query($g: ID!) { annualReportTrend(groupId: $g, fromYear: 2023, toYear: 2025) { year returns { approved } } }`,
      () => ({ g: groupId }),
    ],
    [
      'the audit log of one return',
      () => secretariat,
      AUDIT,
      () => ({ reps: GROUP, n: 20, filter: { entityType: 'AnnualReturn', entityId: provinceId('annual-return', 1) } }),
    ],
  ];

  const lists = LISTS.filter(([, , query]) => query !== RANKING).map(
    ([name, viewer, query, , large]) => [name, viewer, query, () => large] as (typeof aggregates)[number],
  );
  it.each([...lists, ...aggregates])('%s', async (_name, viewer, query, variables) => {
    const { selects, scans } = await planOf(sg, () => run(viewer(), query, variables()), BIG);
    expect(selects).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });
});
