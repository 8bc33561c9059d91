/**
 * The wire contract between the gateway and the subgraphs, imported by both ends (the gateway
 * directly, the subgraphs through the kit) so that neither can drift from the other: the header
 * names, the roles and claims, the signed identity, the error codes a client may see and the
 * shape of an error answered outside GraphQL.
 */
export * from './identity';
export * from './workers';
export * from './idle';

/** Proves a call came through the gateway: `<NAME>_GATEWAY_SECRET` of the receiving subgraph, else GATEWAY_SECRET. */
export const SECRET_HEADER = 'x-gateway-secret';
/** The caller's verified claims, signed for the receiving subgraph (see `signIdentity`); absent for anonymous callers. */
export const IDENTITY_HEADER = 'x-hub-identity';
/** Epoch ms by which the whole client request must be answered. */
export const DEADLINE_HEADER = 'x-request-deadline';
/** One id per client request, in every log line of every service that serves it, and in the answer. */
export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * The client's address as the gateway saw it (IPv6 reduced to its /56, as the gateway's own rate
 * limiter keys it), set only by the gateway; a subgraph trusts it because the call carries the secret.
 */
export const CLIENT_ADDRESS_HEADER = 'x-client-address';

export const ROLES = ['SECRETARIAT', 'MEMBER', 'REPORTER', 'AUTHORITY'] as const;
export type Role = (typeof ROLES)[number];

/** The verified identity the gateway forwards to subgraphs. Anonymous callers have none. */
export interface Claims {
  sub: string;
  org: string | null;
  groups: string[];
  roles: string[];
  /**
   * An AUTHORITY's 行政区划 code prefix (2–6 digits: `37` Shandong, `3701` Jinan). Each subgraph
   * replaces such a caller's `groups` with the groups registered in this region when the request
   * arrives (kit's `withRegionGroups`), so every group check limits the authority to its region;
   * absent on other callers.
   */
  region?: string | null;
}

/** A region claim: a GB/T 2260 code prefix of 2, 4 or 6 digits. */
export const REGION_PATTERN = /^\d{2}(\d{2}){0,2}$/;

/** Codes a subgraph's error keeps on its way to a client; anything else is masked. */
export const PUBLIC_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'RATE_LIMITED',
]);

/** The public codes plus those only the gateway gives: a subgraph out of reach, and the query limits. */
export const GATEWAY_CODES: ReadonlySet<string> = new Set([
  ...PUBLIC_CODES,
  'SUBGRAPH_UNAVAILABLE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_COSTLY',
]);

/** An error answered outside GraphQL execution (HTTP routes, refusals), in the shape GraphQL errors have. */
export const errorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/** What `jsonError` needs of an HTTP response (express's Response has it). */
export interface JsonResponse {
  status(code: number): { json(body: unknown): unknown };
}

/** Answers `status` with one error of `code`; the message is Chinese first and says what to change. */
export function jsonError(res: JsonResponse, status: number, code: string, message: string): void {
  res.status(status).json(errorBody(code, message));
}
