import { DEMO } from '@zjjt/demo';
import { codesOf, dataOf, startTestHub, TestHub } from './harness';
import { eventually } from './processes';

/**
 * The authority's view through the gateway: an AUTHORITY token carries a region (行政区划 prefix)
 * and reads only the groups registered in it; a group elsewhere answers as an unknown group.
 * The demo groups are registered in Jinan (370100) and Qingdao (370200), both in Shandong (37).
 */
let hub: TestHub;
const tokens: Record<string, string> = {};
const GROUPS = [DEMO.groupId, DEMO.secondGroupId];

beforeAll(async () => {
  // debug: each subgraph logs every operation it answers (name, request id), which the look-up count reads.
  hub = await startTestHub({ LOG_LEVEL: 'debug' });
  const authority = (sub: string, region?: string) => hub.token({ sub, roles: ['AUTHORITY'], groups: [], ...(region ? { region } : {}) });
  tokens.shandong = await authority('e2e-auth-sd', '37');
  tokens.jinan = await authority('e2e-auth-jn', '3701');
  tokens.guangdong = await authority('e2e-auth-gd', '44');
  tokens.noRegion = await authority('e2e-auth-none');
  // A token naming groups does not widen an authority beyond its region.
  tokens.guangdongNamingGroups = await hub.token({ sub: 'e2e-auth-gd2', roles: ['AUTHORITY'], groups: GROUPS, region: '44' });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const GROUP_VIEW = /* GraphQL */ `
  query ($g: ID!) {
    group(id: $g) { id members { totalCount } }
    trainingBases(groupId: $g) { id }
    targets(groupId: $g) { id }
    submissions(groupId: $g) { id }
    revenueEntries(filter: { groupId: $g }) { totalCount }
    trainingSessions(filter: { groupId: $g }) { totalCount }
  }
`;

async function groupView(token: string, groupId: string) {
  return dataOf(await hub.gql(GROUP_VIEW, { g: groupId }, token));
}

describe('an authority reads the groups of its region only', () => {
  it('a Shandong authority sees both demo groups, their members, bases, ledgers and reports', async () => {
    expect(
      dataOf(await hub.gql(`{ groups { id } }`, {}, tokens.shandong))
        .groups.map((g: { id: string }) => g.id)
        .sort(),
    ).toEqual([...GROUPS].sort());
    for (const g of GROUPS) {
      const view = await groupView(tokens.shandong, g);
      expect(view.group).toMatchObject({ id: g });
      expect(view.group.members.totalCount).toBeGreaterThan(0);
      expect(view.trainingBases.length).toBeGreaterThan(0);
      expect(view.trainingSessions.totalCount).toBeGreaterThan(0);
      const report = dataOf(await hub.gql(`query($g: ID!) { annualReport(groupId: $g, year: 2025) { groupId membership { total } } }`, { g }, tokens.shandong));
      expect(report.annualReport).toMatchObject({ groupId: g });
      expect(report.annualReport.membership.total).toBeGreaterThan(0);
    }
  });

  it('a Jinan authority sees the Jinan group and not the Qingdao one', async () => {
    expect(dataOf(await hub.gql(`{ groups { id } }`, {}, tokens.jinan)).groups.map((g: { id: string }) => g.id)).toEqual([DEMO.groupId]);
    expect((await groupView(tokens.jinan, DEMO.groupId)).group).toMatchObject({ id: DEMO.groupId });
    expect((await groupView(tokens.jinan, DEMO.secondGroupId)).group).toBeNull();
  });

  it('an authority of another region, or without one, sees nothing of the demo groups: as for an unknown group', async () => {
    const unknown = await groupView(tokens.shandong, '00000000-0000-4000-8000-000000000000');
    expect(unknown).toEqual({
      group: null,
      trainingBases: [],
      targets: [],
      submissions: [],
      revenueEntries: { totalCount: 0 },
      trainingSessions: { totalCount: 0 },
    });
    for (const token of [tokens.guangdong, tokens.noRegion, tokens.guangdongNamingGroups]) {
      expect(dataOf(await hub.gql(`{ groups { id } }`, {}, token)).groups).toEqual([]);
      for (const g of GROUPS) {
        expect(await groupView(token, g)).toEqual({ ...unknown });
        const report = await hub.gql(`query($g: ID!) { annualReport(groupId: $g, year: 2025) { groupId } }`, { g }, token);
        const unknownReport = await hub.gql(
          `query($g: ID!) { annualReport(groupId: $g, year: 2025) { groupId } }`,
          { g: '00000000-0000-4000-8000-000000000000' },
          tokens.shandong,
        );
        expect(codesOf(report)).toEqual(codesOf(unknownReport));
        expect(codesOf(report).length).toBeGreaterThan(0);
        const MEETINGS = `query($g: ID!) { meetings(groupId: $g) { totalCount } }`;
        expect(codesOf(await hub.gql(MEETINGS, { g }, token))).toEqual(['NOT_FOUND']);
        expect(dataOf(await hub.gql(MEETINGS, { g }, tokens.shandong)).meetings.totalCount).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('reads a unit of its region only', async () => {
    const ORG = `query($o: ID!) { organization(id: $o) { id name } }`;
    const seen = dataOf(await hub.gql(ORG, { o: DEMO.memberOrgId }, tokens.shandong)).organization;
    expect(seen).toMatchObject({ id: DEMO.memberOrgId });
    expect(dataOf(await hub.gql(ORG, { o: DEMO.memberOrgId }, tokens.guangdong)).organization).toBeNull();
  });

  it('registers groups of its own region only', async () => {
    const REGISTER = `mutation($input: RegisterGroupInput!) { registerGroup(input: $input) { id region } }`;
    const input = { code: 'gzzj-e2e', name: '广州示范职业教育集团（测试）', type: 'REGIONAL', region: '440100' };
    expect(codesOf(await hub.gql(REGISTER, { input }, tokens.shandong))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(REGISTER, { input: { ...input, region: null } }, tokens.guangdong))).toEqual(['BAD_USER_INPUT']);
    const registered = dataOf(await hub.gql(REGISTER, { input }, tokens.guangdong)).registerGroup;
    expect(registered).toMatchObject({ region: '440100' });

    // Read at once by its region's authority (each subgraph reads the region's groups per request), by no other.
    const GROUP = `query($g: ID!) { group(id: $g) { id region } groups { id } annualReport(groupId: $g, year: 2025) { groupId membership { total } } }`;
    const seen = dataOf(await hub.gql(GROUP, { g: registered.id }, tokens.guangdong));
    expect(seen.group).toEqual({ id: registered.id, region: '440100' });
    expect(seen.groups).toEqual([{ id: registered.id }]);
    expect(seen.annualReport).toEqual({ groupId: registered.id, membership: { total: 0 } });
    const unseen = await hub.gql(GROUP, { g: registered.id }, tokens.shandong);
    expect(unseen.body.data?.group ?? null).toBeNull();
    expect(codesOf(unseen)).toEqual(['FORBIDDEN']);

    // Moved into Shandong by its secretariat: the Shandong authority reads it at once, Guangdong's no longer.
    const secretariat = await hub.token({ sub: 'e2e-gz-sec', roles: ['SECRETARIAT'], groups: [registered.id] });
    const MOVE = `mutation($g: ID!, $input: GroupProfileInput!) { updateGroupProfile(id: $g, input: $input) { region } }`;
    const profile = { name: input.name, type: input.type, region: '370300' };
    expect(dataOf(await hub.gql(MOVE, { g: registered.id, input: profile }, secretariat)).updateGroupProfile).toEqual({ region: '370300' });
    expect(dataOf(await hub.gql(GROUP, { g: registered.id }, tokens.shandong)).group).toEqual({ id: registered.id, region: '370300' });
    expect(
      dataOf(await hub.gql(`query($g: ID!) { trainingBases(groupId: $g) { id } targets(groupId: $g) { id } }`, { g: registered.id }, tokens.shandong)),
    ).toEqual({
      trainingBases: [],
      targets: [],
    });
    const gone = await hub.gql(GROUP, { g: registered.id }, tokens.guangdong);
    expect(gone.body.data?.group ?? null).toBeNull();
    expect(codesOf(gone)).toEqual(['FORBIDDEN']);
    // Moved back, so the other tests see the demo groups alone in Shandong.
    await hub.gql(MOVE, { g: registered.id, input: { ...profile, region: '440100' } }, secretariat);
  });

  it('lists the groups of a region and type it reads', async () => {
    const LIST = `query($r: String, $t: GroupType) { groups(region: $r, type: $t) { id region type } }`;
    const all = dataOf(await hub.gql(LIST, {}, tokens.shandong)).groups;
    expect(all.map((g: { id: string }) => g.id).sort()).toEqual([...GROUPS].sort());
    expect(dataOf(await hub.gql(LIST, { r: '3702' }, tokens.shandong)).groups.map((g: { id: string }) => g.id)).toEqual([DEMO.secondGroupId]);
    for (const type of ['INDUSTRY', 'REGIONAL']) {
      const ofType = dataOf(await hub.gql(LIST, { t: type }, tokens.shandong)).groups;
      expect(ofType).toEqual(all.filter((g: { type: string }) => g.type === type));
    }
    // A prefix wider than its own region does not widen what it reads.
    expect(dataOf(await hub.gql(LIST, { r: '37' }, tokens.jinan)).groups.map((g: { id: string }) => g.id)).toEqual([DEMO.groupId]);
    expect(codesOf(await hub.gql(LIST, { r: '3' }, tokens.shandong))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a malformed region claim', async () => {
    // '' is the subgraphs' own every-region service identity (kit's subgraphClient): never from a token.
    for (const region of ['3', '370', '3701021', '']) {
      const bad = await hub.token({ sub: 'e2e-auth-bad', roles: ['AUTHORITY'], groups: [], region });
      expect(codesOf(await hub.gql(`{ groups { id } }`, {}, bad))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it('costs one look-up of its region in members per subgraph, however many calls a request makes there', async () => {
    // Resources and bases are each called twice (the units' fields, then the report's section), statistics once.
    const PAGE = /* GraphQL */ `
      query AuthorityPage($g: ID!) {
        group(id: $g) { members(first: 5) { edges { node { organization { id resources { id } trainingSummary(year: 2025) { sessions } } } } } }
        annualReport(groupId: $g, year: 2025) { membership { total } sharing { cooperations } training { personTimes } }
      }
    `;
    const logged = (service: string, from: number) =>
      hub.logs
        .slice(from)
        .filter((line) => line.startsWith(`[${service}] {`))
        .map((line) => JSON.parse(line.slice(service.length + 3)) as { msg?: string; requestId?: string; operation?: string | null });
    const from = hub.logs.length;
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.shandong}` },
      body: JSON.stringify({ query: PAGE, variables: { g: DEMO.groupId } }),
    });
    const requestId = response.headers.get('x-request-id');
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data.group.members.edges.length).toBe(5);
    expect(body.data.annualReport.membership.total).toBeGreaterThan(0);

    // The request's own calls, as each subgraph logged them under the gateway's request id.
    const calls = (service: string) => logged(service, from).filter((e) => e.msg === 'operation' && e.requestId === requestId).length;
    await eventually(() => calls('resources') >= 2 && calls('bases') >= 2 && calls('statistics') >= 1, { message: 'the subgraphs did not log the calls' });
    expect([calls('resources'), calls('bases'), calls('statistics')]).toEqual([2, 2, 1]);

    // A later request that members alone answers: once members has logged it, every look-up of the first is in the logs.
    const marker = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.shandong}` },
      body: JSON.stringify({ query: '{ groups { id } }' }),
    });
    const markerId = marker.headers.get('x-request-id');
    expect(dataOf({ status: marker.status, body: (await marker.json()) as { data?: unknown } }).groups.length).toBe(GROUPS.length);
    await eventually(() => logged('members', from).some((e) => e.requestId === markerId), { message: 'members did not log the later request' });
    const lookUps = logged('members', from).filter((e) => e.msg === 'operation' && e.operation === 'DirectoryGroupsInRegion');
    // resources, bases and statistics: one each.
    expect(lookUps.length).toBe(3);
  });
});
