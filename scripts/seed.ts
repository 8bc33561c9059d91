import 'reflect-metadata';
import { openDataSource, readDatabase } from '@zjjt/kit';
import { SUBGRAPHS } from './services';

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

if (require.main === module) {
  seedAll().catch((error) => {
    process.stderr.write(`seed failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
