import { Subgraph, Viewer } from '@zjjt/kit';
import { buildProvince, provinceCounts, provinceDirectory, seededRandom } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, execute, inMemoryDirectory, planOf } from '@zjjt/kit/testing';
import { resources } from '../src/schema';
import { ResourcesLoaders } from '../src/context';
import { loadProvince } from '../src/province';
import { usccCheckCharacter } from '../../members/src/organization/uscc';

/**
 * Resources' lists on a province sample (20 groups, 2,000 resources, 2,000 requests, 400
 * cooperation entries): each costs the same SQL statements for a page of 5 as of 50, and on
 * MySQL/MariaDB (DATABASE_URL) `EXPLAIN` of every statement they run reads the big tables through an
 * index, never a full scan.
 */
const mysql = process.env.DATABASE_URL;
/** Rows above which a full scan counts (the sample's tables have 400 rows and more). */
const BIG = 300;

const province = buildProvince(provinceCounts(0.04, 20), (part) => seededRandom(`province-sql:${part}`), usccCheckCharacter);
const [group] = province.groups;
const directory = inMemoryDirectory(provinceDirectory(province));
const secretariat = new Viewer('sec-user', null, [group.id], ['SECRETARIAT']);
let sg: Subgraph<ResourcesLoaders>;
let member: Viewer;

beforeAll(async () => {
  sg = await createTestSubgraph(resources, { directory });
  await loadProvince(sg.db, province);
  // The unit with the most requests of the group, on both sides.
  const [{ providerId }] = await sg.db.query(
    'SELECT providerId, COUNT(*) AS n FROM resource_request WHERE groupId = ? GROUP BY providerId ORDER BY n DESC, providerId LIMIT 1',
    [group.id],
  );
  member = new Viewer('member-user', providerId, [group.id], ['MEMBER']);
}, 300000);

afterAll(async () => {
  if (sg) {
    await sg.db.destroy();
    await dropTestDatabase(sg.config.database);
  }
});

const LISTS: [name: string, viewer: () => Viewer, query: string, variables: () => Record<string, unknown>][] = [
  [
    'cooperation entries of a group and year',
    () => secretariat,
    `query($g: ID!, $n: Int) { cooperations(groupId: $g, year: 2025, first: $n) { totalCount edges { node { id organization { id } partner { id } } } } }`,
    () => ({ g: group.id }),
  ],
  [
    'a unit’s incoming requests',
    () => member,
    `query($n: Int) { myResourceRequests(direction: INCOMING, first: $n) { totalCount edges { node { id resource { id title } requester { id } } } } }`,
    () => ({}),
  ],
  [
    'resources of a group by kind and region',
    () => member,
    `query($g: ID!, $n: Int) { resources(filter: { groupId: $g, region: "37" }, first: $n) { totalCount edges { node { id capacityLeft provider { id } } } } }`,
    () => ({ g: group.id }),
  ],
];

async function run(viewer: Viewer, query: string, variables: Record<string, unknown>) {
  const result = await execute(sg, viewer, query, variables);
  expect(result.errors).toBeUndefined();
  return result;
}

describe('resources lists cost the same statements whatever the page size', () => {
  it.each(LISTS)('%s', async (_name, viewer, query, variables) => {
    const count = async (n: number) => {
      const before = sg.queries.count;
      const result = await run(viewer(), query, { ...variables(), n });
      const connection = Object.values(result.data!)[0] as { totalCount: number; edges: unknown[] };
      return { statements: sg.queries.count - before, rows: connection.edges.length, total: connection.totalCount };
    };
    const small = await count(5);
    const large = await count(50);
    expect(small.rows).toBe(5);
    expect(large.rows).toBeGreaterThan(small.rows);
    expect(large.statements).toBe(small.statements);
  });
});

(mysql ? describe : describe.skip)('EXPLAIN on MySQL/MariaDB: no full scan of a big table', () => {
  it.each(LISTS)('%s', async (_name, viewer, query, variables) => {
    const { selects, scans } = await planOf(sg, () => run(viewer(), query, { ...variables(), n: 20 }), BIG);
    expect(selects).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });
});
