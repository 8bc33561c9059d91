import { randomUUID } from 'node:crypto';
import { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind, OperationDefinitionNode, parse } from 'graphql';
import { CLIENT_ADDRESS_HEADER, DEADLINE_HEADER, IDENTITY_HEADER, REQUEST_ID_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { Claims } from './auth';

export interface GatewayContext {
  claims: Claims | null;
  requestId: string;
  /** Epoch ms by which the whole request must be answered (REQUEST_TIMEOUT_MS). */
  deadline: number;
  /** The client's address (rate-limit key form); forwarded so a subgraph can limit anonymous writes per client. */
  clientAddress?: string;
}

/** How long one request reuses its signed identity: well within IDENTITY_MAX_AGE_MS, which a subgraph allows. */
const IDENTITY_REUSE_MS = 10_000;

const UNAVAILABLE = '部分数据暂时无法获取，请稍后再试 (part of the data is unavailable)';

/** The response names of an operation's root fields (aliases where given). */
function rootFields(query: string): string[] {
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return (operation?.selectionSet.selections ?? []).flatMap((s) => (s.kind === Kind.FIELD ? [(s.alias ?? s.name).value] : []));
  } catch {
    return [];
  }
}

/** Codes of a subgraph's 4xx answer that mean the client sent a bad value (a scalar the subgraph parses: Money, LocalDate …). */
const CLIENT_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']);

/**
 * The client's own mistake inside a subgraph's 4xx answer: graphql-over-http answers 400 with a
 * JSON body when a variable or literal fails the subgraph's scalar parsing, which the gateway's
 * schema (scalars without parsers) cannot catch. Such errors become BAD_USER_INPUT with the
 * subgraph's message (it says what to change) and without its locations (they point into the
 * subgraph's query, not the client's). Anything else — 401/403 (a wrong gateway secret), other
 * codes, HTML — is not the client's doing and stays an outage.
 */
function clientErrors(error: unknown): { message: string }[] | null {
  const response = error instanceof GraphQLError ? (error.extensions?.response as { status?: number; body?: unknown } | undefined) : undefined;
  const status = response?.status ?? 0;
  if (status < 400 || status > 499 || status === 401 || status === 403) return null;
  const errors = (response?.body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || !errors.length) return null;
  const readable = errors.every((e) => typeof e?.message === 'string' && CLIENT_CODES.has(e?.extensions?.code));
  return readable ? errors.map((e) => ({ message: e.message as string })) : null;
}

/**
 * Calls one subgraph. Only the headers set here are sent: the subgraph's secret, the verified
 * identity signed with that secret, a request id, the deadline and the client's address; nothing the client sent is passed on.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /** The identity signed once per request and reused by its calls to this subgraph for IDENTITY_REUSE_MS. */
  private readonly identities = new WeakMap<object, { at: number; value: string }>();

  constructor(
    url: string,
    private readonly secret: string,
    fetcher: Fetcher,
  ) {
    super({ url, fetcher });
  }

  /**
   * A subgraph that fails (down, 5xx, HTML, timeout) becomes a GraphQL error answer with paths —
   * each entity it was asked for, or each root field — so the gateway places the error at the
   * fields that subgraph owns and still returns everything else. Nothing of the failure leaks.
   * A 4xx answer about the client's own input is the client's error, not an outage (clientErrors).
   */
  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    try {
      return await super.process(options);
    } catch (failure) {
      const representations = options.request.variables?.representations;
      const paths: (string | number)[][] = Array.isArray(representations)
        ? representations.map((_, i) => ['_entities', i])
        : rootFields(options.request.query ?? '').map((name) => [name]);
      const mistakes = clientErrors(failure);
      if (mistakes) {
        // The whole subgraph operation was refused: the error sits at its root field when there is one.
        const path = paths.length === 1 ? paths[0] : undefined;
        return { data: null, errors: mistakes.map(({ message }) => ({ message, path, extensions: { code: 'BAD_USER_INPUT' } })) };
      }
      const error = (path?: (string | number)[]) => ({ message: UNAVAILABLE, path, extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
      return { data: null, errors: paths.length ? paths.map(error) : [error()] };
    }
  }

  willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http!.headers;
    headers.set(SECRET_HEADER, this.secret);
    headers.set(REQUEST_ID_HEADER, context?.requestId ?? randomUUID());
    if (context?.deadline) headers.set(DEADLINE_HEADER, String(context.deadline));
    if (context?.clientAddress) headers.set(CLIENT_ADDRESS_HEADER, context.clientAddress);
    if (context?.claims) {
      const now = Date.now();
      let identity = this.identities.get(context);
      if (!identity || now - identity.at > IDENTITY_REUSE_MS)
        this.identities.set(context, (identity = { at: now, value: signIdentity(context.claims, this.secret, now) }));
      headers.set(IDENTITY_HEADER, identity.value);
    }
  }
}
