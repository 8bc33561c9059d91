import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import { DocumentNode, FragmentDefinitionNode, GraphQLError, Kind, Lexer, OperationDefinitionNode, Source, TokenKind } from 'graphql';
import { ipKeyGenerator, rateLimit, Store } from 'express-rate-limit';
import { NextFunction, Request, Response } from 'express';
import { GatewayConfig } from './config';
import { CostExceeded, operationCost } from './cost';
import { GatewayContext } from './datasource';
import { jsonError } from './errors';

/** Each limit's code and the message a person reads (Chinese first, what to change). */
const REJECTION = {
  maxDepth: ['QUERY_TOO_DEEP', (n: number) => `查询嵌套超过 ${n} 层，请拆分查询 (query depth limit ${n})`],
  maxAliases: ['TOO_MANY_ALIASES', (n: number) => `查询中的别名超过 ${n} 个 (alias limit ${n})`],
  maxDirectives: ['TOO_MANY_DIRECTIVES', (n: number) => `查询中的指令超过 ${n} 个 (directive limit ${n})`],
  maxTokens: ['QUERY_TOO_LARGE', (n: number) => `查询过长，超过 ${n} 个词元 (token limit ${n})`],
  costLimit: ['QUERY_TOO_COSTLY', (n: number) => `查询的计算量超过上限 ${n}，请减少每页条数或嵌套字段 (cost limit ${n})`],
} as const;

/** Gives an error raised by one of graphql-armor's rules our message (its code follows from it, see limitCode). */
const relabel = (kind: keyof typeof REJECTION, n: number) => [
  (_ctx: unknown, error: GraphQLError) => {
    (error as { message: string }).message = REJECTION[kind][1](n);
  },
];

const LIMIT_MESSAGE = /\((query depth|alias|directive|token|cost) limit \d+\)$/;
const CODE_BY_LIMIT: Record<string, string> = Object.fromEntries(Object.values(REJECTION).map(([code, message]) => [LIMIT_MESSAGE.exec(message(0))![1], code]));

/**
 * The code of a limit's rejection. Apollo reports every validation (or, for tokens, parse)
 * failure under its own code, so the limit is recognised by the message relabel() gave it.
 */
export function limitCode(message: string): string | null {
  const match = LIMIT_MESSAGE.exec(message);
  return match ? CODE_BY_LIMIT[match[1]] : null;
}

/**
 * graphql-armor's limits on every operation: depth, aliases (`__typename` ones too), directives
 * and tokens. Field suggestions are blocked in production. Cost is ours (costPlugin): armor's
 * cost limit does not read variables, so `first: $n` would cost as little as no `first` at all.
 */
