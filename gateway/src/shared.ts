import { createClient } from 'redis';
import { RedisStore } from 'rate-limit-redis';
import type { Store } from 'express-rate-limit';
import type { Logger } from 'pino';
import { ConfigError, GatewayConfig } from './config';

/** Where the rate limits count: Redis (REDIS_URL), shared by every gateway process and replica, or this process. */
export interface SharedCounters {
  /** The store of one limit (its keys under REDIS_PREFIX + `rl:<name>:`); undefined counts in memory. */
  store(name: string): Store | undefined;
  close(): Promise<void>;
}

const inProcess: SharedCounters = { store: () => undefined, close: async () => undefined };

/**
 * Connects to REDIS_URL before the gateway listens (a gateway that cannot reach it does not start).
 * Later, while Redis is unreachable, a command fails at once (no queue) and the limiter lets the
 * request through (passOnStoreError): an outage of the counter does not take the hub down; it is logged.
 */
export async function sharedCounters(config: GatewayConfig, log: Logger): Promise<SharedCounters> {
  if (!config.redis) return inProcess;
  const { url, prefix } = config.redis;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 5000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  let reported = false;
  client.on('error', (error: Error) => {
    if (!reported) log.warn({ error: error.message }, 'Redis unreachable: rate limits are not counted until it is back');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) log.info('Redis reachable again');
    reported = false;
  });
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw new ConfigError(`无法连接 Redis ${new URL(url).host}，请检查 REDIS_URL (Redis unreachable): ${(error as Error).message}`);
  }
  return {
    store: (name) => new RedisStore({ sendCommand: (...args: string[]) => client.sendCommand(args), prefix: `${prefix}rl:${name}:` }),
    close: async () => {
      if (client.isOpen) await client.close();
    },
  };
}
