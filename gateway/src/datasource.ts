import { randomUUID } from 'node:crypto';
import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Claims } from './auth';

export interface GatewayContext {
  claims: Claims | null;
  requestId: string;
}

export const SECRET_HEADER = 'x-gateway-secret';
export const IDENTITY_HEADER = 'x-hub-identity';

/** The verified claims as subgraphs read them from IDENTITY_HEADER: base64url JSON. */
export const encodeIdentity = (claims: Claims) => Buffer.from(JSON.stringify(claims)).toString('base64url');

/** `fetch` with a deadline, so a hanging subgraph costs one timeout, not a stuck request. */
export function fetchWithTimeout(timeoutMs: number): Fetcher {
  return ((url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}

/**
 * Calls one subgraph. Only the headers set here are sent: the gateway secret, the verified
 * identity and a request id; nothing the client sent is passed on.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly secret: string, fetcher: Fetcher) {
    super({ url, fetcher });
  }

  willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    headers.set(SECRET_HEADER, this.secret);
    headers.set('x-request-id', context?.requestId ?? randomUUID());
    if (context?.claims) headers.set(IDENTITY_HEADER, encodeIdentity(context.claims));
  }
}
