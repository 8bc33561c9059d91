import cluster, { Worker } from 'node:cluster';

/** Most worker processes one service may run on a host. */
export const MAX_WORKERS = 64;

/** Crashes of a service's workers within a minute after which the primary gives up and exits (its supervisor starts it again). */
const MAX_WORKER_CRASHES = 5;

/** Thrown when `<NAME>_WORKERS` is not a number of processes; the message names the variable. */
export class WorkersError extends Error {}

/** `<SERVICE>_WORKERS` (e.g. GATEWAY_WORKERS, STATISTICS_WORKERS): processes of this service on the host, 1 by default. */
export function readWorkers(service: string, env: Record<string, string | undefined> = process.env): number {
  const variable = `${service.toUpperCase()}_WORKERS`;
  const raw = env[variable];
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKERS)
    throw new WorkersError(
      `${variable} 应为 1 到 ${MAX_WORKERS} 的整数（进程数），当前为 "${raw}" (${variable} must be a whole number of processes from 1 to ${MAX_WORKERS})`,
    );
  return n;
}

/**
 * Runs a service as `count` processes sharing its port (node:cluster: the primary accepts the
 * connections and hands them to the workers in turn). With one, `start` runs in this process as
 * it always did. With several, this process becomes the primary: it starts one worker and waits
 * until it listens (so database migrations run once, before the others start), then the rest; a
 * worker that dies is started again (after MAX_WORKER_CRASHES within a minute the primary exits
 * with an error, for its own supervisor to act on); SIGTERM or SIGINT is passed to every worker
 * and the primary exits when they have. A worker that fails before any listens ends the primary
 * with its exit code, so a bad variable stops the service as it does with one process.
 */
export async function runWorkers(service: string, count: number, start: () => Promise<void>): Promise<void> {
  if (count <= 1 || cluster.isWorker) return start();
  const log = (message: string) => process.stderr.write(`[${service}] ${message}\n`);
  let stopping = false;
  let listening = 0;
  const crashes: number[] = [];

  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const worker = cluster.fork();
      worker.once('listening', () => {
        listening += 1;
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        if (!listening) {
          // Nothing serves yet: the first worker's failure (a bad variable, no database) is the service's.
          reject(new Error(`${service} worker exited (${code ?? signal}) before listening`));
          process.exit(code || 1);
        }
        listening -= 1;
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0] > 60_000) crashes.shift();
        if (crashes.length > MAX_WORKER_CRASHES) {
          log(`${crashes.length} workers stopped unexpectedly within a minute; stopping the service`);
          return void shutdown(1);
        }
        log(`a worker (pid ${worker.process.pid}) stopped unexpectedly (${code ?? signal}); starting another`);
        fork().catch(() => undefined);
      });
    });

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(code);
  };
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));

  await fork();
  await Promise.all(Array.from({ length: count - 1 }, fork));
  log(`${count} workers listening (primary pid ${process.pid})`);
}
