import { Subgraph, Viewer } from '@zjjt/kit';
import { buildProvince, provinceCounts, provinceGroup, seededRandom } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, execute, planOf } from '@zjjt/kit/testing';
import { members } from '../src/schema';
import { MembersLoaders } from '../src/context';
import { loadProvince } from '../src/province';
import { usccCheckCharacter } from '../src/organization/uscc';

/**
 * The member list on the province's directory (100 groups, 4,000 units, 4,758 memberships): on
 * MySQL/MariaDB (DATABASE_URL) `EXPLAIN` of every statement a secretariat's filtered, searched and
 * sorted page runs reads the membership and organization tables through an index, never a full
 * scan. (Statements per page: `members.test.ts`.)
 */
const mysql = process.env.DATABASE_URL;
const BIG = 1000;

const province = buildProvince(provinceCounts(1), (part) => seededRandom(`province:${part}`), usccCheckCharacter);
const { groupId, secretariatOrgId } = provinceGroup(1, province.counts.groups);
const secretariat = new Viewer('sec-user', secretariatOrgId, [groupId], ['SECRETARIAT']);
let sg: Subgraph<MembersLoaders>;

beforeAll(async () => {
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
        const result = await execute(sg, secretariat, PAGE, { g: groupId, ...variables });
        expect(result.errors).toBeUndefined();
        expect(result.data!.group.members.totalCount).toBeGreaterThan(0);
      },
      BIG,
    );
    expect(selects).toBeGreaterThan(0);
    expect(scans).toEqual([]);
  });
});