export function armor(config: GatewayConfig) {
  const l = config.limits;
  return new ApolloArmor({
    maxDepth: { n: l.maxDepth, onReject: relabel('maxDepth', l.maxDepth), flattenFragments: true },
    // An empty allow list: `__typename` aliases count too (graphql-armor exempts them by default).
    maxAliases: { n: l.maxAliases, onReject: relabel('maxAliases', l.maxAliases), allowList: [] },
    maxDirectives: { n: l.maxDirectives, onReject: relabel('maxDirectives', l.maxDirectives) },
    maxTokens: { n: l.maxTokens, onReject: relabel('maxTokens', l.maxTokens) },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/**
 * A per-client rate limit: keyed by the verified token's subject, or the address for anonymous
 * callers. Counted in `store` (Redis: every gateway process and replica shares the count), in this
 * process without one.
 */
export function rateLimiter(config: GatewayConfig, store?: Store) {
  return rateLimit({
    store,
    passOnStoreError: true,
    windowMs: 60_000,
    limit: config.limits.ratePerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req: Request, res: Response) => {
      const context = res.locals.context as GatewayContext | undefined;
      return context?.claims ? `sub:${context.claims.sub}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req: Request, res: Response) =>
      jsonError(res, 429, 'RATE_LIMITED', `请求过于频繁：每分钟最多 ${config.limits.ratePerMinute} 次，请稍后再试 (rate limited)`),
  });
}

/** Cost verdicts kept per document: one per operation and set of page sizes a client sends. */
const COST_VERDICTS_PER_DOCUMENT = 32;

/**
 * What of a request can change its cost: the operation and its variables' numbers (operationCost
 * reads a page size from a variable only when it is a number; any other value counts as the default
 * page, an absent one as the variable's default), so a `groupId` or a filter does not split the cache.
 */
export function costKey(operation: OperationDefinitionNode, variables: Record<string, unknown>): string {
  let key = operation.name?.value ?? '';
  for (const definition of operation.variableDefinitions ?? []) {
    const value = variables[definition.variable.name.value];
    key += value === undefined ? ',-' : typeof value === 'number' ? `,${value}` : ',x';
  }
  return key;
}

/** A refusal answered with HTTP 400 by Apollo, with our code and message. */
const refusal = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/**
 * After parsing and validation: the operation to run must be named when the document has several
 * (Apollo's gateway would fail with a 500), and its cost — variables and default page sizes
 * counted, see operationCost — must be within GRAPHQL_MAX_COST.
 */
export function costPlugin(config: GatewayConfig): ApolloServerPlugin<GatewayContext> {
  const limit = config.limits.maxCost;
  // Apollo's document cache hands out one DocumentNode per query text, so the verdict is kept with it,
  // by operation and by the variables that can change the cost (costKey); a few per document at most.
  const verdicts = new WeakMap<DocumentNode, Map<string, boolean>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) {
            const count = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
            throw refusal(
              'OPERATION_RESOLUTION_FAILURE',
              request.operationName
                ? `查询中没有名为「${request.operationName.slice(0, 100)}」的操作，请检查 operationName (unknown operation name)`
                : `查询中有 ${count} 个操作，请用 operationName 指明执行哪一个 (operationName required)`,
            );
          }
          let known = verdicts.get(document);
          if (!known) verdicts.set(document, (known = new Map()));
          const key = costKey(operation, request.variables ?? {});
          let withinLimit = known.get(key);
          if (withinLimit === undefined) {
            const fragments: Record<string, FragmentDefinitionNode> = {};
            for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
            try {
              operationCost(schema, operation, fragments, request.variables ?? {}, limit);
              withinLimit = true;
            } catch (error) {
              if (!(error instanceof CostExceeded)) throw error;
              withinLimit = false;
            }
            if (known.size >= COST_VERDICTS_PER_DOCUMENT) known.clear();
            known.set(key, withinLimit);
          }
          if (!withinLimit) throw refusal('QUERY_TOO_COSTLY', REJECTION.costLimit[1](limit));
        },
      };
    },
  };
}

/** Brackets (`{`, `[`, `(`) nested deeper than this in a query, or containers in variables, are refused. */
export const MAX_NESTING = 50;

type Finding = { status: number; code: string; message: string } | null;

/** Scans a query with graphql's lexer (no recursion, stops at the token cap): tokens, nesting and string lengths. */
function scanQuery(query: string, config: GatewayConfig): Finding {
  const { maxTokens, maxStringLength } = config.limits;
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let depth = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > maxTokens) return { status: 400, code: 'QUERY_TOO_LARGE', message: REJECTION.maxTokens[1](maxTokens) };
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L || token.kind === TokenKind.PAREN_L) depth += 1;
      else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R || token.kind === TokenKind.PAREN_R) depth -= 1;
      if (depth > MAX_NESTING) return nestingTooDeep();
      if ((token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) && (token.value?.length ?? 0) > maxStringLength)
        return stringTooLong(maxStringLength);
    }
  } catch {
    return null; // a syntax error: Apollo's parser answers it
  }
  return null;
}

const nestingTooDeep = (): Finding => ({
  status: 400,
  code: 'NESTING_TOO_DEEP',
  message: `查询或参数嵌套过深：不得超过 ${MAX_NESTING} 层括号或列表 (nesting limit ${MAX_NESTING})`,
});
const stringTooLong = (n: number): Finding => ({
  status: 400,
  code: 'STRING_TOO_LONG',
  message: `参数中的文本过长：单个字符串不得超过 ${n.toLocaleString('en-US')} 个字符 (string length limit ${n})`,
});

/** Walks variables without recursion: container nesting and string lengths. */
function scanVariables(variables: unknown, config: GatewayConfig): Finding {
  const stack: [unknown, number][] = [[variables, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > config.limits.maxStringLength) return stringTooLong(config.limits.maxStringLength);
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_NESTING) return nestingTooDeep();
      for (const item of Object.values(value)) stack.push([item, depth + 1]);
    }
  }
  return null;
}

/** Total characters of the query texts operationGuard remembers as scanned (1 MiB of text, about 2 MB of memory). */
const PASSED_QUERIES_CHARS = 2 ** 20;

/**
 * Before Apollo parses anything: a client's mistake that would otherwise exhaust the parser or a
 * validation rule (a list literal nested thousands deep, a query over the token cap) or reach a
 * subgraph (a 100,000-character string) is a 400 with its own code.
 */
export function operationGuard(config: GatewayConfig) {
  // Query texts that passed the scan, so a client's repeated operation is scanned once; bounded by their total length.
  const passed = new Set<string>();
  let passedLength = 0;
  const scan = (query: string): Finding => {
    if (passed.has(query)) return null;
    const finding = scanQuery(query, config);
    if (finding) return finding;
    if (passedLength + query.length > PASSED_QUERIES_CHARS) {
      passed.clear();
      passedLength = 0;
    }
    passed.add(query);
    passedLength += query.length;
    return null;
  };
  return (req: Request, res: Response, next: NextFunction) => {
    const source = req.method === 'GET' ? req.query : req.body;
    if (!source || typeof source !== 'object' || Array.isArray(source)) return next();
    const { query } = source as { query?: unknown };
    let { variables } = source as { variables?: unknown };
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables);
      } catch {
        variables = undefined; // Apollo answers the malformed JSON
      }
    }
    const finding = (typeof query === 'string' ? scan(query) : null) ?? scanVariables(variables, config);
    if (finding) return void jsonError(res, finding.status, finding.code, finding.message);
    next();
  };
}

/** A per-address rate limit for the probes' routes (/metrics, /ready): OPS_RATE_LIMIT_PER_MINUTE. */
export function opsRateLimiter(config: GatewayConfig, store?: Store) {
  return rateLimit({
    store,
    passOnStoreError: true,
    windowMs: 60_000,
    limit: config.limits.opsRatePerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req: Request) => `ip:${ipKeyGenerator(req.ip ?? '')}`,
    handler: (_req: Request, res: Response) =>
      jsonError(res, 429, 'RATE_LIMITED', `请求过于频繁：每分钟最多 ${config.limits.opsRatePerMinute} 次，请稍后再试 (rate limited)`),
  });
}
