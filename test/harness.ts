import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { freePort, freePorts, launchHub, RunningHub, spawnSubgraph, startGateway, startSubgraph, stopChild, waitFor } from '../scripts/lib/launch';
import { mintToken, TokenRequest } from '../scripts/lib/tokens';
import { SUBGRAPHS } from '../scripts/services';
import { dropMysqlDatabase, openDataSource, readDatabase } from '@zjjt/kit';
import { copyTemplate, currentTemplate } from './template';
import { defer, takeOver, TestProcess } from './processes';

export interface GraphQLResponse {
  status: number;
  body: { data?: any; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

export interface TestHub {
  hub: RunningHub;
  url: string;
  env: NodeJS.ProcessEnv;
  logs: string[];
  token(request: TokenRequest): Promise<string>;
  gql(query: string, variables?: Record<string, unknown>, token?: string, headers?: Record<string, string>): Promise<GraphQLResponse>;
  /** Takes over the running process `name` (a subgraph or 'gateway'): kill() it; restart() starts it again on its port. */
  process(name: string, env?: NodeJS.ProcessEnv): Promise<TestProcess>;
  /** A second gateway on a free port in front of this hub's subgraphs (some replaced by `subgraphUrls`). */
  gateway(env?: NodeJS.ProcessEnv, subgraphUrls?: Record<string, string>, readyPath?: '/ready' | '/health'): Promise<TestProcess & { url: string }>;
  /** Another process (replica) of subgraph `name` on a free port, on the same databases; `url` is its GraphQL endpoint. */
  replica(name: string, env?: NodeJS.ProcessEnv): Promise<TestProcess & { url: string }>;
  stop(): Promise<void>;
}

export interface HubDataOptions {
  /** Fills the hub's empty databases (named by `env`) instead of the demo data, before the hub starts. */
  prepare?: (env: NodeJS.ProcessEnv) => Promise<void>;
}

/**
 * Starts the real hub (every subgraph process and the gateway) on free ports with the demo
 * data, on a fresh SQLite folder or, when DATABASE_URL is set, fresh MySQL/MariaDB databases:
 * copies of the template seeded once per run (test/template.ts), or seeded here when there is none.
 * The hub is on the cleanup stack (test/processes.ts): it is stopped and its databases dropped
 * even when the test file forgets to.
 */
export async function startTestHub(extraEnv: NodeJS.ProcessEnv = {}, options: HubDataOptions = {}): Promise<TestHub> {
  const suffix = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-e2e-'));
  const template = currentTemplate();
  const env: NodeJS.ProcessEnv = {
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: template?.piiKey ?? randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SUBGRAPH_TIMEOUT_MS: '5000',
    // Used when a test gives REDIS_URL: each hub's keys apart, so parallel runs never share a count.
    REDIS_PREFIX: `zjjt-test-${suffix}:`,
    ...extraEnv,
  };
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/e${suffix}`;
    env.DATABASE_URL = url.toString();
  }
  const dropDatabases = async () => {
    if (env.DATABASE_URL || SUBGRAPHS.some((entry) => env[`${entry.name.toUpperCase()}_DATABASE_URL`]))
      for (const entry of SUBGRAPHS) await dropMysqlDatabase(readDatabase(env, entry.name));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const logs: string[] = [];
  const onOutput = (service: string, line: string) => logs.push(`[${service}] ${line}`);
  let hub: RunningHub;
  try {
    // A hub whose PII key differs from the template's could not read the template's sealed columns.
    const copy = !options.prepare && template !== undefined && env.PII_KEY === template.piiKey;
    if (copy) await copyTemplate(template, env);
    if (options.prepare) await options.prepare(env);
    const [gatewayPort, ...ports] = await freePorts(SUBGRAPHS.length + 1);
    const subgraphPorts = Object.fromEntries(SUBGRAPHS.map((entry, i) => [entry.name, ports[i]]));
    hub = await launchHub({ env, gatewayPort, subgraphPorts, seed: !copy && !options.prepare, onOutput });
  } catch (error) {
    await dropDatabases();
    throw error;
  }

  const gql: TestHub['gql'] = async (query, variables, token, headers = {}) => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
  };

  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= hub.stop().then(dropDatabases));
  defer(stop);

  return {
    hub,
    url: hub.gatewayUrl,
    env,
    logs,
    token: (request) => mintToken(env.JWT_SECRET as string, request),
    gql,
    process: (name, extra = {}) =>
      takeOver(name, () => {
        const current = hub.processes.get(name);
        // The first call takes over the running process; restart() starts a new one.
        if (current && current.exitCode === null && current.signalCode === null) return current;
        return name === 'gateway' ? restartGateway(extra) : startSubgraph(hub, name, extra);
      }),
    async gateway(extra = {}, subgraphUrls = {}, readyPath = '/ready') {
      const port = await freePort();
      const gateway = await takeOver('gateway', () => startGateway({ ...env, ...extra }, port, { ...hub.subgraphUrls, ...subgraphUrls }, onOutput, readyPath));
      return Object.assign(gateway, { url: `http://127.0.0.1:${port}/graphql` });
    },
    async replica(name, extra = {}) {
      const port = await freePort();
      const replica = await takeOver(name, async () => {
        const child = spawnSubgraph(name, { ...hub.env, ...extra }, port, onOutput);
        try {
          await waitFor(`http://127.0.0.1:${port}/ready`, child, name);
        } catch (error) {
          await stopChild(child);
          throw error;
        }
        return child;
      });
      return Object.assign(replica, { url: `http://127.0.0.1:${port}/graphql` });
    },
    stop,
  };

