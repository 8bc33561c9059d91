import path from 'node:path';

/** Thrown when the environment is unusable; the message names the variable. */
export class ConfigError extends Error {}

export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'mysql'; url: string; database: string };

export interface SubgraphConfig {
  name: string;
  host: string;
  port: number;
  gatewaySecret: string;
  database: DatabaseConfig;
  production: boolean;
  logLevel: string;
}

type Env = Record<string, string | undefined>;

export const envName = (subgraph: string, suffix: string) => `${subgraph.toUpperCase()}_${suffix}`;

/** Reads a TCP port, failing with the variable's name when it is not one. */
export function readPort(env: Env, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`${variable} must be a port number (0-65535), got "${raw}"`);
  return port;
}

/**
 * The secret that proves a request came through the gateway: `<NAME>_GATEWAY_SECRET` when a
 * subgraph has its own, else the shared GATEWAY_SECRET.
 */
export function readGatewaySecret(env: Env, subgraph?: string): string {
  const own = subgraph ? envName(subgraph, 'GATEWAY_SECRET') : undefined;
  const variable = own && env[own] !== undefined ? own : 'GATEWAY_SECRET';
  const secret = env[variable];
  if (!secret) throw new ConfigError('GATEWAY_SECRET is required: the shared secret between the gateway and the subgraphs');
  if (secret.length < 32) throw new ConfigError(`${variable} must be at least 32 characters`);
  return secret;
}

/**
 * Which database a subgraph uses: `<NAME>_DATABASE_URL` as given; else `DATABASE_URL` with the
 * subgraph's own database `<db>_<name>` on that server; else an SQLite file under `DATA_DIR`.
 */
export function readDatabase(env: Env, subgraph: string): DatabaseConfig {
  const own = envName(subgraph, 'DATABASE_URL');
  const variable = env[own] ? own : env.DATABASE_URL ? 'DATABASE_URL' : undefined;
  if (!variable) {
    const dir = path.resolve(env.DATA_DIR || 'data');
    return { type: 'sqlite', file: path.join(dir, `${subgraph}.sqlite`) };
  }
  const raw = env[variable] as string;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${variable} is not a URL (expected mysql://user:password@host:3306/database)`);
  }
  if (url.protocol !== 'mysql:' && url.protocol !== 'mariadb:') throw new ConfigError(`${variable} must start with mysql:// or mariadb://`);
  const base = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(base)) throw new ConfigError(`${variable} must name a database made of letters, digits and _ (got "${base}")`);
  const database = variable === own ? base : `${base}_${subgraph}`;
  url.protocol = 'mysql:';
  url.pathname = `/${database}`;
  return { type: 'mysql', url: url.toString(), database };
}

/** Validates a subgraph's environment at start. */
export function loadSubgraphConfig(name: string, defaultPort: number, env: Env = process.env): SubgraphConfig {
  return {
    name,
    host: env.HOST || '127.0.0.1',
    port: readPort(env, envName(name, 'PORT'), defaultPort),
    gatewaySecret: readGatewaySecret(env, name),
    database: readDatabase(env, name),
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL || 'info',
  };
}

/** A database URL with its password removed, for messages. */
export function describeDatabase(db: DatabaseConfig): string {
  if (db.type === 'sqlite') return `sqlite:${db.file}`;
  const url = new URL(db.url);
  url.password = '';
  url.username = url.username ? url.username : '';
  return url.toString();
}
