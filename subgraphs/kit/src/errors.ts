import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { PUBLIC_CODES } from '@zjjt/contract';

/** The contract's error codes a client may see (anything else is masked) and the error body of HTTP routes. */
export { errorBody, jsonError, PUBLIC_CODES } from '@zjjt/contract';

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
/** Too many requests of one kind from one client (or for one target) in a window; the message says when to try again. */
export const rateLimited = (message: string) => hubError('RATE_LIMITED', message);

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
