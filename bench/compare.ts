import type { Claims } from '@zjjt/contract';
import type { RunningHub } from '../scripts/lib/launch';
import { PEER_CONNECTIONS, PEER_ROUNDS, seconds, YEAR } from './config';
import { measureSideBySide, Measurement } from './measure';
import { startPeers } from './peers';
import { memoryMB } from './processes';
import { MEMBERS_FEDERATED } from './queries';

export interface PeerComparison {
  query: string;
  connections: number;
  rounds: number;
  hub: Measurement;
  stock: Measurement;
  direct: Measurement;
  /** Hub requests/s ÷ stock requests/s (target ≥ 1.3). */
  throughputVsStock: number;
  /** Direct requests/s ÷ hub requests/s: the hub's overhead over the bare fetches (target ≤ 1.3). */
  overheadVsDirect: number;
  /** Resident memory (MB) of each serving process after the rounds. */
  serverRssMB: { hub: number; stock: number; direct: number };
  /** Gateway CPU ms per request: stock ÷ hub (how much less the hub's gateway spends). */
  cpuStockVsHub: number;
}

const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

/**
 * The gateway figure: the secretariat's member page with each member's resources and
 * training summary (members → resources, statistics), at PEER_CONNECTIONS, through the hub's
 * gateway (every protection on), the stock gateway and the direct peer, all over the same
 * subgraphs as the same user, in interleaved rounds (measureSideBySide). Each answer is checked
 * first; the CPU time of the serving process and of each subgraph is measured per request.
 */
export async function comparePeers(
  hub: RunningHub,
  secret: string,
  claims: Claims,
  token: string,
  groupId: string,
  onOutput?: (service: string, line: string) => void,
): Promise<PeerComparison> {
  const body = JSON.stringify({ query: MEMBERS_FEDERATED, variables: { groupId, year: YEAR } });
  // A full page: 50 rows, or every member of a smaller group.
  const check = (data: any) => data?.group?.members?.totalCount > 0 && data.group.members.edges?.length === Math.min(50, data.group.members.totalCount);
  const json = { 'content-type': 'application/json' };
  const subgraphPids = Object.fromEntries([...hub.processes].filter(([name]) => name !== 'gateway').map(([name, child]) => [name, child.pid]));
  const peers = await startPeers(hub.subgraphUrls, secret, claims, MEMBERS_FEDERATED, onOutput);
  try {
    const common = { body, check, connections: PEER_CONNECTIONS };
    const perRound = Math.max(2, seconds / 2.5);
    process.stdout.write(
      `measuring: the hub's gateway, a stock @apollo/gateway and the direct peer, ${PEER_ROUNDS} rounds of ${perRound}s each, ${PEER_CONNECTIONS} connections\n`,
    );
    const [viaHub, stock, direct] = await measureSideBySide(
      [
        {
          ...common,
          name: 'member page with resources and training summaries via the hub’s gateway',
          url: hub.gatewayUrl,
          headers: { ...json, authorization: `Bearer ${token}` },
          pids: { server: hub.processes.get('gateway')?.pid, ...subgraphPids },
        },
        { ...common, name: 'same query via a stock @apollo/gateway', url: peers.stockUrl, headers: json, pids: { server: peers.stockPid, ...subgraphPids } },
        {
          ...common,
          name: 'same subgraph fetches sent straight to the subgraphs',
          url: peers.directUrl,
          headers: json,
          pids: { server: peers.directPid, ...subgraphPids },
        },
      ],
      PEER_ROUNDS,
      perRound,
    );
    return {
      query: 'MembersFederated',
      connections: PEER_CONNECTIONS,
      rounds: PEER_ROUNDS,
      hub: viaHub,
      stock,
      direct,
      throughputVsStock: ratio(viaHub.requestsPerSecond, stock.requestsPerSecond),
      overheadVsDirect: ratio(direct.requestsPerSecond, viaHub.requestsPerSecond),
      serverRssMB: { hub: memoryMB(hub.processes.get('gateway')?.pid).rss, stock: memoryMB(peers.stockPid).rss, direct: memoryMB(peers.directPid).rss },
      cpuStockVsHub: ratio(stock.cpuMsPerRequest!.server, viaHub.cpuMsPerRequest!.server),
    };
  } finally {
    await peers.stop();
  }
}

/** CPU ms per request of the subgraphs together (every pid but the serving process's). */
export const subgraphCpu = (m: Measurement) =>
  Math.round(Object.entries(m.cpuMsPerRequest ?? {}).reduce((sum, [name, ms]) => (name === 'server' ? sum : sum + ms), 0) * 100) / 100;

/** The comparison in one line (stdout, and under the table in results.md). */
export function peerLine(c: PeerComparison): string {
  const one = (m: Measurement) => `${m.requestsPerSecond} req/s, p95 ${m.p95} ms, ${m.cpuMsPerRequest?.server} ms CPU/request (subgraphs ${subgraphCpu(m)} ms)`;
  const subgraphs = Object.entries(c.hub.cpuMsPerRequest ?? {})
    .filter(([name]) => name !== 'server')
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
  return (
    `Gateways side by side (${c.rounds} interleaved rounds, ${c.connections} connections): hub ${one(c.hub)}; stock @apollo/gateway ${one(c.stock)}; direct ${one(c.direct)}. ` +
    `Hub/stock throughput ${c.throughputVsStock}×, direct/hub ${c.overheadVsDirect}×, stock/hub gateway CPU per request ${c.cpuStockVsHub}×; RSS after: hub ${c.serverRssMB.hub} MB, stock ${c.serverRssMB.stock} MB; subgraph CPU ms per hub request: ${subgraphs}.`
  );
}
