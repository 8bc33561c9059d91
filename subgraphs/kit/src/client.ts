import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';

/** A subgraph answered with an error; `code` is its `extensions.code` when it gave one. */
export class SubgraphCallError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Calls another subgraph's GraphQL API directly, inside the trust boundary, with that subgraph's
 * secret and a read-only service identity signed with it (afresh for each call: a signature is
 * accepted for a minute). Used only where a write must check a fact another subgraph owns (e.g.
 * that a USCC belongs to a known unit) — reads for clients go through federation.
 */
export function subgraphClient(url: string, secret: string, service: string, timeoutMs = 5000) {
  // region '' reads every group (Viewer.readsEveryRegion); the gateway refuses such a region in a token.
  const claims = { sub: `service:${service}`, org: null, roles: ['AUTHORITY'], groups: [], region: '' };
  return async function call<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret, [IDENTITY_HEADER]: signIdentity(claims, secret) },
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
