import { IDENTITY_HEADER, SECRET_HEADER } from './identity';

/** A subgraph answered with an error; `code` is its `extensions.code` when it gave one. */
export class SubgraphCallError extends Error {
  constructor(message: string, readonly code: string | undefined) {
    super(message);
  }
}

/**
 * Calls another subgraph's GraphQL API directly, inside the trust boundary, with the gateway
 * secret and a service identity. Used only where a write must check a fact another subgraph
 * owns (e.g. that a USCC belongs to a known unit) — reads for clients go through federation.
 */
export function subgraphClient(url: string, secret: string, service: string, timeoutMs = 5000) {
  const identity = Buffer.from(JSON.stringify({ sub: `service:${service}`, roles: ['AUTHORITY'], groups: [] })).toString('base64url');
  return async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, [IDENTITY_HEADER]: identity },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    if (error) throw new SubgraphCallError(error.message, error.extensions?.code);
    if (!response.ok || !body.data) throw new SubgraphCallError(`${url} answered ${response.status}`, undefined);
    return body.data;
  };
}
