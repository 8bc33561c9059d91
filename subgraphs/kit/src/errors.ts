import { GraphQLError, GraphQLFormattedError } from 'graphql';

/** Codes a client may see; anything else is masked. */
export const PUBLIC_CODES = new Set([
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
]);

export const INTERNAL_MESSAGE = '服务内部错误，请稍后再试 (internal error)';

function hubError(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** Input a user can fix: the message says what to change. */
export const badInput = (message: string, extra?: Record<string, unknown>) => hubError('BAD_USER_INPUT', message, extra);
export const forbidden = (message = '无权执行此操作 (forbidden)') => hubError('FORBIDDEN', message);
export const unauthenticated = (message = '请先登录 (authentication required)') => hubError('UNAUTHENTICATED', message);
export const notFound = (what: string, id: string) => hubError('NOT_FOUND', `${what}不存在或无权查看：${id} (not found)`);
export const conflict = (message: string) => hubError('CONFLICT', message);

/**
 * Apollo `formatError`: errors thrown on purpose keep their code and message; everything else
 * (SQL, driver, stack) is logged by the caller and replaced by a generic message.
 */
export function maskError(formatted: GraphQLFormattedError, onInternal: (error: unknown) => void, original: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && PUBLIC_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  onInternal(original);
  return { message: INTERNAL_MESSAGE, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
