import type { Server } from 'node:http';
import v8 from 'node:v8';

/** Milliseconds without a request after which a process collects its garbage once (IDLE_COLLECT_MS; 0 turns it off). */
export const IDLE_COLLECT_MS = 2000;

/** V8's collector as `--expose-gc` exposes it: no argument, or options (`flavor: 'last-resort'` since Node 22's V8). */
export type Collector = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Gives back the memory a process grew under load once the load has ended: `ms` after the last
 * request ended (none in flight), one full garbage collection that compacts the heap. V8 keeps the heap it
 * grew between collections (up to a limit it sets from the live size), and an ordinary full
 * collection frees objects but keeps their pages while live objects are spread over them: an idle
 * members process held a 113 MB heap with 37 MB in use, and 170–190 MB resident. With every page
 * compacted the emptied ones go back to the system. Node 20's V8 does that on a plain `gc()` while
 * `--compact-on-every-full-gc` is set (a flag V8 reads at each collection, set only for this one);
 * Node 24's releases the pages on its "last resort" collection, which Node 20's ignores; both are
 * asked. It costs 50–100 ms once per idle spell, never under load (none runs while a request is in flight).
 * Needs `--expose-gc` (every service starts with it: NODE_FLAGS in scripts/services.ts,
 * docker-compose.yml); without it this does nothing.
 */
export function collectWhenIdle(server: Server, ms = readIdleCollectMs(), gc = (globalThis as { gc?: Collector }).gc): void {
  if (!gc || ms <= 0) return;
  const arm = () => setTimeout(() => compactingCollection(gc), ms).unref();
  let timer: NodeJS.Timeout | undefined = arm();
  let inFlight = 0;
  server.on('request', (_request, response) => {
    inFlight += 1;
    clearTimeout(timer);
    timer = undefined;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) timer = arm();
    });
  });
}

export function readIdleCollectMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env.IDLE_COLLECT_MS;
  if (raw === undefined || raw === '') return IDLE_COLLECT_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error(
      `空闲回收间隔 IDLE_COLLECT_MS 应为不小于 0 的整数毫秒数（0 表示不回收），当前为 "${raw}" (IDLE_COLLECT_MS must be a whole number of milliseconds, 0 to turn it off)`,
    );
  return ms;
}

/** One full collection that compacts every page of the heap, so the pages it empties go back to the system (see collectWhenIdle). */
export function compactingCollection(gc: Collector): void {
  v8.setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  } finally {
    v8.setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