  async function restartGateway(extra: NodeJS.ProcessEnv) {
    const gateway = await startGateway({ ...hub.env, ...extra }, Number(new URL(hub.gatewayUrl).port), hub.subgraphUrls, onOutput);
    hub.processes.set('gateway', gateway);
    return gateway;
  }
}

/** The data of a response that must have no errors. */
export function dataOf(response: GraphQLResponse): any {
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data;
}

/** The codes of a response's errors. */
export const codesOf = (response: GraphQLResponse) => (response.body.errors ?? []).map((e) => e.extensions?.code);

/** A unit's 统一社会信用代码, read through the gateway as `token` (a secretariat of its group). */
export async function usccOf(hub: TestHub, organizationId: string, token: string): Promise<string> {
  return dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { uscc } }`, { id: organizationId }, token)).organization.uscc;
}

/** What a test says of a training base it registers; the rest (kind, occupations, capacity) has defaults. */
export interface TestBaseInput {
  groupId: string;
  name: string;
  coBuilders: { uscc: string; role: 'LEAD' | 'CO_BUILDER' }[];
  kind?: 'TRAINING_BASE' | 'PRACTICE_BASE';
  occupations?: string[];
  capacity?: number;
}

/** Registers a training base through the gateway as `token` (a member of its lead unit) and returns its id. */
export async function registerTrainingBase(hub: TestHub, token: string, input: TestBaseInput): Promise<string> {
  const full = { kind: 'TRAINING_BASE', occupations: ['数控车工'], capacity: 100, ...input };
  return dataOf(await hub.gql(`mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`, { input: full }, token))
    .registerTrainingBase.id;
}

/** A check on every item of a non-empty list (from the kit's test helpers). */
export { expectEach } from '@zjjt/kit/testing';

/**
 * Writes a submission as the platform's acceptance leaves it (ACCEPTED, its frozen fields), for a
 * year the hub has no template of: the baseline of next year's year-on-year checks.
 */
export async function recordAcceptedSubmission(
  hub: TestHub,
  s: { groupId: string; year: number; target: string; template: string; version: number; fields: { code: string; value: string | null }[] },
) {
  const db = await openDataSource(readDatabase(hub.env, 'statistics'), { entities: [], migrations: [] });
  const key = randomUUID();
  try {
    await db
      .createQueryBuilder()
      .insert()
      .into('submission')
      .values({
        id: randomUUID(),
        groupId: s.groupId,
        year: s.year,
        template: s.template,
        target: s.target,
        version: s.version,
        status: 'ACCEPTED',
        payload: JSON.stringify({ groupId: s.groupId, year: s.year, template: { code: s.template, version: 1 }, fields: s.fields }),
        payloadSha256: '0'.repeat(64),
        idempotencyKey: key,
        attempts: 1,
        receipt: `RCPT-${s.year}`,
        warnings: '[]',
        diff: '[]',
        createdBy: 'reporting-bot',
        createdAt: `${s.year + 1}-03-01T00:00:00.000Z`,
        updatedAt: `${s.year + 1}-03-02T00:00:00.000Z`,
      })
      .execute();
  } finally {
    await db.destroy();
  }
}

/**
 * The demo school's annual return for `year`, as the users make it through the gateway: the
 * secretariat opens the round, the school saves and submits its figures, the secretariat approves.
 * Then a template's required school figures are there; the other members' returns are still missing, so a
 * freeze also needs the secretariat's confirmation of the gap (confirmReturnGaps below).
 */
export async function approveSchoolReturn(hub: TestHub, groupId: string, year: number, tokens: { secretariat: string; school: string }) {
  const g = { g: groupId };
  dataOf(
    await hub.gql(`mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${year}, dueOn: "${year + 1}-03-31" }) { id } }`, g, tokens.secretariat),
  );
  const figures = '{ enrolledStudents: 9000, fullTimeTeachers: 450, graduates: 2800, employedGraduates: 2650 }';
  dataOf(await hub.gql(`mutation($g: ID!) { saveAnnualReturn(groupId: $g, year: ${year}, input: ${figures}) { id } }`, g, tokens.school));
  const submitted = dataOf(await hub.gql(`mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: ${year}) { id } }`, g, tokens.school)).submitAnnualReturn;
  dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }`, { id: submitted.id }, tokens.secretariat));
}

/**
 * The secretariat confirms that `year`'s report goes out with the members' returns still missing (the
 * demo has one school's return at most), with a reason that becomes the report's 说明. Without it the
 * fields computed from returns are blocked.
 */
export async function confirmReturnGaps(
  hub: TestHub,
  groupId: string,
  year: number,
  secretariat: string,
  reason = '其余成员单位年报尚未报送，按已审核年报填报（测试）',
) {
  return dataOf(
    await hub.gql(
      `mutation($g: ID!, $y: Int!, $r: String!) { confirmReturnGaps(groupId: $g, year: $y, reason: $r) { id reason missing holds } }`,
      { g: groupId, y: year, r: reason },
      secretariat,
    ),
  ).confirmReturnGaps;
}
