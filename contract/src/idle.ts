import type { Server } from 'node:http';

/** Milliseconds without a request after which a process collects its garbage once (IDLE_COLLECT_MS; 0 turns it off). */
export const IDLE_COLLECT_MS = 2000;

/**
 * Gives back the memory a process grew under load once the load has ended: `ms` after the last
 * request began or ended, one full garbage collection. V8 keeps the heap it grew between
 * collections (up to a limit it sets from the live size) and starts a memory-reducing collection
 * after load only sometimes, so an idle service held 150–300 MB where its live data is 30–50 MB.
 * The collection costs tens of milliseconds once per idle spell, never under load (each request
 * pushes it back). Needs `--expose-gc` (every service starts with it: NODE_FLAGS in
 * scripts/services.ts, docker-compose.yml); without it this does nothing.
 */
export function collectWhenIdle(server: Server, ms = readIdleCollectMs(), gc = (globalThis as { gc?: () => void }).gc): void {
  if (!gc || ms <= 0) return;
  const timer = setTimeout(() => gc(), ms).unref();
  server.on('request', (_request, response) => {
    timer.refresh();
    response.once('close', () => timer.refresh());
  });
}

export function readIdleCollectMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.IDLE_COLLECT_MS;
  if (raw === undefined || raw === '') return IDLE_COLLECT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error(
      `IDLE_COLLECT_MS 应为不小于 0 的整数毫秒数，当前为 "${raw}"（0 表示不回收）(IDLE_COLLECT_MS must be a whole number of milliseconds, 0 to turn it off)`,
    );
  return ms;
}
