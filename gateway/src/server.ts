import fs from 'node:fs';
import http from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import express, { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import { REQUEST_ID_HEADER } from '@zjjt/contract';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { DocumentNode } from 'graphql';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
  ApolloServerPluginSchemaReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { AuthError, createVerifier } from './auth';
import { GatewayConfig } from './config';
import { GatewayContext, HubDataSource } from './datasource';
import { Deadlines, poolFetcher, subgraphPool } from './pool';
import { formatGatewayError, isPublicError, jsonError } from './errors';
import { fileRoute } from './files';
import { checkSubgraphs, subgraphUrls } from './health';
import { sharedCounters } from './shared';
import { armor, costPlugin, operationGuard, opsRateLimiter, rateLimiter } from './limits';
import { ipKeyGenerator } from 'express-rate-limit';
import { createMetrics } from './metrics';
import { introspectionForSignedInUsers, mountExplorer } from './explorer';
import { withServiceTokens } from './service-tokens';
import { mountWebApp } from './web';

/**
 * CORS for the listed origins only; other origins get no CORS headers (the browser blocks them).
 * A preflight (OPTIONS) from another origin is answered here, 403 with a message naming the
 * origin — not passed on to Apollo, whose CSRF check would answer it with a message about CSRF.
 * Simple requests (no preflight) still go through Apollo's CSRF protection.
 */
function cors(origins: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (origin && !origins.includes(origin) && req.method === 'OPTIONS') {
      return void jsonError(
        res,
        403,
        'FORBIDDEN',
        `来源 ${JSON.stringify(origin).slice(0, 200)} 不在网关允许的跨域来源中，请由管理员将它加入 CORS_ORIGINS (origin not allowed by CORS)`,
      );
    }
    if (origin && origins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      // A download's file name and the id to quote in a support request, readable by the page's script.
      res.setHeader('Access-Control-Expose-Headers', `content-disposition, ${REQUEST_ID_HEADER}`);
      if (req.method === 'OPTIONS') return void res.status(204).end();
    }
    next();
  };
}

export interface Gateway {
  httpServer: http.Server;
  log: pino.Logger;
  stop(): Promise<void>;
}

