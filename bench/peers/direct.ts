import fs from 'node:fs';
import http from 'node:http';
import { parse } from 'graphql';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { FetchNode, PlanNode, QueryPlanner } from '@apollo/query-planner';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { post, subgraphPool } from '../../gateway/src/pool';
import { peerSettings } from './settings';

/**
 * The bench's direct peer: the lower bound of any gateway. It answers one operation
 * (BENCH_PEER_QUERY) by sending exactly the subgraph fetches of the query plan that
 * `@apollo/query-planner` builds for it on the committed supergraph — same operations, same
 * order, entity fetches with the same representations — over the gateway's keep-alive pool (gateway/src/pool.ts), and merges
 * the answers. No auth, no limits, no validation, no result shaping: only the fetches.
 */
const settings = peerSettings();
const supergraph = Supergraph.build(fs.readFileSync(settings.supergraphPath, 'utf8'));
const plan = new QueryPlanner(supergraph).buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(settings.query)));
const pool = subgraphPool(32);

type Data = Record<string, any>;

async function fetchSubgraph(node: FetchNode, variables: Data, representations?: Data[]): Promise<Data> {
  const vars: Data = Object.fromEntries((node.variableUsages ?? []).map((name) => [name, variables[name]]));
  if (representations) vars.representations = representations;
  const headers = { 'content-type': 'application/json', [SECRET_HEADER]: settings.secret, [IDENTITY_HEADER]: signIdentity(settings.claims, settings.secret) };
  const body = JSON.stringify({ query: node.operation, operationName: node.operationName, variables: vars });
  const response = await post(pool, settings.subgraphUrls[node.serviceName], headers, body);
  const answer = JSON.parse(response.text) as { data?: Data; errors?: unknown[] };
  if (response.status !== 200 || answer.errors) throw new Error(`${node.serviceName}: ${response.status} ${response.text.slice(0, 300)}`);
  return answer.data!;
}

/** The objects at a plan path (`@` walks a list). */
function objectsAt(value: unknown, path: (string | number)[]): Data[] {
  if (value === null || value === undefined) return [];
  if (!path.length) return Array.isArray(value) ? value.flatMap((v) => objectsAt(v, [])) : [value];
  const [head, ...rest] = path;
  if (head === '@') return (value as unknown[]).flatMap((item) => objectsAt(item, rest));
  return objectsAt((value as Data)[head], rest);
}

/** A representation: the fields the fetch requires (the key and __typename; flat, as the bench's plan has). */
function representation(node: FetchNode, object: Data): Data {
  const fields = (node.requires ?? []).flatMap((r) => (r.kind === 'InlineFragment' ? r.selections : [r])).map((s) => (s as { name: string }).name);
  return Object.fromEntries(fields.map((field) => [field, object[field]]));
}

async function run(node: PlanNode, data: Data, variables: Data, path: (string | number)[] = []): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await run(child, data, variables, path);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => run(child, data, variables, path)));
      return;
    case 'Flatten':
      return run(node.node, data, variables, node.path);
    case 'Fetch': {
      if (!node.requires) return void Object.assign(data, await fetchSubgraph(node, variables));
      const objects = objectsAt(data, path);
      if (!objects.length) return;
      const answer = await fetchSubgraph(
        node,
        variables,
        objects.map((o) => representation(node, o)),
      );
      (answer._entities as Data[]).forEach((entity, i) => Object.assign(objects[i], entity));
      return;
    }
    default:
      throw new Error(`plan node ${node.kind} is not supported by the direct peer`);
  }
}

http
  .createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const data: Data = {};
      run(plan.node as PlanNode, data, JSON.parse(body).variables ?? {}).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (error: Error) => res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: error.message }] })),
      );
    });
  })
  .listen(settings.port, '127.0.0.1', () => process.stdout.write(`direct peer ready on port ${settings.port}\n`));
