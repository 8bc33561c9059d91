/* eslint-disable @typescript-eslint/no-require-imports -- each subgraph's code is loaded only when that subgraph is used (type-graphql keeps its metadata globally) */
import type { DataSource } from 'typeorm';
import type { SubgraphDefinition } from '@zjjt/kit';
import type { ProvinceLoader } from '@zjjt/demo';

/**
 * The subgraphs of the hub. Adding a subgraph is adding its folder under subgraphs/ and one
 * entry here: the launcher, compose, seed and the tests read this list.
 */
export interface SubgraphEntry {
  name: string;
  port: number;
  definition: () => SubgraphDefinition<unknown>;
  /** Loads demo data into an empty database; false when there was data already. */
  seed?: (db: DataSource) => Promise<boolean>;
  /** Writes its part of the province dataset into an empty database (`npm run seed -- --scale province`). */
  province?: ProvinceLoader;
}

export const SUBGRAPHS: SubgraphEntry[] = [
  {
    name: 'members',
    port: 4001,
    definition: () => require('../subgraphs/members/src/schema').members,
    seed: (db) => require('../subgraphs/members/src/seed').seedDemo(db),
    province: (db, province, log) => require('../subgraphs/members/src/province').loadProvince(db, province, log),
  },
  {
    name: 'resources',
    port: 4002,
    definition: () => require('../subgraphs/resources/src/schema').resources,
    seed: (db) => require('../subgraphs/resources/src/seed').seedDemo(db),
    province: (db, province, log) => require('../subgraphs/resources/src/province').loadProvince(db, province, log),
  },
  {
    name: 'bases',
    port: 4003,
    definition: () => require('../subgraphs/bases/src/schema').bases,
    seed: (db) => require('../subgraphs/bases/src/seed').seedDemo(db),
    province: (db, province, log) => require('../subgraphs/bases/src/province').loadProvince(db, province, log),
  },
  {
    name: 'statistics',
    port: 4004,
    definition: () => require('../subgraphs/statistics/src/schema').statistics,
    province: (db, province, log) => require('../subgraphs/statistics/src/province').loadProvince(db, province, log),
  },
];

export const GATEWAY_PORT = 4000;

/**
 * Node flags a service's process is started with: NODE_FLAGS (measured by `npm run bench`, see
 * docs/operations.md) and then `<NAME>_NODE_FLAGS` from the environment, split on spaces
 * (`GATEWAY_NODE_FLAGS=--cpu-prof` profiles the gateway; a later flag overrides an earlier one).
 */
export const NODE_FLAGS: Record<string, string[]> = Object.fromEntries(
  // V8's young generation: 8 MB semi-spaces for every service. Node's default (16) grows it to
  // about 16 MB more per process, kept while the process idles; larger (16, 64) did not lower the
  // gateway's CPU per request on the bench's member page (64 cost up to 80 MB more), nor 16 the CPU
  // of a 100,000-row import in bases, while 4 raised it by half. docker-compose.yml starts every
  // service with the same flag.
  ['gateway', ...SUBGRAPHS.map((s) => s.name)].map((name) => [name, ['--max-semi-space-size=8', '--expose-gc']]),
);

export function nodeFlags(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const extra = env[`${name.toUpperCase().replace(/-/g, '_')}_NODE_FLAGS`] ?? '';
  return [...(NODE_FLAGS[name] ?? []), ...extra.split(/\s+/).filter(Boolean)];
}

/** Compiled entry point of a subgraph process. */
export const subgraphMain = (name: string) => require.resolve(`../subgraphs/${name}/src/index`);
export const gatewayMain = () => require.resolve('../gateway/src/index');
