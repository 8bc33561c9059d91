import { Request, Response, NextFunction } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The routes the gateway serves; every other path is counted as "other", so random paths cannot grow /metrics. */
const ROUTES = new Set(['/', '/graphql', '/files', '/health', '/ready', '/metrics']);

/** Prometheus metrics of the gateway: requests, errors by code, latency, per-subgraph fetches. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zjjt_gateway_' });
  const requests = new Counter({
    name: 'zjjt_gateway_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'zjjt_gateway_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'zjjt_gateway_graphql_errors_total',
    help: 'GraphQL errors sent to clients, by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  const fetches = new Histogram({
    name: 'zjjt_gateway_subgraph_fetch_duration_seconds',
    help: 'Calls to subgraphs by subgraph and outcome',
    labelNames: ['subgraph', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  /** Counts and times every request; the route label is a known route's first path segment (no ids), else "other". */
  const middleware = (req: Request, res: Response, next: NextFunction) => {
    const stop = duration.startTimer();
    const segment = `/${req.path.split('/')[1] ?? ''}`; // read now: mounted routers rewrite req.path later
    const route = ROUTES.has(segment) ? segment : 'other';
    res.on('finish', () => {
      stop({ route });
      requests.inc({ route, status: String(res.statusCode) });
    });
    next();
  };

  return { registry, middleware, errors, fetches };
}

export type Metrics = ReturnType<typeof createMetrics>;
