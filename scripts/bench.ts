import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { DEMO } from '../subgraphs/members/src/seed';
import { demoId } from '../subgraphs/kit/src/ids';
import { freePort, launchHub } from './lib/launch';
import { ROOT } from './lib/secrets';
import { mintToken } from './lib/tokens';
import { SUBGRAPHS } from './services';

/**
 * `npm run bench`: starts the hub on a fresh copy of the demo data (plus 60 resources posted through
 * the gateway), drives it with autocannon on
 * 127.0.0.1 for a bounded time per scenario, and writes bench/results/latest.{json,md}.
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10) tune the load.
 */

const seconds = Number(process.env.BENCH_SECONDS || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 10);

const MEMBER_PAGE = /* GraphQL */ `
  query MemberPage($groupId: ID!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        totalCount
        edges {
          node {
            id role status joinedOn councilTerm { number }
            organization { id name uscc type region industry aboveDesignatedSize memberships { role status joinedOn group { name } } }
          }
        }
      }
    }
  }
`;

const RESOURCE_PAGE = /* GraphQL */ `
  query ResourcePage {
    resources(first: 50) {
      totalCount
      edges { node { id kind title capacity capacityLeft periodStart periodEnd visibility provider { id name type region } } }
    }
  }
`;

const MEMBERS_WITH_RESOURCES = /* GraphQL */ `
  query MembersWithResources($groupId: ID!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        edges { node { id role organization { id name type resources { id kind title capacityLeft } } } }
      }
    }
  }
`;

interface Scenario {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** The rows a correct answer has; the scenario is refused unless there are 50. */
  rows: (data: any) => unknown[] | undefined;
}

interface Measurement {
  scenario: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function measure(scenario: Scenario): Promise<Measurement> {
  // One request first: the scenario must really return 50 rows, or its numbers mean nothing.
  const check = await fetch(scenario.url, { method: 'POST', headers: scenario.headers, body: scenario.body });
  const json = (await check.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || scenario.rows(json.data)?.length !== 50) throw new Error(`${scenario.name}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);

  const times: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: scenario.url, method: 'POST', headers: scenario.headers, body: scenario.body, connections, duration: seconds }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) times.push(responseTime);
      else errors += 1;
    });
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    scenario: scenario.name,
    seconds,
    connections,
    requests: times.length,
    requestsPerSecond: round(times.length / (result.duration || seconds)),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors: errors + result.errors + result.timeouts,
  };
}

/**
 * Makes the dataset fixed and big enough: 60 more published resources, posted through the gateway
 * by six demo enterprises, so the search page always has 50 rows.
 */
async function postBenchResources(gatewayUrl: string, jwtSecret: string) {
  const kinds = ['EQUIPMENT', 'TRAINING_FACILITY', 'TEACHER_WORKSTATION', 'JOB_MONITORING_STATION'];
  for (const [i, slug] of ['jnjgzb', 'jnskjc', 'jnsyqc', 'qdgkjx', 'zbdj', 'jndyjx'].entries()) {
    const token = await mintToken(jwtSecret, { sub: `bench-${slug}`, roles: ['MEMBER'], groups: [DEMO.groupId], org: demoId('organization', slug) });
    const call = async (query: string, variables: Record<string, unknown>) => {
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const json = (await response.json()) as { data?: any; errors?: unknown };
      if (json.errors) throw new Error(`bench data: ${JSON.stringify(json.errors)}`);
      return json.data;
    };
    for (let n = 0; n < 10; n += 1) {
      const input = { groupId: DEMO.groupId, kind: kinds[(i + n) % kinds.length], title: `压测共享资源 ${i}-${n}`, capacity: 10 + n, periodStart: '2026-01-01', periodEnd: '2026-12-31', visibility: n % 3 ? 'GROUP' : 'PUBLIC' };
      const { createResource } = await call('mutation($input: ResourceInput!) { createResource(input: $input) { id } }', { input });
      await call('mutation($id: ID!) { publishResource(id: $id) { id } }', { id: createResource.id });
    }
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bench-'));
  const env = { GATEWAY_SECRET: randomBytes(32).toString('base64url'), JWT_SECRET: randomBytes(32).toString('base64url'), PII_KEY: randomBytes(32).toString('base64'), DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  const subgraphPorts = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const)));
  process.stdout.write(`starting the hub (data in ${dataDir}) …\n`);
  const hub = await launchHub({ env, gatewayPort: await freePort(), subgraphPorts, seed: true, onOutput: (service, line) => process.stderr.write(`[${service}] ${line}\n`) });
  try {
    await postBenchResources(hub.gatewayUrl, env.JWT_SECRET);
    const claims = { sub: 'bench-secretariat', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId };
    const token = await mintToken(env.JWT_SECRET, claims);
    const gateway = { url: hub.gatewayUrl, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
    const variables = { groupId: DEMO.groupId };
    const memberRows = (data: any) => data?.group?.members?.edges;
    const scenarios: Scenario[] = [
      { name: 'member list page (50 rows with memberships) via gateway', ...gateway, body: JSON.stringify({ query: MEMBER_PAGE, variables }), rows: memberRows },
      {
        name: 'same query straight to the members subgraph',
        url: hub.subgraphUrls.members,
        headers: { 'content-type': 'application/json', 'x-gateway-secret': env.GATEWAY_SECRET, 'x-hub-identity': Buffer.from(JSON.stringify(claims)).toString('base64url') },
        body: JSON.stringify({ query: MEMBER_PAGE, variables }),
        rows: memberRows,
      },
      { name: 'resource search page (50 rows with provider names through federation) via gateway', ...gateway, body: JSON.stringify({ query: RESOURCE_PAGE }), rows: (data: any) => data?.resources?.edges },
      { name: 'member list page with each member’s resources via gateway', ...gateway, body: JSON.stringify({ query: MEMBERS_WITH_RESOURCES, variables }), rows: memberRows },
    ];
    const results: Measurement[] = [];
    for (const scenario of scenarios) {
      process.stdout.write(`measuring: ${scenario.name} (${seconds}s, ${connections} connections)\n`);
      results.push(await measure(scenario));
    }
    const [viaGateway, direct] = results; // the first two scenarios: the same query with and without the gateway
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, database: 'SQLite (embedded)' },
      results,
      gatewayOverhead: { throughputRatio: Math.round((direct.requestsPerSecond / viaGateway.requestsPerSecond) * 100) / 100, p50Ratio: Math.round((viaGateway.p50 / direct.p50) * 100) / 100 },
    };
    const table = [
      '| scenario | req/s | p50 ms | p95 ms | p99 ms | requests | errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...results.map((r) => `| ${r.scenario} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.requests} | ${r.errors} |`),
      '',
      `Gateway overhead: the subgraph alone serves ${report.gatewayOverhead.throughputRatio}× the gateway's requests/s; gateway p50 is ${report.gatewayOverhead.p50Ratio}× the subgraph's.`,
      `${report.date} · ${report.machine.cpus} CPUs · ${report.machine.cpu} · Node ${report.machine.node} · ${report.machine.database} · ${seconds}s × ${connections} connections per scenario`,
    ].join('\n');
    const out = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(out, 'latest.md'), `${table}\n`);
    process.stdout.write(`\n${table}\n\nwritten to bench/results/latest.json and latest.md\n`);
  } finally {
    await hub.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
