/**
 * The demo data every seed, test, script and the bench share: the demo groups and their
 * memberships, the units with their USCCs, the derived ids, and the generic tools the seeds
 * generate the rest with (seeded random numbers, the calendar, fictional people, seeding an
 * empty database once). Each subgraph's seed keeps only what it loads into its own tables.
 */
export * from './ids';
export * from './units';
export * from './groups';
export * from './random';
export * from './calendar';
export * from './people';
export * from './seeding';
export * from './province';
export * from './bulk';
