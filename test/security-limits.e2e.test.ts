import { DEMO } from '../subgraphs/members/src/seed';
import { freePort, startGateway, stopChild } from '../scripts/lib/launch';
import { codesOf, startTestHub, TestHub } from './harness';

// SECURITY.md — "Limits at the gateway": each line sent as a real request through the gateway.
let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token({ sub: 'limits', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

/** A valid query `depth` levels deep: membership → organization → memberships → organization → … */
const nest = (depth: number) => {
  let inner = 'id';
  for (let i = depth - 1; i >= 1; i -= 1) inner = `${i % 2 ? 'organization' : 'memberships'} { ${inner} }`;
  return `query { membership(id: "x") { ${inner} } }`;
};

describe('limits at the gateway', () => {
  it('refuses depth over 10 with QUERY_TOO_DEEP', async () => {
    const response = await hub.gql(nest(12), {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toContain('QUERY_TOO_DEEP');
    expect(response.body.errors!.find((e) => e.extensions?.code === 'QUERY_TOO_DEEP')!.message).toMatch(/嵌套超过 10 层/);
    expect(codesOf(await hub.gql(nest(3), {}, token))).toEqual([]);
  });

  it('refuses more than 15 aliases, __typename aliases included', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(codesOf(await hub.gql(`{ ${aliases} }`, {}, token))).toEqual(['TOO_MANY_ALIASES']);
    const fine = Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(codesOf(await hub.gql(`{ ${fine} }`, {}, token))).toEqual([]);
  });

  it('refuses more than 50 directives', async () => {
    const fields = (n: number) => Array.from({ length: n }, () => '__typename @include(if: true)').join(' ');
    expect(codesOf(await hub.gql(`{ ${fields(51)} }`, {}, token))).toEqual(['TOO_MANY_DIRECTIVES']);
    expect(codesOf(await hub.gql(`{ ${fields(50)} }`, {}, token))).toEqual([]);
  });

  it('refuses a query over the token cap before parsing it', async () => {
    const fields = Array.from({ length: 2100 }, () => '__typename').join(' ');
    expect(codesOf(await hub.gql(`{ groups { ${fields} } }`, {}, token))).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses a fragment fan-out bomb and a query over the cost budget', async () => {
    const bomb = /* GraphQL */ `
      query { groups { ...A } }
      fragment A on Group { members(first: 100) { edges { node { ...B } } } }
      fragment B on Membership { organization { memberships { group { ...C } } } }
      fragment C on Group { members(first: 100) { edges { node { ...D } } } }
      fragment D on Membership { organization { id name type uscc region industry } history { id action } }
    `;
    const response = await hub.gql(bomb, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)[0]).toMatch(/QUERY_TOO_COSTLY|QUERY_TOO_DEEP/);
  });

  it('stops first: 99999999 at the gateway, whose cost estimate multiplies by it', async () => {
    expect(codesOf(await hub.gql('{ resources(first: 99999999) { totalCount } }', {}, token))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it.each([
    ['group.members', `{ group(id: "${DEMO.groupId}") { members(first: 101) { totalCount } } }`],
    ['group.notices', `{ group(id: "${DEMO.groupId}") { notices(first: 101) { totalCount } } }`],
    ['resources', '{ resources(first: 101) { totalCount } }'],
    ['cooperations', '{ cooperations(first: 101) { totalCount } }'],
    ['trainingSessions', '{ trainingSessions(first: 101) { totalCount } }'],
    ['certificationBatches', '{ certificationBatches(first: 101) { totalCount } }'],
    ['myMessages', '{ myMessages(first: 101) { totalCount } }'],
    ['myResourceRequests', '{ myResourceRequests(direction: INCOMING, first: 101) { totalCount } }'],
  ])('caps every list argument: first over 100 on %s', async (_name, query) => {
    const member = await hub.token({ sub: 'caps', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
    const response = await hub.gql(query, {}, member);
    expect(codesOf(response)).toContain('BAD_USER_INPUT');
    expect(response.body.errors![0].message).toMatch(/1 到 100/);
  });

  it('answers a burst over the per-client rate with 429 RATE_LIMITED, per token subject', async () => {
    const port = await freePort();
    const gateway = await startGateway({ ...hub.env, RATE_LIMIT_PER_MINUTE: '5' }, port, hub.hub.subgraphUrls);
    try {
      const post = (t: string) => fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` }, body: JSON.stringify({ query: '{ __typename }' }) });
      const statuses = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await post(token)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await post(token);
      expect(((await limited.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      const other = await hub.token({ sub: 'someone-else', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
      expect((await post(other)).status).toBe(200);
    } finally {
      await stopChild(gateway);
    }
  });

  it('answers within its time budget when a subgraph hangs', async () => {
    const port = await freePort();
    const gateway = await startGateway({ ...hub.env, REQUEST_TIMEOUT_MS: '1500', SUBGRAPH_TIMEOUT_MS: '10000' }, port, hub.hub.subgraphUrls);
    const resources = hub.hub.processes.get('resources')!;
    resources.kill('SIGSTOP');
    try {
      const started = Date.now();
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ resources(first: 5) { totalCount } }' }),
      });
      const elapsed = Date.now() - started;
      const body = (await response.json()) as any;
      expect(elapsed).toBeLessThan(4000);
      expect(body.errors).toEqual([expect.objectContaining({ path: ['resources'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })]);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|aborted|timeout|4002/i);
    } finally {
      resources.kill('SIGCONT');
      await stopChild(gateway);
    }
  });
});
