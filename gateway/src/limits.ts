import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { Request, Response } from 'express';
import { GatewayConfig } from './config';
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
const CODE_BY_LIMIT: Record<string, string> = Object.fromEntries(
  Object.values(REJECTION).map(([code, message]) => [LIMIT_MESSAGE.exec(message(0))![1], code]),
);

/**
 * The code of a limit's rejection. Apollo reports every validation (or, for tokens, parse)
 * failure under its own code, so the limit is recognised by the message relabel() gave it.
 */
export function limitCode(message: string): string | null {
  const match = LIMIT_MESSAGE.exec(message);
  return match ? CODE_BY_LIMIT[match[1]] : null;
}

/**
 * graphql-armor's limits on every operation: depth, aliases (`__typename` ones too), directives,
 * tokens (before parsing) and cost (which also stops fragment fan-out, fragments being counted
 * where they are spread). Field suggestions are blocked in production.
 */
export function armor(config: GatewayConfig) {
  const l = config.limits;
  return new ApolloArmor({
    maxDepth: { n: l.maxDepth, onReject: relabel('maxDepth', l.maxDepth), flattenFragments: true },
    // An empty allow list: `__typename` aliases count too (graphql-armor exempts them by default).
    maxAliases: { n: l.maxAliases, onReject: relabel('maxAliases', l.maxAliases), allowList: [] },
    maxDirectives: { n: l.maxDirectives, onReject: relabel('maxDirectives', l.maxDirectives) },
    maxTokens: { n: l.maxTokens, onReject: relabel('maxTokens', l.maxTokens) },
    costLimit: { maxCost: l.maxCost, onReject: relabel('costLimit', l.maxCost), flattenFragments: true },
    blockFieldSuggestion: { enabled: config.production },
  }).protect();
}

/**
 * A per-client rate limit: keyed by the verified token's subject, or the address for anonymous
 * callers. In memory, so each gateway replica counts on its own.
 */
export function rateLimiter(config: GatewayConfig) {
  return rateLimit({
    windowMs: 60_000,
    limit: config.limits.ratePerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req: Request, res: Response) => {
      const context = res.locals.context as GatewayContext | undefined;
      return context?.claims ? `sub:${context.claims.sub}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (_req: Request, res: Response) => jsonError(res, 429, 'RATE_LIMITED', `请求过于频繁：每分钟最多 ${config.limits.ratePerMinute} 次，请稍后再试 (rate limited)`),
  });
}
