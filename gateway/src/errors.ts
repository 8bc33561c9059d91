import type { Response } from 'express';
import { GraphQLFormattedError } from 'graphql';
import { limitCode } from './limits';

/** Codes that pass to clients as they are; anything else gets a generic message. */
const PUBLIC_CODES = new Set([
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
  'SUBGRAPH_UNAVAILABLE',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_DIRECTIVES',
  'QUERY_TOO_LARGE',
  'QUERY_TOO_COSTLY',
]);

export const isPublicError = (code: unknown): code is string => typeof code === 'string' && PUBLIC_CODES.has(code);

export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后再试 (service unavailable)';

/** An error answered outside GraphQL execution, in the same shape GraphQL errors have. */
export const jsonError = (res: Response, status: number, code: string, message: string) => res.status(status).json({ errors: [{ message, extensions: { code } }] });

/**
 * Masks errors on their way out: subgraph names, URLs, hosts, SQL and stack traces never reach
 * a client; the code, a safe message and the path do.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = (String(formatted.extensions?.code).startsWith('GRAPHQL_') && limitCode(formatted.message)) || formatted.extensions?.code;
  if (isPublicError(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
