import net from 'node:net';
import path from 'node:path';
import { ChildProcess, spawn } from 'node:child_process';
import { ROOT } from './secrets';
import { SUBGRAPHS, GATEWAY_PORT, nodeFlags } from '../services';

export interface HubOptions {
  /** Environment for every process (secrets, DATABASE_URL, DATA_DIR …) on top of process.env. */
  env: NodeJS.ProcessEnv;
  gatewayPort?: number;
  /** Port per subgraph name; the defaults of SUBGRAPHS otherwise. */
  subgraphPorts?: Record<string, number>;
  /** Migrate and load demo data into empty databases before starting. */
  seed?: boolean;
  /** Receives each line a process prints. */
  onOutput?: (service: string, line: string) => void;
}

export interface RunningHub {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  processes: Map<string, ChildProcess>;
  /** The environment every process of the hub got (HubOptions.env, every `<NAME>_URL`, GATEWAY_URL). */
  env: NodeJS.ProcessEnv;
  /** HubOptions.onOutput, for processes started again. */
  onOutput?: HubOptions['onOutput'];
  stop(): Promise<void>;
  /**
   * Keeps the hub up when one of its processes dies: the process is started again on its port
   * (after a pause that grows with each crash) and `report` says so; a process that dies more
   * than MAX_RESTARTS times within a minute is left down, reported, while the rest keep serving
   * (the gateway answers the other subgraphs' data). Processes stopped on purpose (stop(),
   * restartSubgraph, stopChild) are not restarted.
   */
  supervise(report: (message: string) => void): void;
  /** Set by supervise(): watches a process that replaced another (restartSubgraph). */
  watch?: (name: string, child: ChildProcess) => void;
}

/** Crashes of one process within a minute after which supervise() stops restarting it. */
export const MAX_RESTARTS = 5;

export const dist = (...parts: string[]) => path.join(ROOT, 'dist', ...parts);

/** A TCP port that is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

/**
 * `count` distinct free ports on 127.0.0.1: every probe stays bound until all are chosen, so the
 * system cannot hand one port out twice (a hub's five ports chosen one by one could collide).
 */
export async function freePorts(count: number): Promise<number[]> {
  const probes = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.unref();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = probes.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(probes.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

/** Runs a compiled script as a node process with its service's node flags (nodeFlags), its output piped line by line to `onOutput`. */
export function spawnScript(name: string, script: string, env: NodeJS.ProcessEnv, onOutput?: HubOptions['onOutput'], args: string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags(name, env), script, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const forward = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-4000);
    for (const line of text.split('\n')) if (line.trim()) onOutput?.(name, line);
  };
  child.stdout.on('data', forward);
  child.stderr.on('data', forward);
  Object.defineProperty(child, 'outputTail', { get: () => tail });
  return child;
}

/** Waits until `url` answers 2xx; fails at once when `child` exits first, with its last output. */
export async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}):\n${(child as unknown as { outputTail: string }).outputTail}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000}s`);
}

/** Processes stopped on purpose: their exit is not a crash. */
const stoppedOnPurpose = new WeakSet<ChildProcess>();

export function stopChild(child: ChildProcess): Promise<void> {
  stoppedOnPurpose.add(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** `<NAME>_URL` for every subgraph. */
const urlEnvironment = (subgraphUrls: Record<string, string>) =>
  Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));

/**
 * Starts a gateway process in front of running subgraphs and waits until it answers `readyPath`
 * (`/health` for a gateway that cannot be ready because a subgraph is down on purpose).
 */
export async function startGateway(
  env: NodeJS.ProcessEnv,
  port: number,
  subgraphUrls: Record<string, string>,
  onOutput?: HubOptions['onOutput'],
  readyPath: '/ready' | '/health' = '/ready',
): Promise<ChildProcess> {
  const gateway = spawnScript(
    'gateway',
    dist('gateway', 'src', 'index.js'),
    { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', ...env, ...urlEnvironment(subgraphUrls), GATEWAY_PORT: String(port) },
    onOutput,
  );
  try {
    await waitFor(`http://127.0.0.1:${port}${readyPath}`, gateway, 'gateway');
  } catch (error) {
    await stopChild(gateway);
    throw error;
  }
  return gateway;
}

