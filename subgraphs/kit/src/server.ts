import http from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { DataSource, MixedList, EntitySchema } from 'typeorm';
import { NonEmptyArray } from 'type-graphql';
import { GraphQLSchema } from 'graphql';
import { ConfigError, loadSubgraphConfig, SubgraphConfig } from './config';
import { DatabaseUnavailableError, openDataSource, QueryCounter } from './datasource';
import { jsonError, maskError } from './errors';
import {
  CLIENT_ADDRESS_HEADER,
  IDENTITY_HEADER,
  IdentityError,
  readIdentity,
  regionGroupsPerRequest,
  REQUEST_ID_HEADER,
  SECRET_HEADER,
  Viewer,
  withRegionGroups,
} from './identity';
import { createLogger, Logger } from './logger';
import { buildFederatedSchema, ReferenceResolvers } from './schema';
import { collectWhenIdle, readWorkers, runWorkers } from '@zjjt/contract';

/** What every resolver receives. Loaders are made per request, so nothing is cached across users. */
export interface HubContext<L> {
  viewer: Viewer;
  loaders: L;
  db: DataSource;
  requestId: string;
  log: Logger;
  /** The client's address as the gateway forwarded it (CLIENT_ADDRESS_HEADER); null when unknown (a unit test, a service call). */
  clientAddress: string | null;
}

/**
 * Everything a subgraph declares; the kit does the rest. `D` is what the subgraph needs from
 * outside (e.g. the members directory), given when it is built: by `runSubgraph` in a process,
 * by the test in a unit test. Nothing reaches such a dependency through a process-wide singleton.
 */
export interface SubgraphDefinition<L, D = void> {
  name: string;
  defaultPort: number;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
  createLoaders: (db: DataSource, viewer: Viewer, dependencies: D) => L;
  /**
   * Plain HTTP routes under /files (Excel uploads and downloads), behind the same gateway-secret
   * check; the gateway forwards /files/<subgraph>/… here with the caller's identity.
   */
  files?: (router: express.Router, contextOf: (req: express.Request) => HubContext<L>) => void;
  /** Work the process does on its own (e.g. retries), started once it listens and stopped on shutdown. */
  background?: (db: DataSource, log: Logger) => { stop(): void };
  /** Checks the subgraph's own variables at start; throws ConfigError naming the variable. */
  checkEnvironment?: (env: NodeJS.ProcessEnv) => void;
  /**
   * The ids of the groups registered in a region (行政区划 prefix), read when the request arrives:
   * members from its own tables, the others through the members directory. An AUTHORITY's
   * `groupIds` are these (`withRegionGroups`), so a group registered or moved into its region is
   * read at once; without it an authority reads no group.
   */
  groupsInRegion?: (db: DataSource, dependencies: D, region: string) => Promise<string[]>;
}

export interface Subgraph<L> {
  config: SubgraphConfig;
  schema: GraphQLSchema;
  apollo: ApolloServer<HubContext<L>>;
  db: DataSource;
  queries: QueryCounter;
  httpServer: http.Server;
  log: Logger;
  contextFor(viewer: Viewer): HubContext<L>;
  close(): Promise<void>;
}

function secretMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const THROUGH_GATEWAY = '请通过网关访问 (requests must come through the gateway)';
const INVALID_IDENTITY = '身份凭证无效或已过期，请通过网关重新发起请求 (invalid or expired identity)';
const REGION_UNAVAILABLE = '暂时无法读取本地区的集团名录，请稍后重试 (region directory unavailable)';

