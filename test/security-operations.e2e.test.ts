import { REQUEST_ID_HEADER } from '@zjjt/contract';
import { DEMO } from '@zjjt/demo';
import { SUBGRAPHS } from '../scripts/services';
import { freePort, startGateway, stopChild } from '../scripts/lib/launch';
import { codesOf, startTestHub, TestHub } from './harness';
import { eventually } from './processes';

// SECURITY.md — operations: health and readiness everywhere, metrics, request ids, quiet logs.
let hub: TestHub;
let member: string;

beforeAll(async () => {
  hub = await startTestHub({ LOG_LEVEL: 'debug' });
  member = await hub.token({ sub: 'ops', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

it('answers /health and /ready on every service without credentials', async () => {
  for (const url of [...Object.values(hub.hub.subgraphUrls), hub.url]) {
    for (const path of ['/health', '/ready']) expect((await fetch(new URL(path, url))).status).toBe(200);
  }
  expect(Object.keys(hub.hub.subgraphUrls).sort()).toEqual(SUBGRAPHS.map((s) => s.name).sort());
});

it('serves Prometheus metrics: requests, errors by code, latency, per-subgraph fetches', async () => {
  await hub.gql(`{ group(id: "${DEMO.groupId}") { name members(first: 2) { edges { node { organization { resources { id } } } } } } }`, {}, member);
  const forbidden = await hub.gql(`mutation { publishNotice(input: { groupId: "${DEMO.groupId}", title: "x", body: "x" }) { id } }`, {}, member);
  expect(codesOf(forbidden)).toEqual(['FORBIDDEN']);
  const metrics = await (await fetch(new URL('/metrics', hub.url))).text();
  expect(metrics).toMatch(/zjjt_gateway_http_requests_total\{route="\/graphql",status="200"\} \d+/);
  expect(metrics).toMatch(/zjjt_gateway_graphql_errors_total\{code="FORBIDDEN"\} [1-9]/);
  expect(metrics).toMatch(/zjjt_gateway_http_request_duration_seconds_bucket\{le="0.1",route="\/graphql"\}/);
  expect(metrics).toMatch(/zjjt_gateway_subgraph_fetch_duration_seconds_count\{subgraph="members",outcome="200"\} [1-9]/);
  expect(metrics).toMatch(/zjjt_gateway_subgraph_fetch_duration_seconds_count\{subgraph="resources",outcome="200"\} [1-9]/);
});

it('keeps /metrics behind METRICS_TOKEN when one is set', async () => {
  const port = await freePort();
  const gateway = await startGateway({ ...hub.env, METRICS_TOKEN: 'm'.repeat(32) }, port, hub.hub.subgraphUrls);
  try {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${'m'.repeat(32)}` } })).status).toBe(200);
  } finally {
    await stopChild(gateway);
  }
});

it('carries the gateway’s request id into the subgraphs’ structured logs, with no personal data', async () => {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${member}` },
    body: JSON.stringify({ query: '{ myOrganization { name contact { contactPhone } } }', operationName: null }),
  });
  const requestId = response.headers.get(REQUEST_ID_HEADER)!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const body = JSON.stringify(await response.json());
  const line = await eventually(() => hub.logs.find((l) => l.startsWith('[members]') && l.includes(requestId)));
  const entry = JSON.parse(line.slice('[members] '.length));
  expect(entry).toMatchObject({ service: 'members', requestId, msg: 'operation', errors: 0 });
  expect(line).not.toContain(JSON.parse(body).data.myOrganization.contact.contactPhone);
});
