import fs from 'node:fs';
import path from 'node:path';
import { readWorkers } from '@zjjt/contract';

/** The committed supergraph, found from source or from dist/. */
function defaultSupergraphPath(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'schema', 'supergraph.graphql')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'schema', 'supergraph.graphql');
}

/** Thrown when the environment is unusable; the message names the variable. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

export interface GatewayConfig {
  host: string;
  port: number;
  production: boolean;
  gatewaySecret: string;
  /** The secret sent to one subgraph: `<NAME>_GATEWAY_SECRET`, else GATEWAY_SECRET. */
  subgraphSecret: (name: string) => string;
  limits: {
    maxDepth: number;
    maxAliases: number;
    maxDirectives: number;
    maxTokens: number;
    maxCost: number;
    /** Longest string literal or variable value, in characters. */
    maxStringLength: number;
    ratePerMinute: number;
    /** Requests a minute per address to /metrics and to /ready (each). */
    opsRatePerMinute: number;
    requestTimeoutMs: number;
  };
  /** When set, /metrics needs `Authorization: Bearer <METRICS_TOKEN>`; required in production. */
  metricsToken: string | null;
  jwt: { secret: string } | { jwksUrl: string };
  /** Longest lifetime a token may have (exp − iat, or exp − now without iat), and the clock skew allowed. */
  tokenMaxLifetimeSeconds: number;
  clockSkewSeconds: number;
  issuer?: string;
  audience?: string;
  supergraphPath: string;
  subgraphTimeoutMs: number;
  /** Keep-alive connections to each subgraph at most (SUBGRAPH_CONNECTIONS); more calls wait for one. */
  subgraphConnections: number;
  /** Size of the query plan cache and of the parsed-document cache, in MiB (PLAN_CACHE_MIB, DOCUMENT_CACHE_MIB). */
  planCacheMiB: number;
  documentCacheMiB: number;
  /** Largest file the /files route passes on to a subgraph. */
  maxUploadBytes: number;
  /** Deadline of a whole /files exchange (upload or download), longer than a GraphQL call's. */
  fileTimeoutMs: number;
  corsOrigins: string[];
  /** `<NAME>_URL` overrides of the subgraph URLs written in the supergraph. */
  subgraphUrl: (name: string) => string | undefined;
  logLevel: string;
  /** The GraphQL explorer at /explorer/ (EXPLORER=on|off): on in development, off in production unless turned on. */
  explorer: boolean;
  /** GATEWAY_WORKERS: processes of the gateway on this host, sharing its port. */
  workers: number;
  /**
   * REDIS_URL: where the rate limits are counted, so every gateway process and replica shares them;
   * null counts in this process (one process only). Keys start with REDIS_PREFIX (`zjjt:`).
   */
  redis: { url: string; prefix: string } | null;
  /**
   * TRUST_PROXY: behind a load balancer, which proxies' X-Forwarded-For to believe for the client's
   * address (express's `trust proxy`: a number of hops, or addresses/subnets); false (the default)
   * takes the connection's address.
   */
  trustProxy: number | string | false;
  /** The review console (web/console) under /console/: CONSOLE=on|off, on by default outside production. */
  console: boolean;
}

