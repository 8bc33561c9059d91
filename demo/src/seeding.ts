import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { isUniqueViolation } from '@zjjt/kit';

/** Rows to insert into one table, in order. */
export type SeedTable = [EntityTarget<ObjectLiteral>, ObjectLiteral[]];

/**
 * Loads demo data into an empty database in one transaction, in batches of 100 rows (MySQL's
 * placeholder count stays bounded whatever the table width). False, with nothing written, when
 * `marker` already has rows — also when another process seeded the same database at the same time.
 */
export async function seedOnce(db: DataSource, marker: EntityTarget<ObjectLiteral>, build: () => SeedTable[]): Promise<boolean> {
  if ((await db.getRepository(marker).count()) > 0) return false;
  const tables = build();
  try {
    return await db.transaction(async (em) => {
      if ((await em.count(marker)) > 0) return false;
      for (const [target, rows] of tables) {
        for (let i = 0; i < rows.length; i += 100) await em.insert(target, rows.slice(i, i + 100));
      }
      return true;
    });
  } catch (error) {
    // Two processes starting on one empty database: the loser's inserts collide, and the winner's seed stands.
    if (isUniqueViolation(error) && (await db.getRepository(marker).count()) > 0) return false;
    throw error;
  }
}
