import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { DEMO } from '@zjjt/demo';
import { freePort } from '../scripts/lib/launch';
import { codesOf, dataOf, expectEach, GraphQLResponse, startTestHub, TestHub } from './harness';

// SECURITY.md — "Faults", "HTTP" isolation and "Authentication and authorization" cases that need
// a misbehaving subgraph or a subgraph with its own secret.
let hub: TestHub;
let token: string;
const membersSecret = randomBytes(32).toString('base64url');

/** A stand-in for the resources subgraph that is healthy but answers every query with an HTML 500. */
const broken = { calls: [] as string[], server: http.createServer() };

beforeAll(async () => {
  hub = await startTestHub({ MEMBERS_GATEWAY_SECRET: membersSecret });
  token = await hub.token({ sub: 'faults', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
  broken.server.on('request', (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url === '/ready' || req.url === '/health') return void res.writeHead(200).end('{}');
      broken.calls.push(body);
      res
        .writeHead(500, { 'content-type': 'text/html' })
        .end('<html><body>Internal Server Error at db-01.internal:3306 SELECT * FROM shared_resource</body></html>');
    });
  });
  await new Promise<void>((resolve) => broken.server.listen(0, '127.0.0.1', resolve));
}, 120000);

afterAll(async () => {
  broken.server.close();
  await hub?.stop();
});

const MEMBERS_WITH_RESOURCES = `query($g: ID!) { group(id: $g) { name members(first: 3) { edges { node { organization { name resources { id } } } } } } }`;

describe('faults', () => {
  it('a subgraph answering 500 with HTML: the other subgraphs’ data, masked errors with paths, nothing internal', async () => {
    const url = `http://127.0.0.1:${(broken.server.address() as { port: number }).port}/graphql`;
    const gateway = await hub.gateway({}, { resources: url });
    try {
      const post = (query: string, variables: object) =>
        fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
      const response = (await (await post(MEMBERS_WITH_RESOURCES, { g: DEMO.groupId })).json()) as any;
      expect(response.data.group.name).toMatch(/集团/);
      expectEach(response.data.group.members.edges, (e: any) => e.node.organization.name && e.node.organization.resources === null, 3);
      // One error per entity the failed subgraph was asked for, at that entity's path.
      expect(response.errors.map((e: any) => [e.extensions.code, e.path.join('.')])).toEqual(
        [0, 1, 2].map((i) => ['SUBGRAPH_UNAVAILABLE', `group.members.edges.${i}.node.organization`]),
      );
      expect(JSON.stringify(response)).not.toMatch(/html|db-01|3306|SELECT|shared_resource|127\.0\.0\.1|serviceName|"response"/i);

      broken.calls.length = 0;
      const mutation = (await (await post(`mutation($id: ID!) { withdrawResource(id: $id) { id } }`, { id: 'r-1' })).json()) as any;
      expect(mutation.errors.length).toBeGreaterThan(0);
      expect(broken.calls).toHaveLength(1); // never retried
    } finally {
      await gateway.kill();
    }
  });

  it('starts while a subgraph is down: alive, not ready, and serves what it can', async () => {
    const closed = await freePort();
    // Alive (/health) is all it can be: statistics is down, so it never becomes ready.
    const gateway = await hub.gateway({}, { statistics: `http://127.0.0.1:${closed}/graphql` }, '/health');
    try {
      const ready = await fetch(new URL('/ready', gateway.url));
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).subgraphs).toMatchObject({ members: 'ready', statistics: 'unavailable' });
      const members = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: `{ group(id: "${DEMO.groupId}") { name } }` }),
      });
      expect(((await members.json()) as any).data.group.name).toMatch(/集团/);
    } finally {
      await gateway.kill();
    }
  });
});

describe('subgraph isolation with a subgraph’s own secret', () => {
  it('members refuses the shared secret and accepts its own, which the gateway sends', async () => {
    const call = (secret: string) =>
      fetch(hub.hub.subgraphUrls.members, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    expect((await call(hub.env.GATEWAY_SECRET as string)).status).toBe(401);
    expect((await call(membersSecret)).status).toBe(200);
    expect(dataOf(await hub.gql(`{ group(id: "${DEMO.groupId}") { name } }`, {}, token)).group.name).toMatch(/集团/);
  });

  it('members reads a user only from an identity signed with its own secret, which the gateway signs with', async () => {
    const query = `{ organization(id: "${DEMO.memberOrgId}") { contact { contactPhone } } }`;
    const claims = { sub: 'faults', org: DEMO.memberOrgId, groups: [DEMO.groupId], roles: ['SECRETARIAT'] };
    const call = async (identity: string) => {
      const response = await fetch(hub.hub.subgraphUrls.members, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: membersSecret, [IDENTITY_HEADER]: identity },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, body: await response.json() } as GraphQLResponse;
    };
    // The shared secret is what the other subgraphs hold: a user signed with it is no one at members.
    const signedForOthers = await call(signIdentity(claims, hub.env.GATEWAY_SECRET as string));
    expect(signedForOthers.status).toBe(401);
    expect(codesOf(signedForOthers)).toEqual(['UNAUTHENTICATED']);
    const signedForMembers = await call(signIdentity(claims, membersSecret));
    expect(signedForMembers.status).toBe(200);
    expect(dataOf(signedForMembers).organization.contact.contactPhone).toEqual(expect.any(String));
    expect(dataOf(await hub.gql(query, {}, token)).organization.contact.contactPhone).toEqual(expect.any(String));
  });
});

describe('authorization through nested fields and input', () => {
  it('ignores an owner named in input: there is no such field to fill', async () => {
    const response = await hub.gql(
      `mutation { createResource(input: { groupId: "${DEMO.groupId}", providerId: "${DEMO.schoolOrgId}", kind: EQUIPMENT, title: "x", capacity: 1, periodStart: "2026-01-01", periodEnd: "2026-02-01" }) { id } }`,
      {},
      token,
    );
    expect(codesOf(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('gives a user of G2 nothing of G1 through a nested field or an entity reference', async () => {
    const g2 = await hub.token({ sub: 'g2', roles: ['SECRETARIAT'], groups: [DEMO.secondGroupId], org: DEMO.secondGroupSecretariatOrgId });
    const data = dataOf(
      await hub.gql(`{ resources(first: 100) { edges { node { groupId provider { id contact { contactPhone } memberships { group { name } } } } } } }`, {}, g2),
    );
    const fromG1 = data.resources.edges.filter((e: any) => e.node.groupId === DEMO.groupId);
    // PUBLIC resources of G1 …, their providers without contact details or memberships.
    expectEach(fromG1, (e: any) => e.node.provider === null || e.node.provider.contact === null);
    expect(fromG1.flatMap((e: any) => e.node.provider?.memberships ?? [])).toEqual([]);
    expect(JSON.stringify(fromG1)).not.toMatch(/contactPhone":"\d/);
  });
});