function positiveInt(env: Env, variable: string, fallback: number): number {
  const raw = env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${variable} must be a whole number, got "${raw}"`);
  return value;
}

/** Validates the gateway's environment at start. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const gatewaySecret = env.GATEWAY_SECRET ?? '';
  if (gatewaySecret.length < 32) throw new ConfigError('GATEWAY_SECRET is required (at least 32 characters): the secret the subgraphs check on every call');
  let jwt: GatewayConfig['jwt'];
  if (env.JWKS_URL) {
    try {
      new URL(env.JWKS_URL);
    } catch {
      throw new ConfigError('JWKS_URL must be a URL of a JSON Web Key Set (RS256 tokens)');
    }
    jwt = { jwksUrl: env.JWKS_URL };
  } else {
    if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) throw new ConfigError('JWT_SECRET (at least 32 characters, HS256) or JWKS_URL (RS256) is required');
    jwt = { secret: env.JWT_SECRET };
  }
  const production = env.NODE_ENV === 'production';
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken !== null && metricsToken.length < 32) throw new ConfigError('METRICS_TOKEN must be at least 32 characters');
  if (production && !metricsToken)
    throw new ConfigError('METRICS_TOKEN is required with NODE_ENV=production (at least 32 characters): /metrics is served only to callers that send it');
  const tokenMaxLifetimeSeconds = positiveInt(env, 'JWT_MAX_LIFETIME_SECONDS', 24 * 3600);
  if (tokenMaxLifetimeSeconds < 60) throw new ConfigError(`JWT_MAX_LIFETIME_SECONDS must be at least 60, got "${env.JWT_MAX_LIFETIME_SECONDS}"`);
  const clockSkewSeconds = positiveInt(env, 'JWT_CLOCK_SKEW_SECONDS', 60);
  if (clockSkewSeconds > 300)
    throw new ConfigError(`JWT_CLOCK_SKEW_SECONDS must be at most 300 (a small clock difference), got "${env.JWT_CLOCK_SKEW_SECONDS}"`);
  const explorer = env.EXPLORER || (production ? 'off' : 'on');
  if (explorer !== 'on' && explorer !== 'off') throw new ConfigError(`EXPLORER must be on or off, got "${env.EXPLORER}"`);
  let workers: number;
  try {
    workers = readWorkers('gateway', env);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const redis = readRedis(env);
  if (workers > 1 && !redis)
    throw new ConfigError(
      `GATEWAY_WORKERS=${workers} 需要 REDIS_URL：多个网关进程须在 Redis 中共同计数限流，否则每个进程各算各的，限额变为 ${workers} 倍 (several gateway processes need REDIS_URL, e.g. redis://127.0.0.1:6379, to share the rate limits)`,
    );
  const consoleSwitch = env.CONSOLE ?? '';
  if (!['', 'on', 'off'].includes(consoleSwitch)) throw new ConfigError(`CONSOLE must be "on" or "off", got "${consoleSwitch}"`);
  const port = positiveInt(env, 'GATEWAY_PORT', 4000);
  if (port > 65535) throw new ConfigError(`GATEWAY_PORT must be a port number, got "${env.GATEWAY_PORT}"`);
  return {
    host: env.HOST || '127.0.0.1',
    port,
    production,
    gatewaySecret,
    subgraphSecret: (name) => {
      const variable = `${name.toUpperCase()}_GATEWAY_SECRET`;
      const own = env[variable];
      if (own !== undefined && own.length < 32) throw new ConfigError(`${variable} must be at least 32 characters`);
      return own || gatewaySecret;
    },
    limits: {
      maxDepth: positiveInt(env, 'GRAPHQL_MAX_DEPTH', 10),
      maxAliases: positiveInt(env, 'GRAPHQL_MAX_ALIASES', 15),
      maxDirectives: positiveInt(env, 'GRAPHQL_MAX_DIRECTIVES', 50),
      maxTokens: positiveInt(env, 'GRAPHQL_MAX_TOKENS', 2000),
      maxCost: positiveInt(env, 'GRAPHQL_MAX_COST', 20000),
      maxStringLength: positiveInt(env, 'GRAPHQL_MAX_STRING_LENGTH', 10000),
      ratePerMinute: positiveInt(env, 'RATE_LIMIT_PER_MINUTE', 600),
      opsRatePerMinute: positiveInt(env, 'OPS_RATE_LIMIT_PER_MINUTE', 60),
      requestTimeoutMs: positiveInt(env, 'REQUEST_TIMEOUT_MS', 30000),
    },
    metricsToken,
    jwt,
    tokenMaxLifetimeSeconds,
    clockSkewSeconds,
    issuer: env.JWT_ISSUER || undefined,
    audience: env.JWT_AUDIENCE || undefined,
    supergraphPath: env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : defaultSupergraphPath(),
    subgraphTimeoutMs: positiveInt(env, 'SUBGRAPH_TIMEOUT_MS', 10000),
    subgraphConnections: Math.max(1, positiveInt(env, 'SUBGRAPH_CONNECTIONS', 32)),
    planCacheMiB: Math.max(1, positiveInt(env, 'PLAN_CACHE_MIB', 8)),
    documentCacheMiB: Math.max(1, positiveInt(env, 'DOCUMENT_CACHE_MIB', 4)),
    maxUploadBytes: positiveInt(env, 'MAX_UPLOAD_BYTES', 20 * 1024 * 1024),
    fileTimeoutMs: positiveInt(env, 'FILE_TIMEOUT_MS', 120000),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    subgraphUrl: (name) => env[`${name.toUpperCase()}_URL`] || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    explorer: explorer === 'on',
    workers,
    redis,
    trustProxy: readTrustProxy(env.TRUST_PROXY),
    console: consoleSwitch === '' ? !production : consoleSwitch === 'on',
  };
}

/** REDIS_URL (redis:// or rediss://) and REDIS_PREFIX, or null without REDIS_URL. */
function readRedis(env: Env): GatewayConfig['redis'] {
  if (!env.REDIS_URL) return null;
  let url: URL;
  try {
    url = new URL(env.REDIS_URL);
  } catch {
    throw new ConfigError(`REDIS_URL 不是有效的地址 (REDIS_URL must be a URL such as redis://127.0.0.1:6379), got "${env.REDIS_URL}"`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  const prefix = env.REDIS_PREFIX ?? 'zjjt:';
  if (!/^[A-Za-z0-9_:.-]{0,64}$/.test(prefix)) throw new ConfigError(`REDIS_PREFIX may hold letters, digits and _ : . - (at most 64), got "${prefix}"`);
  return { url: env.REDIS_URL, prefix };
}

function readTrustProxy(raw: string | undefined): GatewayConfig['trustProxy'] {
  if (!raw) return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[0-9A-Za-z.:/,\s]+$/.test(raw))
    throw new ConfigError(`TRUST_PROXY must be a number of proxies or addresses/subnets (e.g. 1, or 10.0.0.0/8), got "${raw}"`);
  return raw;
}
