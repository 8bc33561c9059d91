import { GatewayConfig } from './config';

/** Subgraph name → URL, as the supergraph's `join__Graph` enum records them (after overrides). */
export function subgraphUrls(supergraphSdl: string, config: GatewayConfig): Map<string, string> {
  const urls = new Map<string, string>();
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    urls.set(match[1], config.subgraphUrl(match[1]) ?? match[2]);
  }
  return urls;
}

/** Readiness: every subgraph answers its own /ready within the timeout. */
export async function checkSubgraphs(urls: Map<string, string>, timeoutMs: number): Promise<Record<string, 'ready' | 'unavailable'>> {
  const entries = await Promise.all(
    [...urls].map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ready' : 'unavailable'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}
