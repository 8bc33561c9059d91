import path from 'node:path';
import type { Claims } from '@zjjt/contract';
import { ROOT } from '../../scripts/lib/secrets';

/** What a bench peer (stock-gateway.ts, direct.ts) is started with: BENCH_PEER_* environment variables set by bench/peers/index.ts. */
export interface PeerSettings {
  port: number;
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  secret: string;
  /** The identity every subgraph call carries: the bench user whose page is measured. */
  claims: Claims;
  /** The one operation the direct peer answers. */
  query: string;
}

export function peerSettings(env: NodeJS.ProcessEnv = process.env): PeerSettings {
  return {
    port: Number(env.BENCH_PEER_PORT),
    supergraphPath: env.SUPERGRAPH_PATH ? path.resolve(env.SUPERGRAPH_PATH) : path.join(ROOT, 'schema', 'supergraph.graphql'),
    subgraphUrls: JSON.parse(env.BENCH_PEER_SUBGRAPH_URLS ?? '{}'),
    secret: env.GATEWAY_SECRET ?? '',
    claims: JSON.parse(env.BENCH_PEER_CLAIMS ?? 'null'),
    query: env.BENCH_PEER_QUERY ?? '',
  };
}
