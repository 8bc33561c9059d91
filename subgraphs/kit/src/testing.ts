import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect } from '@jest/globals';
import { DatabaseConfig, readDatabase, SubgraphConfig } from './config';
import { dropMysqlDatabase } from './datasource';
import { Viewer } from './identity';
import { createSubgraph, Subgraph, SubgraphDefinition } from './server';

export { inMemoryDirectory } from './memory-directory';
export type { DirectoryData } from './memory-directory';

/**
 * A fresh database for one test file: SQLite in a temporary folder, or, when DATABASE_URL names
 * a MySQL/MariaDB server, a database of its own there (dropped by `dropTestDatabase`).
 */
export function testDatabase(name: string): DatabaseConfig {
  const suffix = randomBytes(4).toString('hex');
  const url = process.env.DATABASE_URL;
  if (!url) return { type: 'sqlite', file: path.join(os.tmpdir(), `zjjt-${name}-${suffix}`, `${name}.sqlite`) };
  const base = new URL(url);
  base.pathname = `/t${suffix}`;
  return readDatabase({ DATABASE_URL: base.toString() }, name);
}

export const dropTestDatabase = dropMysqlDatabase;

/**
 * A subgraph on its own fresh database, not listening; call it with `execute`. A subgraph that
 * needs dependencies (e.g. the members directory) is given them here, e.g. an `inMemoryDirectory`.
 */
export function createTestSubgraph<L>(definition: SubgraphDefinition<L>): Promise<Subgraph<L>>;
export function createTestSubgraph<L, D>(definition: SubgraphDefinition<L, D>, dependencies: D): Promise<Subgraph<L>>;
export function createTestSubgraph<L, D>(definition: SubgraphDefinition<L, D>, dependencies?: D): Promise<Subgraph<L>> {
  const config: SubgraphConfig = {
    name: definition.name,
    host: '127.0.0.1',
    port: 0,
    gatewaySecret: 'x'.repeat(32),
    database: testDatabase(definition.name),
    production: false,
    logLevel: 'silent',
  };
  return createSubgraph(definition, dependencies as D, config);
}

export interface ExecutionResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

/** Runs one operation as `viewer` against an in-process subgraph. */
export async function execute<L>(subgraph: Subgraph<L>, viewer: Viewer, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
  const response = await subgraph.apollo.executeOperation({ query, variables }, { contextValue: subgraph.contextFor(viewer) });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not used by the hub');
  return response.body.singleResult as ExecutionResult;
}

/** What `query` answers `viewer` on `subgraph` (it must answer without errors), and the statements it sent to the database. */
export async function statementsOf<L>(
  subgraph: Subgraph<L>,
  viewer: Viewer,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ statements: number; data: Record<string, any> }> {
  const before = subgraph.queries.count;
  const result = await execute(subgraph, viewer, query, variables);
  expect(result.errors).toBeUndefined();
  return { statements: subgraph.queries.count - before, data: result.data! };
}

/** The connection a list answers: the query's first field's, or (through `_entities`) the first entity's. */
export function connectionOf(data: Record<string, unknown>): { totalCount: number; edges: unknown[] } {
  const first = Object.values(data)[0];
  return (Array.isArray(first) ? Object.values(first[0] as object)[0] : first) as { totalCount: number; edges: unknown[] };
}

/**
 * A list costs `subgraph` the same statements for a page of 1 as for a page of 20 (the page size is
 * the variable `n`), and the pages hold 1 row and min(20, totalCount) rows, more than one.
 */
export async function expectPageCostConstant<L>(subgraph: Subgraph<L>, viewer: Viewer, query: string, variables: Record<string, unknown>): Promise<void> {
  const page = async (n: number) => {
    const { statements, data } = await statementsOf(subgraph, viewer, query, { ...variables, n });
    const { edges, totalCount } = connectionOf(data);
    return { statements, rows: edges.length, total: totalCount };
  };
  const small = await page(1);
  const large = await page(20);
  expect(small.rows).toBe(1);
  expect(large.rows).toBe(Math.min(20, large.total));
  expect(large.rows).toBeGreaterThan(small.rows);
  expect(large.statements).toBe(small.statements);
}

/** Fixes the subgraphs' clock (`now()`, `today()`) at an instant, or releases it with `null`. */
export { setClock } from './clock';

/**
 * Checks every item of a list that must not be empty (or must have `length` items): the length
 * first, so a check on the items never passes on nothing, then the items that fail, by value.
 */
export function expectEach<T>(items: readonly T[], check: (item: T) => unknown, length?: number): void {
  if (length === undefined) expect(items.length).toBeGreaterThan(0);
  else expect(items).toHaveLength(length);
  expect(items.filter((item) => !check(item))).toEqual([]);
}

/**
 * What `run` costs on `subgraph`'s database: the statements it sends and, on MySQL/MariaDB, the
 * full scans `EXPLAIN` shows among its SELECTs of tables estimated above `minRows` rows (as
 * `table (rows): statement`; reading the whole of a derived table, a subquery's own result, is what
 * counting over it means and is not a scan of a table), and the SELECTs' text (`statements`, to check which were run). On
 * SQLite `scans` is null (its planner is not the production one).
 */
export async function planOf<L>(
  subgraph: Subgraph<L>,
  run: () => Promise<unknown>,
  minRows: number,
): Promise<{ selects: number; scans: string[] | null; statements: string[] }> {
  const recorded = await subgraph.queries.record(run);
  const selects = recorded.filter((s) => /^\s*SELECT/i.test(s.query));
  const statements = selects.map((s) => s.query);
  if (subgraph.db.options.type !== 'mysql') return { selects: selects.length, scans: null, statements };
  const scans: string[] = [];
  for (const s of selects) {
    const plan: { table: string | null; type: string | null; rows: string | number | null }[] = await subgraph.db.query(`EXPLAIN ${s.query}`, s.parameters);
    for (const step of plan)
      if (step.type === 'ALL' && Number(step.rows) > minRows && !step.table?.startsWith('<derived'))
        scans.push(`${step.table} (${step.rows} rows): ${s.query}`);
  }
  return { selects: selects.length, scans, statements };
}
