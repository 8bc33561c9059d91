import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort, launchHub, RunningHub } from '../scripts/lib/launch';
import { mintToken, TokenRequest } from '../scripts/lib/tokens';
import { SUBGRAPHS } from '../scripts/services';
import { readDatabase } from '@zjjt/kit';
import { dropMysqlDatabase } from '@zjjt/kit';

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
  stop(): Promise<void>;
}

/**
 * Starts the real hub (every subgraph process and the gateway) on free ports with the demo
 * data, on a fresh SQLite folder or, when DATABASE_URL is set, fresh MySQL/MariaDB databases.
 */
export async function startTestHub(extraEnv: NodeJS.ProcessEnv = {}): Promise<TestHub> {
  const suffix = randomBytes(4).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-e2e-'));
  const env: NodeJS.ProcessEnv = {
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    SUBGRAPH_TIMEOUT_MS: '5000',
    ...extraEnv,
  };
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/e${suffix}`;
    env.DATABASE_URL = url.toString();
  }
  const logs: string[] = [];
  const subgraphPorts: Record<string, number> = {};
  for (const entry of SUBGRAPHS) subgraphPorts[entry.name] = await freePort();
  const hub = await launchHub({ env, gatewayPort: await freePort(), subgraphPorts, seed: true, onOutput: (service, line) => logs.push(`[${service}] ${line}`) });

  const gql: TestHub['gql'] = async (query, variables, token, headers = {}) => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
  };

  return {
    hub,
    url: hub.gatewayUrl,
    env,
    logs,
    token: (request) => mintToken(env.JWT_SECRET as string, request),
    gql,
    async stop() {
      await hub.stop();
      if (env.DATABASE_URL) for (const entry of SUBGRAPHS) await dropMysqlDatabase(readDatabase(env, entry.name));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The data of a response that must have no errors. */
export function dataOf(response: GraphQLResponse): any {
  if (response.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.body.errors)}`);
  return response.body.data;
}

/** The codes of a response's errors. */
export const codesOf = (response: GraphQLResponse) => (response.body.errors ?? []).map((e) => e.extensions?.code);
