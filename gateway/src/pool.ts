import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { DEADLINE_HEADER } from '@zjjt/contract';

/**
 * The keep-alive connection pool the gateway calls the subgraphs through: at most `connections`
 * sockets to each subgraph (SUBGRAPH_CONNECTIONS), kept open between calls, so a burst of
 * requests queues for a socket instead of opening hundreds. Node's `http.request` over a
 * keep-alive `http.Agent` — measured by `npm run bench` against Node's `fetch` (web streams, a
 * write per body chunk; the profile) and undici's `request` over its Agent (no better
 * than `http` here, and a dependency more): see docs/operations.md.
 */
export function subgraphPool(connections: number) {
  // An idle socket is closed after 4 s, before a subgraph's server (5 s keep-alive) could close it under a new call.
  const options = { keepAlive: true, timeout: 4000, maxSockets: connections, maxFreeSockets: connections, scheduling: 'lifo' as const };
  const agents = { http: new http.Agent(options), https: new https.Agent(options) };
  return { ...agents, close: () => Object.values(agents).forEach((agent) => agent.destroy()) };
}
export type SubgraphPool = ReturnType<typeof subgraphPool>;

/** How often the deadlines of calls in flight are checked: a call can outlive its deadline by at most this much. */
export const DEADLINE_TICK_MS = 20;

interface Call {
  at: number;
  controller: AbortController;
}

/**
 * One timer for the deadlines of every subgraph call in flight, instead of a timer (an
 * `AbortSignal.timeout`) per call: each call registers its deadline, and a tick every
 * DEADLINE_TICK_MS aborts the calls past it. The timer runs only while calls are in flight.
 */
export class Deadlines {
  private readonly calls = new Set<Call>();
  private timer: NodeJS.Timeout | null = null;

  /** A signal aborted with a TimeoutError once `at` (epoch ms) has passed; `done` unregisters it. */
  start(at: number): { signal: AbortSignal; done: () => void } {
    const call = { at, controller: new AbortController() };
    this.calls.add(call);
    this.timer ??= setInterval(() => this.tick(), DEADLINE_TICK_MS).unref();
    return { signal: call.controller.signal, done: () => this.finish(call) };
  }

  private finish(call: Call) {
    this.calls.delete(call);
    if (this.calls.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private tick() {
    const now = Date.now();
    for (const call of this.calls) {
      if (call.at > now) continue;
      call.controller.abort(new DOMException('subgraph call past its deadline', 'TimeoutError'));
      this.finish(call);
    }
  }
}

/** The answer of a subgraph, read whole, in the shape Apollo's RemoteGraphQLDataSource reads. */
function fetcherResponse(url: string, status: number, headers: http.IncomingHttpHeaders, text: string): FetcherResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: http.STATUS_CODES[status] ?? '',
    url,
    redirected: false,
    headers: {
      get: (name: string) => {
        const value = headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(', ') : (value ?? null);
      },
    },
    text: async () => text,
    json: async () => JSON.parse(text),
  } as unknown as FetcherResponse;
}

/** POSTs `body` through the pool and reads the answer whole; `signal` aborts it (deadline). */
export function post(pool: SubgraphPool, url: string, headers: Record<string, string>, body: string | undefined, signal?: AbortSignal) {
  const secure = url.startsWith('https:');
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = (secure ? https : http).request(url, { method: 'POST', headers, agent: secure ? pool.https : pool.http, signal }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * The fetcher of one subgraph: a call through `pool` with a deadline — the per-call timeout or
 * what is left of the request's time budget (the deadline header), whichever comes first — so a
 * hanging subgraph never holds a request past its budget. The answer is read whole within it.
 */
export function poolFetcher(
  pool: SubgraphPool,
  deadlines: Deadlines,
  timeoutMs: number,
  observe: (outcome: string, seconds: number) => void = () => undefined,
): Fetcher {
  return (async (url: string, init: { headers?: Record<string, string>; body?: string }) => {
    const headers = init.headers ?? {};
    const requestDeadline = Number(headers[DEADLINE_HEADER] ?? 0);
    const { signal, done } = deadlines.start(Math.min(Date.now() + timeoutMs, requestDeadline || Infinity));
    const started = performance.now();
    try {
      const answer = await post(pool, url, headers, init.body, signal);
      observe(String(answer.status), (performance.now() - started) / 1000);
      return fetcherResponse(url, answer.status, answer.headers, answer.text);
    } catch (error) {
      observe(signal.aborted ? 'timeout' : 'error', (performance.now() - started) / 1000);
      throw signal.aborted ? signal.reason : error;
    } finally {
      done();
    }
  }) as unknown as Fetcher;
}
