import path from 'node:path';
import { ChildProcess } from 'node:child_process';
import type { Claims } from '@zjjt/contract';
import { freePorts, spawnScript, stopChild } from '../../scripts/lib/launch';
import { ROOT } from '../../scripts/lib/secrets';

/** The two peers the hub's gateway is measured against in the same run (stock-gateway.ts, direct.ts). */
export interface Peers {
  stockUrl: string;
  directUrl: string;
  stockPid?: number;
  directPid?: number;
  stop(): Promise<void>;
}

/** Waits for a line matching `ready` on the child's output; fails when it exits first or after 60 s. */
function readyLine(child: ChildProcess, name: string, ready: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within 60 s`)), 60_000);
    const seen = (chunk: Buffer) => {
      if (!ready.test(chunk.toString('utf8'))) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout?.on('data', seen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}): ${(child as unknown as { outputTail: string }).outputTail}`));
    });
  });
}

/**
 * Starts the stock gateway and the direct peer over the hub's subgraphs, each as its own process
 * (as the hub's gateway is), calling the subgraphs as `claims` with the hub's gateway secret.
 */
export async function startPeers(
  subgraphUrls: Record<string, string>,
  secret: string,
  claims: Claims,
  query: string,
  onOutput?: (service: string, line: string) => void,
): Promise<Peers> {
  const [stockPort, directPort] = await freePorts(2);
  const env = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: '1',
    GATEWAY_SECRET: secret,
    BENCH_PEER_PORT: String(port),
    BENCH_PEER_SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
    BENCH_PEER_CLAIMS: JSON.stringify(claims),
    BENCH_PEER_QUERY: query,
  });
  const script = (name: string) => path.join(ROOT, 'dist', 'bench', 'peers', `${name}.js`);
  const stock = spawnScript('stock-gateway', script('stock-gateway'), env(stockPort), onOutput);
  const direct = spawnScript('direct', script('direct'), env(directPort), onOutput);
  const stop = async () => void (await Promise.all([stopChild(stock), stopChild(direct)]));
  try {
    await Promise.all([readyLine(stock, 'stock gateway', /ready/), readyLine(direct, 'direct peer', /ready/)]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stockUrl: `http://127.0.0.1:${stockPort}/`, directUrl: `http://127.0.0.1:${directPort}/`, stockPid: stock.pid, directPid: direct.pid, stop };
}
