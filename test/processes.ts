import { ChildProcess } from 'node:child_process';
import { stopChild } from '../scripts/lib/launch';

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * A process a test started (or a process of the hub it took over): its output, an awaitable exit,
 * kill() and restart(). Every one is on the cleanup stack, so a test that fails half-way leaves no
 * process behind.
 */
export interface TestProcess {
  readonly name: string;
  /** The running incarnation (a new one after restart()). */
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every line every incarnation printed since it was taken over, stdout and stderr. */
  readonly output: string[];
  /** Resolves when the current incarnation exits. */
  readonly exited: Promise<Exit>;
  /** SIGTERM (SIGKILL after 5 s, as stopChild), or SIGKILL at once: a crash with no warning. */
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<Exit>;
  /** Stops the current incarnation if it still runs and starts a new one the same way. */
  restart(): Promise<void>;
}

const cleanup: (() => Promise<unknown>)[] = [];

/** Puts `dispose` on the cleanup stack; disposeAll() runs the stack last-in first-out. */
export function defer(dispose: () => Promise<unknown>): void {
  cleanup.push(dispose);
}

/** Runs the cleanup stack; every test file that imports this module does so in an afterAll hook. */
export async function disposeAll(): Promise<void> {
  const errors: unknown[] = [];
  while (cleanup.length) await cleanup.pop()!().catch((error) => errors.push(error));
  if (errors.length) throw errors[0];
}

if (typeof afterAll === 'function') afterAll(disposeAll, 60000);

const exitOf = (child: ChildProcess): Promise<Exit> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

/**
 * Takes over a process: `start` spawns it (and may wait until it is ready); restart() calls it
 * again. Its output is collected from the moment it is taken over.
 */
export async function takeOver(name: string, start: () => ChildProcess | Promise<ChildProcess>): Promise<TestProcess> {
  const output: string[] = [];
  let child: ChildProcess;
  let exited: Promise<Exit>;
  const attach = (next: ChildProcess) => {
    child = next;
    exited = exitOf(next);
    let partial = '';
    const collect = (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop()!;
      for (const line of lines) if (line.trim()) output.push(line);
    };
    next.stdout?.on('data', collect);
    next.stderr?.on('data', collect);
  };
  attach(await start());
  const kill = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    if (signal === 'SIGKILL') child.kill('SIGKILL');
    else await stopChild(child);
    return exited;
  };
  defer(() => stopChild(child));
  return {
    name,
    get child() {
      return child;
    },
    get pid() {
      return child.pid!;
    },
    output,
    get exited() {
      return exited;
    },
    kill,
    async restart() {
      await kill();
      attach(await start());
    },
  };
}

/**
 * Polls `condition` until it returns a value other than undefined, null or false without
 * throwing, and returns that value. After `timeout` ms it fails with the last error (an expect()
 * inside the condition shows what was still wrong) or with `message`.
 */
export async function eventually<T>(
  condition: () => T | Promise<T>,
  { timeout = 10000, interval = 50, message = 'condition not met' }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeout;
  let last: unknown = new Error(`${message} within ${timeout} ms`);
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== null && value !== false) return value as Exclude<T, undefined | null | false>;
      last = new Error(`${message} within ${timeout} ms`);
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) throw last;
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