/** Runs the seed script (migrate, load the demo data into empty databases) as its own process and waits for it. */
export function seed(env: NodeJS.ProcessEnv, onOutput?: HubOptions['onOutput']): Promise<void> {
  const child = spawnScript('seed', dist('scripts', 'seed.js'), env, onOutput);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed failed:\n${(child as unknown as { outputTail: string }).outputTail}`)))),
  );
}

/** Spawns one subgraph process listening on `port`; `env` is the hub's whole environment (with every `<NAME>_URL`). */
export function spawnSubgraph(name: string, env: NodeJS.ProcessEnv, port: number | string, onOutput?: HubOptions['onOutput']): ChildProcess {
  return spawnScript(name, dist('subgraphs', name, 'src', 'index.js'), { ...env, [`${name.toUpperCase()}_PORT`]: String(port) }, onOutput);
}

export interface SubgraphRestart {
  subgraph: string;
  /** Seconds from SIGTERM until the old process exited. */
  stopSeconds: number;
  /** Seconds from SIGTERM until the new process answered /ready. */
  downSeconds: number;
  /** True when the old process exited by itself (code 0) on SIGTERM, not killed after stopChild's 5 s. */
  graceful: boolean;
  exitCode: number | null;
  exitSignal: NodeJS.Signals | null;
  oldPid?: number;
  newPid?: number;
}

/**
 * Starts one subgraph of a running hub again, on its port and with the environment launchHub gave
 * it (`hub.env`) plus `env`, and waits for its /ready. The process it replaces must have exited
 * (killed by a test, or stopped by restartSubgraph). `hub.processes` holds the new process from the
 * moment it is spawned, so `hub.stop()` stops it even if it never becomes ready.
 */
export async function startSubgraph(hub: RunningHub, name: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  if (!hub.subgraphUrls[name]) throw new Error(`no subgraph ${name} in this hub`);
  const url = new URL(hub.subgraphUrls[name]);
  const child = spawnSubgraph(name, { ...hub.env, ...env }, url.port, hub.onOutput);
  hub.processes.set(name, child);
  hub.watch?.(name, child);
  await waitFor(new URL('/ready', url).toString(), child, name);
  return child;
}

/**
 * Restarts one subgraph of a running hub: SIGTERM (SIGKILL after 5 s, as stopChild), waits for the
 * exit, then startSubgraph with `env` (as passed to launchHub in HubOptions.env) and `onOutput`.
 */
export async function restartSubgraph(hub: RunningHub, name: string, env: NodeJS.ProcessEnv, onOutput?: HubOptions['onOutput']): Promise<SubgraphRestart> {
  const old = hub.processes.get(name);
  if (!old || !hub.subgraphUrls[name]) throw new Error(`no subgraph ${name} in this hub`);
  const started = performance.now();
  await stopChild(old);
  const stopSeconds = (performance.now() - started) / 1000;
  const child = await startSubgraph(
    { ...hub, env: { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', ...env, ...urlEnvironment(hub.subgraphUrls) }, onOutput },
    name,
  );
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    subgraph: name,
    stopSeconds: round(stopSeconds),
    downSeconds: round((performance.now() - started) / 1000),
    graceful: old.exitCode === 0,
    exitCode: old.exitCode,
    exitSignal: old.signalCode,
    oldPid: old.pid,
    newPid: child.pid,
  };
}

/**
 * Starts every subgraph and then the gateway as separate processes on 127.0.0.1, each ready
 * before the next step. If any step fails, whatever started is stopped again.
 */
export async function launchHub(options: HubOptions): Promise<RunningHub> {
  const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', ...options.env };
  const processes = new Map<string, ChildProcess>();
  let stopping = false;
  // The gateway first, so no request in flight meets a subgraph that is already gone.
  const stop = async () => {
    stopping = true;
    if (processes.has('gateway')) await stopChild(processes.get('gateway')!);
    await Promise.all([...processes.values()].map(stopChild));
  };
  try {
    if (options.seed) await seed(env, options.onOutput);
    const port = (name: string) => options.subgraphPorts?.[name] ?? SUBGRAPHS.find((s) => s.name === name)!.port;
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((entry) => [entry.name, `http://127.0.0.1:${port(entry.name)}/graphql`]));
    // Every process learns where every subgraph is (<NAME>_URL): a subgraph that checks facts
    // owned by another (resources → members) reads it too.
    Object.assign(env, urlEnvironment(subgraphUrls));
    // Statistics reads the assembled report it freezes through this hub's gateway.
    const gatewayPort = options.gatewayPort ?? GATEWAY_PORT;
    env.GATEWAY_URL = `http://127.0.0.1:${gatewayPort}/graphql`;
    for (const entry of SUBGRAPHS) processes.set(entry.name, spawnSubgraph(entry.name, env, port(entry.name), options.onOutput));
    await Promise.all(SUBGRAPHS.map((entry) => waitFor(new URL('/health', subgraphUrls[entry.name]).toString(), processes.get(entry.name)!, entry.name)));
    processes.set('gateway', await startGateway(env, gatewayPort, subgraphUrls, options.onOutput));
    const hub: RunningHub = {
      gatewayUrl: `http://127.0.0.1:${gatewayPort}/graphql`,
      subgraphUrls,
      processes,
      env,
      onOutput: options.onOutput,
      stop,
      supervise: () => undefined,
    };
    hub.supervise = (report) => {
      const crashes = new Map<string, number[]>();
      const restart = async (name: string): Promise<void> => {
        if (name === 'gateway') {
          const gateway = await startGateway(env, gatewayPort, subgraphUrls, options.onOutput);
          if (stopping) return void (await stopChild(gateway));
          processes.set(name, gateway);
          watch(name, gateway);
          return;
        }
        await startSubgraph(hub, name);
      };
      const watch = (name: string, child: ChildProcess) => {
        child.once('exit', (code, signal) => {
          if (stopping || stoppedOnPurpose.has(child) || processes.get(name) !== child) return;
          const now = Date.now();
          const recent = [...(crashes.get(name) ?? []).filter((at) => now - at < 60000), now];
          crashes.set(name, recent);
          const how = code !== null ? `exit ${code}` : signal;
          if (recent.length > MAX_RESTARTS) {
            report(
              `${name} stopped unexpectedly (${how}) ${recent.length} times within a minute; it stays down, the rest of the hub keeps running — see its log above`,
            );
            return;
          }
          const pause = 500 * 2 ** (recent.length - 1);
          report(`${name} stopped unexpectedly (${how}); starting it again in ${pause} ms`);
          setTimeout(() => {
            if (stopping) return;
            restart(name).then(
              () => !stopping && report(`${name} is running again (pid ${processes.get(name)?.pid})`),
              (error: Error) => report(`${name} could not be started again: ${error.message.split('\n')[0]}`),
            );
          }, pause);
        });
      };
      hub.watch = watch;
      for (const [name, child] of processes) watch(name, child);
    };
    return hub;
  } catch (error) {
    await stop();
    throw error;
  }
}
