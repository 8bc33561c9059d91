import { buildProvince, Province, provinceCounts, seededRandom } from '@zjjt/demo';
import { openDataSource, readDatabase } from '@zjjt/kit';
import { SUBGRAPHS } from '../services';
import { usccCheckCharacter } from '../../subgraphs/members/src/organization/uscc';

export interface ProvinceOptions {
  /** Share of the full province, 0 < fraction ≤ 1 (default 1). */
  fraction?: number;
  /** Overrides the number of groups (2–1000); the other counts follow `fraction`. */
  groups?: number;
  /** The PRNG seed (default "province"): the same seed writes the same data. */
  seed?: string;
  log?: (line: string) => void;
}

/** The first table each subgraph's part fills: the database must have no row there. */
const MARKER: Record<string, string> = { members: 'member_group', resources: 'shared_resource', bases: 'training_base', statistics: 'collection_round' };

/**
 * `npm run seed -- --scale province`: draws the province (@zjjt/demo `buildProvince`), then, subgraph
 * by subgraph, migrates its database (as `env` names it: DATABASE_URL or DATA_DIR) and writes its part
 * (the subgraph's `province.ts`), timing each. Refuses a database that has data. Trainees' personal
 * data is sealed with PII_KEY from the process environment (bases' own sealer).
 */
export async function seedProvince(env: NodeJS.ProcessEnv, options: ProvinceOptions = {}): Promise<Province> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const seed = options.seed ?? 'province';
  const started = Date.now();
  const province = buildProvince(provinceCounts(options.fraction ?? 1, options.groups), (part) => seededRandom(`province:${seed}:${part}`), usccCheckCharacter);
  for (const entry of SUBGRAPHS) {
    if (!entry.province) continue;
    const definition = entry.definition();
    const db = await openDataSource(readDatabase(env, entry.name), { entities: definition.entities, migrations: definition.migrations });
    try {
      const [{ n }] = await db.query(`SELECT COUNT(*) AS n FROM ${MARKER[entry.name]}`);
      if (Number(n) > 0) throw new Error(`${entry.name} 数据库已有数据，省级数据集只写入空库 (database not empty): ${MARKER[entry.name]} has rows`);
      const t = Date.now();
      const wrote = await entry.province(db, province, log);
      log(`${entry.name}: ${wrote} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    } finally {
      await db.destroy();
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`province dataset (fraction ${options.fraction ?? 1}, seed "${seed}") written in ${seconds} s; drawn: ${JSON.stringify(province.counts)}`);
  return province;
}