/** Builds a subgraph (schema, database, HTTP app) without listening; tests and `runSubgraph` share it. */
export async function createSubgraph<L, D>(
  definition: SubgraphDefinition<L, D>,
  dependencies: D,
  config: SubgraphConfig = loadSubgraphConfig(definition.name, definition.defaultPort),
): Promise<Subgraph<L>> {
  const log = createLogger(definition.name, config.logLevel);
  const queries = new QueryCounter((message) => log.warn({ sqlError: message.slice(0, 200) }, 'query failed'));
  const db = await openDataSource(config.database, { entities: definition.entities, migrations: definition.migrations, logger: queries });
  const schema = await buildFederatedSchema(definition);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);

  const contextFor = (viewer: Viewer, requestId: string = randomUUID(), clientAddress: string | null = null): HubContext<L> => ({
    viewer,
    db,
    requestId,
    clientAddress,
    log: log.child({ requestId }),
    loaders: definition.createLoaders(db, viewer, dependencies),
  });

  const apollo = new ApolloServer<HubContext<L>>({
    schema,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // runSubgraph stops the process on SIGTERM/SIGINT, closing Apollo and then the database: Apollo's
    // own handlers would stop it a second time at once, and that second stop never returns, so the
    // database stayed open and a process on MySQL never exited until it was killed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      // No HTTP caching of answers is used; without the plugin no per-field hook runs on every resolver.
      ApolloServerPluginCacheControlDisabled(),
      {
        // One debug line per operation, under the gateway's request id: no variables, no data.
        async requestDidStart({ contextValue }) {
          const started = performance.now();
          return {
            // The operation's name as resolved from the document, also when the caller sent no operationName.
            async willSendResponse({ errors, operationName }) {
              contextValue.log.debug(
                { operation: operationName ?? null, ms: Math.round(performance.now() - started), errors: errors?.length ?? 0 },
                'operation',
              );
            },
          };
        },
      },
    ],
    formatError: (formatted, error) => maskError(formatted, (original) => log.error({ err: original }, 'internal error'), error),
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: definition.name });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await db.query('SELECT 1');
      res.json({ status: 'ready', service: definition.name });
    } catch {
      res.status(503).json({ status: 'unavailable', service: definition.name, dependency: 'database' });
    }
  });
  // Every other path needs the gateway secret and, when it names a user, an identity signed for this
  // subgraph: both checked before the body is read or any GraphQL is parsed.
  const viewers = new WeakMap<express.Request, Viewer>();
  // An authority's groups, looked up once per gateway request however many calls it makes here.
  const regionGroups = regionGroupsPerRequest((region) =>
    definition.groupsInRegion ? definition.groupsInRegion(db, dependencies, region) : Promise.resolve([]),
  );
  app.use(async (req, res, next) => {
    if (!secretMatches(req.header(SECRET_HEADER), config.gatewaySecret)) return void jsonError(res, 401, 'UNAUTHENTICATED', THROUGH_GATEWAY);
    let viewer: Viewer;
    try {
      viewer = readIdentity(req.header(IDENTITY_HEADER), config.gatewaySecret);
    } catch (error) {
      if (!(error instanceof IdentityError)) return next(error);
      log.warn({ requestId: req.header(REQUEST_ID_HEADER), reason: error.message }, 'identity refused');
      return void jsonError(res, 401, 'UNAUTHENTICATED', INVALID_IDENTITY);
    }
    try {
      viewers.set(req, await withRegionGroups(viewer, (region) => regionGroups(req.header(REQUEST_ID_HEADER), region)));
    } catch (error) {
      log.error({ requestId: req.header(REQUEST_ID_HEADER), err: error }, 'region groups unavailable');
      return void jsonError(res, 503, 'SUBGRAPH_UNAVAILABLE', REGION_UNAVAILABLE);
    }
    next();
  });
  const contextOf = (req: express.Request) =>
    contextFor(viewers.get(req) ?? Viewer.anonymous(), req.header(REQUEST_ID_HEADER) || randomUUID(), req.header(CLIENT_ADDRESS_HEADER) || null);
  if (definition.files) {
    const router = express.Router();
    definition.files(router, contextOf);
    app.use('/files', router);
  }
  app.use(express.json({ limit: '2mb' }));
  const graphql = expressMiddleware(apollo, { context: async ({ req }) => contextOf(req) });
  app.use(['/graphql', '/'], (req, res, next) => (req.path === '/' ? graphql(req, res, next) : next()));

  return {
    config,
    schema,
    apollo,
    db,
    queries,
    httpServer,
    log,
    contextFor: (viewer) => contextFor(viewer),
    async close() {
      await apollo.stop();
      if (httpServer.listening) httpServer.close();
      await db.destroy();
    },
  };
}

/**
 * Starts a subgraph process: make its dependencies from the environment, validate config, open
 * the database, listen, stop cleanly on a signal.
 */
export async function runSubgraph<L>(definition: SubgraphDefinition<L>): Promise<void>;
export async function runSubgraph<L, D>(definition: SubgraphDefinition<L, D>, dependencies: (env: NodeJS.ProcessEnv) => D): Promise<void>;
export async function runSubgraph<L, D>(definition: SubgraphDefinition<L, D>, dependencies?: (env: NodeJS.ProcessEnv) => D): Promise<void> {
  let workers: number;
  try {
    workers = readWorkers(definition.name);
  } catch (error) {
    process.stderr.write(`[${definition.name}] ${(error as Error).message}\n`);
    process.exit(1);
  }
  // `<NAME>_WORKERS` processes share the port; each is the whole subgraph (its background work too).
  return runWorkers(definition.name, workers, () => serveSubgraph(definition, dependencies));
}

async function serveSubgraph<L, D>(definition: SubgraphDefinition<L, D>, dependencies?: (env: NodeJS.ProcessEnv) => D): Promise<void> {
  let subgraph: Subgraph<L>;
  try {
    // Made first, so a bad variable stops the process with its name before anything opens.
    const given = dependencies ? dependencies(process.env) : (undefined as D);
    definition.checkEnvironment?.(process.env);
    subgraph = await createSubgraph(definition, given);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) {
      process.stderr.write(`[${definition.name}] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { config, httpServer, log } = subgraph;
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  collectWhenIdle(httpServer);
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ port }, `${definition.name} subgraph ready at http://${config.host}:${port}/graphql`);
  const background = definition.background?.(subgraph.db, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    background?.stop();
    await subgraph.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
