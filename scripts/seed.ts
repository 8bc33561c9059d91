import 'reflect-metadata';
import { openDataSource, readDatabase } from '@zjjt/kit';
import { SUBGRAPHS } from './services';
import { seedProvince } from './lib/province';
import { devSecrets } from './lib/secrets';

/** Migrates every subgraph's database and loads the demo data into the empty ones. */
export async function seedAll(log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<void> {
  for (const entry of SUBGRAPHS) {
    const definition = entry.definition();
    const db = await openDataSource(readDatabase(process.env, entry.name), { entities: definition.entities, migrations: definition.migrations });
    try {
      if (!entry.seed) log(`${entry.name}: database ready (no demo data)`);
      else log(`${entry.name}: ${(await entry.seed(db)) ? 'demo data loaded' : 'database ready (existing data kept)'}`);
    } finally {
      await db.destroy();
    }
  }
}

/** `--name value` from the command line, or undefined. */
function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * `npm run seed` loads the demo data; `npm run seed -- --scale province [--fraction 0.01] [--groups 20] [--seed province]`
 * writes the province dataset (scripts/lib/province.ts) into empty databases instead, sealing
 * personal data with PII_KEY (from the environment, else data/dev-secrets.json as `npm start` uses it).
 */
async function main(args: string[]): Promise<void> {
  const scale = option(args, 'scale');
  if (scale === undefined) return seedAll();
  if (scale !== 'province') throw new Error(`--scale 只支持 province (unknown scale "${scale}")`);
  const fraction = Number(option(args, 'fraction') ?? '1');
  const groups = option(args, 'groups');
  process.env.PII_KEY = devSecrets().PII_KEY;
  await seedProvince(process.env, { fraction, groups: groups === undefined ? undefined : Number(groups), seed: option(args, 'seed') });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`seed failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
