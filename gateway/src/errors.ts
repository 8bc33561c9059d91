import { GATEWAY_CODES } from '@zjjt/contract';
import { GraphQLFormattedError } from 'graphql';
import { limitCode } from './limits';

export const isPublicError = (code: unknown): code is string => typeof code === 'string' && GATEWAY_CODES.has(code);

export const UNAVAILABLE_MESSAGE = '服务暂时不可用，请稍后再试 (service unavailable)';

/** An error answered outside GraphQL execution, in the same shape GraphQL errors have. */
export { jsonError } from '@zjjt/contract';

/** An input field's name as a subgraph's error gives it (`resourceId`, `coBuilders`): a name from the schema, never data. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/**
 * Masks errors on their way out: subgraph names, URLs, hosts, SQL and stack traces never reach
 * a client; the code, a safe message, the path and the input field concerned (`extensions.field`) do.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = (String(formatted.extensions?.code).startsWith('GRAPHQL_') && limitCode(formatted.message)) || formatted.extensions?.code;
  if (isPublicError(code)) {
    const field = formatted.extensions?.field;
    const extensions = typeof field === 'string' && FIELD_NAME.test(field) ? { code, field } : { code };
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
