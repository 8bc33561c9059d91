import { randomBytes } from 'node:crypto';
import { Subgraph, Viewer } from '@zjjt/kit';
import { buildProvince, provinceCounts, provinceDirectory, seededRandom } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, execute, inMemoryDirectory, planOf } from '@zjjt/kit/testing';
import { bases } from '../src/schema';
import { BasesLoaders } from '../src/context';
import { loadProvince } from '../src/province';
import { usccCheckCharacter } from '../../members/src/organization/uscc';

/**
 * The ledgers' lists on a province sample (20 groups, 1,000 sessions, about 25,000 roster rows):
 * each costs the same SQL statements for a page of 5 as of 50, and on MySQL/MariaDB (DATABASE_URL)
 * `EXPLAIN` of every statement they run reads the big tables through an index, never a full scan.
 */
const mysql = process.env.DATABASE_URL;
/** Rows above which a full scan counts: the sample's bases (100) and co-builders (300) are small, its ledgers not (≥ 500). */
const BIG = 400;

const province = buildProvince(provinceCounts(0.005, 20), (part) => seededRandom(`province-sql:${part}`), usccCheckCharacter);
const [group, other] = province.groups;
const directory = inMemoryDirectory(provinceDirectory(province));
// The secretariat's user works at the group's chair, a school that co-builds bases: its scope is the group or those bases.
const secretariat = new Viewer('sec-user', group.members[0].unit.id, [group.id], ['SECRETARIAT']);
let sg: Subgraph<BasesLoaders>;
let baseId: string;
let sessionId: string;
let org: string;
let category: string;

beforeAll(async () => {
  process.env.PII_KEY = randomBytes(32).toString('base64');
  sg = await createTestSubgraph(bases, { directory });
  await loadProvince(sg.db, province, () => undefined);
  [{ baseId, id: sessionId, organizationId: org, category }] = await sg.db.query(
    'SELECT baseId, id, organizationId, category FROM training_session WHERE groupId = ? ORDER BY id LIMIT 1',
    [group.id],
  );
}, 300000);

afterAll(async () => {
  if (sg) {
    await sg.db.destroy();
    await dropTestDatabase(sg.config.database);
  }
});

/** The ledger lists a secretariat pages through, each with the fields that load related rows. */
const LISTS: [name: string, query: string, variables: () => Record<string, unknown>][] = [
  [
    'sessions of a group and year',
    `query($g: ID!, $n: Int) { trainingSessions(filter: { groupId: $g, year: 2025 }, first: $n) { totalCount edges { node { id program { name } base { name } } } } }`,
    () => ({ g: group.id }),
  ],
  [
    'sessions of a base by category',
    `query($g: ID!, $b: ID!, $c: ProgramCategory, $n: Int) { trainingSessions(filter: { groupId: $g, baseId: $b, category: $c }, first: $n) { totalCount edges { node { id } } } }`,
    () => ({ g: group.id, b: baseId, c: category }),
  ],
  [
    'sessions of a unit in a date range',
    `query($g: ID!, $o: ID!, $n: Int) { trainingSessions(filter: { groupId: $g, organizationId: $o, from: "2024-01-01", to: "2025-12-31" }, first: $n) { totalCount edges { node { id } } } }`,
    () => ({ g: group.id, o: org }),
  ],
  [
    'certification batches of a group and year',
    `query($g: ID!, $n: Int) { certificationBatches(filter: { groupId: $g, year: 2025 }, first: $n) { totalCount edges { node { id } } } }`,
    () => ({ g: group.id }),
  ],
  [
    'trainees of a base',
    `query($b: ID!, $n: Int) { trainees(baseId: $b, first: $n) { totalCount edges { node { id idNumberMasked } } } }`,
    () => ({ b: baseId }),
  ],
  [
    'trainees of a session',
    `query($b: ID!, $s: ID!, $n: Int) { trainees(baseId: $b, sessionId: $s, first: $n) { totalCount edges { node { id name } } } }`,
    () => ({ b: baseId, s: sessionId }),
  ],
  [
    'revenue of a group and year',
    `query($g: ID!, $n: Int) { revenueEntries(filter: { groupId: $g, year: 2025 }, first: $n) { totalCount edges { node { id session { id } certificationBatch { id } } } } }`,
    () => ({ g: group.id }),
  ],
];

async function run(query: string, variables: Record<string, unknown>) {
  const result = await execute(sg, secretariat, query, variables);
  expect(result.errors).toBeUndefined();
  return result;
}

describe('ledger lists cost the same statements whatever the page size', () => {
  it.each(LISTS)('%s', async (_name, query, variables) => {
    const count = async (n: number) => {
      const before = sg.queries.count;
      const result = await run(query, { ...variables(), n });
      const connection = Object.values(result.data!)[0] as { totalCount: number; edges: unknown[] };
      return { statements: sg.queries.count - before, rows: connection.edges.length, total: connection.totalCount };
    };
    const small = await count(5);
    const large = await count(50);
    expect(small.rows).toBe(Math.min(5, small.total));
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(large.statements).toBe(small.statements);
  });

  it('the lists show the group’s own rows only', async () => {
    const { data } = await run(`query($g: ID!) { trainingSessions(filter: { groupId: $g }) { totalCount } }`, { g: other.id });
    expect(data!.trainingSessions.totalCount).toBe(0);
  });
});

(mysql ? describe : describe.skip)('EXPLAIN on MySQL/MariaDB: no full scan of a big table', () => {
  const aggregates: [name: string, query: string, variables: () => Record<string, unknown>][] = [
    // No group named: the viewer's scope alone (its groups, or the bases its unit co-builds) limits the rows.
    ['sessions across the viewer’s groups', `query { trainingSessions(filter: { year: 2025 }, first: 20) { totalCount edges { node { id } } } }`, () => ({})],
    ['certification batches across the viewer’s groups', `query { certificationBatches(first: 20) { totalCount edges { node { id } } } }`, () => ({})],
    ['totals by category across the viewer’s groups', `query { trainingTotals(by: CATEGORY) { key sessions } }`, () => ({})],
    [
      'totals by month',
      `query($g: ID!) { trainingTotals(filter: { groupId: $g, year: 2025 }, by: MONTH) { key sessions personTimes } }`,
      () => ({ g: group.id }),
    ],
    ['totals by base', `query($g: ID!) { trainingTotals(filter: { groupId: $g, year: 2025 }, by: BASE) { key label } }`, () => ({ g: group.id })],
    [
      'training section of the annual report',
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on AnnualReport { training { personTimes distinctPersons candidates } } } }`,
      () => ({ reps: [{ __typename: 'AnnualReport', groupId: group.id, year: 2025 }] }),
    ],
  ];

  it.each([...LISTS.map(([name, query, variables]) => [name, query, () => ({ ...variables(), n: 20 })] as (typeof LISTS)[number]), ...aggregates])(
    '%s',
    async (_name, query, variables) => {
      const { selects, scans } = await planOf(sg, () => run(query, variables()), BIG);
      expect(selects).toBeGreaterThan(0);
      expect(scans).toEqual([]);
    },
  );
});
