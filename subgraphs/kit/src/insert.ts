import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Bound variables per INSERT: under SQLite's limit (32,766) and a few MB of MySQL packet. */
export const VARIABLES_PER_INSERT = 30_000;

/**
 * Writes rows of one entity with a single multi-row INSERT on `em` (in its transaction, if any).
 * Rows are the entity's property values; each is converted by the driver as a repository save
 * would (booleans, simple-json, transformers). The columns are those the first row gives; the
 * others take their database default. TypeORM's own `insert` builds the same statement through
 * its query builder, whose parameter bookkeeping costs more CPU than the database's write for
 * thousands of rows. Callers keep rows × columns under VARIABLES_PER_INSERT. `ignoreDuplicates`
 * leaves out, silently, a row whose key is already in the table (INSERT IGNORE / INSERT OR IGNORE).
 */
export async function insertRows<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  { ignoreDuplicates = false }: { ignoreDuplicates?: boolean } = {},
): Promise<void> {
  if (!rows.length) return;
  const metadata = em.connection.getMetadata(target);
  const driver = em.connection.driver;
  const columns = metadata.columns.filter((c) => rows[0][c.propertyName] !== undefined);
  const params: unknown[] = [];
  for (const row of rows) for (const c of columns) params.push(driver.preparePersistentValue(row[c.propertyName], c));
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const insert = !ignoreDuplicates ? 'INSERT' : em.connection.options.type === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
  const sql = `${insert} INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(',')}) VALUES ${Array(rows.length).fill(tuple).join(',')}`;
  await em.query(sql, params);
}