/** Builds the gateway: auth, CORS, limits on the body, health, the file route and the federated executor. */
export async function createGateway(config: GatewayConfig): Promise<Gateway> {
  const log = pino({ level: config.logLevel, base: { service: 'gateway' } });
  const supergraphSdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const urls = subgraphUrls(supergraphSdl, config);
  const metrics = createMetrics();
  const pool = subgraphPool(config.subgraphConnections);
  const deadlines = new Deadlines();
  const gateway = new ApolloGateway({
    supergraphSdl,
    // Query plans by operation (docs/operations.md, "Caches").
    experimental_approximateQueryPlanStoreMiB: config.planCacheMiB,
    buildService: ({ name, url }) =>
      new HubDataSource(
        urls.get(name) ?? (url as string),
        config.subgraphSecret(name),
        poolFetcher(pool, deadlines, config.subgraphTimeoutMs, (outcome, seconds) => metrics.fetches.observe({ subgraph: name, outcome }, seconds)),
      ),
  });
  const limits = armor(config);
  const counters = await sharedCounters(config, log);

  const app = express();
  app.disable('x-powered-by');
  // The client's address (rate limits, logs) as the load balancer in front reports it, when trusted.
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  // Users' tokens, and the short-lived tokens a subgraph signs with its own secret (service-tokens.ts).
  const verify = withServiceTokens(createVerifier(config), new Map([...urls.keys()].map((name) => [name, config.subgraphSecret(name)])));
  // Tokens are checked before Apollo or a file route sees the request: a bad token is a 401
  // whatever the query or file; no token is anonymous, and the subgraph decides what that may do.
  const authenticate = async (req: Request, res: Response, next: NextFunction) => {
    const requestId = randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    try {
      res.locals.context = {
        claims: await verify(req.header('authorization')),
        requestId,
        deadline: Date.now() + config.limits.requestTimeoutMs,
        clientAddress: ipKeyGenerator(req.ip ?? ''),
      } satisfies GatewayContext;
      next();
    } catch (error) {
      if (!(error instanceof AuthError)) return next(error);
      log.info({ requestId, reason: error.message }, 'token rejected');
      // RFC 6750 §3: a 401 names the scheme and why the token was refused.
      res.setHeader('WWW-Authenticate', 'Bearer realm="zjjt-hub", error="invalid_token", error_description="invalid or expired token"');
      jsonError(res, 401, 'UNAUTHENTICATED', '登录凭证无效或已过期，请重新登录 (invalid or expired token)');
    }
  };

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    // Parsed and validated documents by query text (docs/operations.md, "Caches").
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: config.documentCacheMiB * 2 ** 20 }),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // In production the schema is read only through the explorer, by signed-in users (explorer.ts).
    introspection: !config.production || config.explorer,
    validationRules: limits.validationRules,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // The process stops on SIGTERM/SIGINT itself (index.ts), Apollo with it: Apollo's own handlers
    // would stop it a second time at once, and that second stop never returns.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...limits.plugins,
      costPlugin(config),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      {
        // Logged here rather than in formatError, which has no request id.
        async requestDidStart() {
          return {
            async didEncounterErrors({ errors, contextValue }) {
              for (const error of errors) {
                metrics.errors.inc({ code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
                if (!isPublicError(error.extensions?.code))
                  log.warn({ requestId: contextValue.requestId, error: error.message, path: error.path }, 'masked error');
              }
            },
            // The gateway's own response extensions (valueCompletion: a subgraph's null in a
            // non-null field, naming internal types and fields) are logged; in production no
            // client sees them.
            async willSendResponse({ response, contextValue }) {
              if (response.body.kind !== 'single' || !response.body.singleResult.extensions) return;
              const { valueCompletion } = response.body.singleResult.extensions as { valueCompletion?: { message: string; path?: unknown }[] };
              if (valueCompletion)
                log.warn(
                  { requestId: contextValue?.requestId, valueCompletion: valueCompletion.map((e) => ({ message: e.message, path: e.path })) },
                  'value completion',
                );
              if (config.production) delete response.body.singleResult.extensions;
            },
          };
        },
      },
      ApolloServerPluginSchemaReportingDisabled(),
      // Apollo's own landing page loads its code from a CDN; the hub serves its explorer itself.
      ApolloServerPluginLandingPageDisabled(),
      ...(config.production && config.explorer ? [introspectionForSignedInUsers()] : []),
    ],
    formatError: (formatted) => formatGatewayError(formatted),
  });
  await apollo.start();

  app.use(metrics.middleware);
  const metricsAuthorization = config.metricsToken ? Buffer.from(`Bearer ${config.metricsToken}`) : null;
  const metricsAllowed = (header: string | undefined) => {
    if (!metricsAuthorization) return true;
    const given = Buffer.from(header ?? '');
    return given.length === metricsAuthorization.length && timingSafeEqual(given, metricsAuthorization);
  };
  // /metrics and /ready are open to probes, so each is rate-limited per address: neither may
  // become a free way to make the gateway (or, for /ready, every subgraph) work.
  app.get('/metrics', opsRateLimiter(config, counters.store('metrics')), async (req, res) => {
    if (!metricsAllowed(req.header('authorization'))) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return void jsonError(res, 401, 'UNAUTHENTICATED', '查看监控指标须提供 METRICS_TOKEN (metrics need METRICS_TOKEN)');
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  // Callers that arrive while a check is running share its answer instead of starting another.
  let readiness: ReturnType<typeof checkSubgraphs> | null = null;
  app.get('/ready', opsRateLimiter(config, counters.store('ready')), async (_req, res) => {
    readiness ??= checkSubgraphs(urls, Math.min(config.subgraphTimeoutMs, 3000)).finally(() => (readiness = null));
    const subgraphs = await readiness;
    const ready = Object.values(subgraphs).every((s) => s === 'ready');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', subgraphs });
  });

  if (config.explorer && !mountExplorer(app)) log.warn('EXPLORER is on but dist/web/explorer is not built (npm run build): no explorer served');
  // The review console (web/console): a page of the hub itself, a client of /graphql like any other.
  if (config.console && !mountWebApp(app, 'console')) log.warn('CONSOLE is on but the console was not built (npm run build)');

  app.use(cors(config.corsOrigins));
  // Before the JSON parser: a workbook streams through untouched, past its 2 MB limit.
  const files = fileRoute(urls, config, log);
  const limitFiles = rateLimiter(config, counters.store('files'));
  app.route('/files/:subgraph/*rest').get(authenticate, limitFiles, files).post(authenticate, limitFiles, files);
  app.use(express.json({ limit: '2mb' }));
  app.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.too.large') return void jsonError(res, 413, 'PAYLOAD_TOO_LARGE', '请求体超过 2 MB (request body too large)');
    if (error.status === 400) return void jsonError(res, 400, 'BAD_REQUEST', '请求体不是有效的 JSON (malformed JSON body)');
    next(error);
  });
  app.use(['/graphql', '/'], authenticate, rateLimiter(config, counters.store('graphql')), operationGuard(config));
  app.use(['/graphql', '/'], expressMiddleware(apollo, { context: async ({ res }) => res.locals.context as GatewayContext }));

  return {
    httpServer,
    log,
    async stop() {
      await apollo.stop();
      if (httpServer.listening) httpServer.close();
      await counters.close();
      pool.close();
    },
  };
}
