/**
 * The client guide's example (docs/clients.md), run as written: @apollo/client 4 with InMemoryCache
 * and HttpLink against a test hub's gateway over real HTTP.
 */
import { ApolloClient, gql, HttpLink, InMemoryCache, TypedDocumentNode, TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { DEMO } from '@zjjt/demo';
import { startTestHub, TestHub } from './harness';

// --- docs/clients.md: the cache policies -------------------------------------------------------
/** The report's sections have no identity of their own: they are merged into the report that holds them. */
const REPORT_SECTIONS = [
  'MembershipSection',
  'SharingSection',
  'TrainingSection',
  'RevenueSection',
  'ActivitiesSection',
  'CompetitionSection',
  'ReturnsSection',
  'ReportCompleteness',
  'Indicators',
];

const typePolicies: TypePolicies = {
  ...Object.fromEntries(REPORT_SECTIONS.map((section) => [section, { merge: true }])),
  // One cached list per filter, search and order; pages fetched with fetchMore are appended to it.
  Group: { fields: { members: relayStylePagination(['filter', 'search', 'orderBy']) } },
};

function hubClient(url: string, token: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache({ typePolicies }),
  });
}
// ------------------------------------------------------------------------------------------------

/** The queries below are untyped here (a client would generate their types from schema/supergraph.graphql). */
const query = (text: string) => gql(text) as TypedDocumentNode<any, Record<string, unknown>>;
const cached = (client: ApolloClient) => client.cache.extract() as Record<string, Record<string, unknown>>;

let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token({ sub: 'e2e-client', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const YEAR = 2025;
const variables = { g: DEMO.groupId, y: YEAR };

/** Two queries that select different parts of the report's training section. */
const reportQueries = (id: string) => [
  query(`query TrainingTotals($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { ${id} groupId year training { personTimes sessions } } }`),
  query(`query TrainingSocial($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { ${id} groupId year training { socialPersonTimes hours } } }`),
];

describe('Apollo Client against the hub', () => {
  it('keeps two queries on different parts of annualReport.training in the cache: the report has an id', async () => {
    const client = hubClient(hub.url, token);
    const [totals, social] = reportQueries('id');
    const first = await client.query({ query: totals, variables });
    const second = await client.query({ query: social, variables });
    expect(first.data?.annualReport).toMatchObject({
      id: `${DEMO.groupId}:${YEAR}`,
      training: { personTimes: expect.any(Number), sessions: expect.any(Number) },
    });
    expect(second.data?.annualReport).toMatchObject({ id: `${DEMO.groupId}:${YEAR}`, training: { socialPersonTimes: expect.any(Number) } });
    // Both answers stay readable from the cache alone, under one normalized report.
    expect(client.readQuery({ query: totals, variables })).toEqual(first.data);
    expect(client.readQuery({ query: social, variables })).toEqual(second.data);
    expect(Object.keys(cached(client))).toContain(`AnnualReport:${DEMO.groupId}:${YEAR}`);
  });

  // What the id and the section policies each prevent: without them, the second answer replaces the first in the cache.
  const RETURNS = query(`query Returns($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { id groupId year returns { approved expected } } }`);
  it.each([
    ['no id and no policies: the report is replaced', {}, reportQueries('')],
    ['the id but no merge policy for the sections: training is replaced', {}, reportQueries('id')],
    ['the section policies but no id: the report is replaced', typePolicies, [reportQueries('')[0], RETURNS]],
  ] as const)('loses the first answer with %s', async (_label, policies, [first, second]) => {
    const client = new ApolloClient({
      link: new HttpLink({ uri: hub.url, headers: { authorization: `Bearer ${token}` } }),
      cache: new InMemoryCache({ typePolicies: policies }),
    });
    await client.query({ query: first, variables });
    await client.query({ query: second, variables });
    expect(client.readQuery({ query: second, variables })).not.toBeNull();
    expect(client.readQuery({ query: first, variables })).toBeNull();
  });

  it('keeps a training query and a returns query under one report with the id and the policies', async () => {
    const client = hubClient(hub.url, token);
    const [totals] = reportQueries('id');
    const first = await client.query({ query: totals, variables });
    const second = await client.query({ query: RETURNS, variables });
    expect(second.data?.annualReport.returns).toEqual({ __typename: 'ReturnsSection', approved: expect.any(Number), expected: expect.any(Number) });
    expect(client.readQuery({ query: totals, variables })).toEqual(first.data);
    expect(client.readQuery({ query: RETURNS, variables })).toEqual(second.data);
  });

  it('pages a member list with fetchMore into one cached list per filter', async () => {
    const client = hubClient(hub.url, token);
    const MEMBERS = query(`query Members($g: ID!, $filter: MemberFilter, $after: String) {
      group(id: $g) { id members(filter: $filter, first: 2, after: $after) {
        totalCount edges { cursor node { id organization { id name } } } pageInfo { hasNextPage endCursor } } }
    }`);
    const schools = { g: DEMO.groupId, filter: { types: ['HIGHER_VOCATIONAL', 'SECONDARY_VOCATIONAL', 'TECHNICIAN_COLLEGE', 'UNDERGRADUATE'] } };
    const enterprises = { g: DEMO.groupId, filter: { types: ['ENTERPRISE'] } };

    const watched = client.watchQuery({ query: MEMBERS, variables: schools });
    const subscription = watched.subscribe(() => undefined);
    try {
      const firstPage = await client.query({ query: MEMBERS, variables: schools });
      expect(firstPage.data?.group.members.edges).toHaveLength(2);
      expect(firstPage.data?.group.members.pageInfo.hasNextPage).toBe(true);
      const secondPage = await watched.fetchMore({ variables: { after: firstPage.data?.group.members.pageInfo.endCursor } });
      expect(secondPage.data?.group.members.edges.length).toBeGreaterThan(0);
    } finally {
      subscription.unsubscribe();
    }

    const cachedSchools = client.readQuery({ query: MEMBERS, variables: schools });
    const schoolIds = cachedSchools.group.members.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(schoolIds.length).toBeGreaterThan(2);
    expect(new Set(schoolIds).size).toBe(schoolIds.length);

    // Another filter is another list: fetching it leaves the schools' pages as they were.
    const other = await client.query({ query: MEMBERS, variables: enterprises });
    expect(other.data?.group.members.edges).toHaveLength(2);
    const enterpriseIds = other.data!.group.members.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(enterpriseIds.filter((id: string) => schoolIds.includes(id))).toEqual([]);
    expect(client.readQuery({ query: MEMBERS, variables: schools }).group.members.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(schoolIds);
    // One field in the cache per filter, not one per cursor.
    const group = cached(client)[`Group:${DEMO.groupId}`];
    expect(Object.keys(group).filter((key) => key.startsWith('members'))).toHaveLength(2);
  });
});
