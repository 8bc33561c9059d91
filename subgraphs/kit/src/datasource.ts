import fs from 'node:fs';
import path from 'node:path';
import { DataSource, Logger, MixedList, EntitySchema } from 'typeorm';
import { createConnection } from 'mysql2/promise';
import { DatabaseConfig, describeDatabase } from './config';

/** Counts SQL statements, so tests can see that a page costs the same whatever its size. */
export class QueryCounter implements Logger {
  count = 0;
  private recorded: { query: string; parameters?: unknown[] }[] | null = null;
  constructor(private readonly onError: (message: string) => void = () => undefined) {}
  logQuery(query: string, parameters?: unknown[]): void {
    this.count += 1;
    this.recorded?.push({ query, parameters });
  }
  /** The statements `run` sends (for tests that `EXPLAIN` what an operation runs). */
  async record(run: () => Promise<unknown>): Promise<{ query: string; parameters?: unknown[] }[]> {
    const recorded: { query: string; parameters?: unknown[] }[] = [];
    this.recorded = recorded;
    try {
      await run();
    } finally {
      this.recorded = null;
    }
    return recorded;
  }
  logQueryError(error: string | Error): void {
    this.onError(typeof error === 'string' ? error : error.message);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

export interface DataSourceOptions {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  logger?: Logger;
}

/** Thrown when the database cannot be reached at start; the message names it without credentials. */
export class DatabaseUnavailableError extends Error {}

async function ensureMysqlDatabase(db: Extract<DatabaseConfig, { type: 'mysql' }>): Promise<void> {
  const server = new URL(db.url);
  server.pathname = '/';
  const connection = await createConnection({ uri: server.toString(), connectTimeout: 5000 });
  try {
    await connection.query(`CREATE DATABASE IF NOT EXISTS \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

/**
 * Opens a subgraph's database and runs its migrations. SQLite (better-sqlite3) by default,
 * MySQL/MariaDB (mysql2) when configured; the same entities and migrations serve both.
 */
export async function openDataSource(db: DatabaseConfig, options: DataSourceOptions): Promise<DataSource> {
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    logger: options.logger ?? new QueryCounter(),
    synchronize: false,
    migrationsRun: false,
  };
  let dataSource: DataSource;
  try {
    if (db.type === 'sqlite') {
      fs.mkdirSync(path.dirname(db.file), { recursive: true });
      dataSource = new DataSource({ ...common, type: 'better-sqlite3', database: db.file, enableWAL: true, timeout: 10000 });
    } else {
      await ensureMysqlDatabase(db);
      // timezone 'Z': datetimes are written and read as UTC whatever the server's zone is.
      dataSource = new DataSource({ ...common, type: 'mysql', url: db.url, charset: 'utf8mb4_unicode_ci', timezone: 'Z', connectTimeout: 5000, poolSize: 10 });
    }
    await dataSource.initialize();
  } catch (error) {
    throw new DatabaseUnavailableError(`无法连接数据库 ${describeDatabase(db)} (database unavailable): ${(error as Error).message}`);
  }
  await migrateOnce(dataSource, db);
  return dataSource;
}

/**
 * Runs the migrations; on MySQL under the server's named lock (GET_LOCK, which TiDB holds cluster-wide
 * too), so replicas starting together migrate one after another and the later ones find nothing to do.
 */
async function migrateOnce(dataSource: DataSource, db: DatabaseConfig): Promise<void> {
  if (db.type !== 'mysql') return void (await dataSource.runMigrations({ transaction: 'each' }));
  const runner = dataSource.createQueryRunner();
  const name = `zjjt_migrate_${db.database}`.slice(0, 64);
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, 300) AS taken', [name])) as { taken: number | string | null }[];
    if (Number(row?.taken) !== 1) throw new DatabaseUnavailableError(`数据库迁移等待超时：另一个进程 5 分钟内未完成迁移 (migration lock ${name} not taken)`);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}

/** Drops a MySQL database; used by tests that made their own. */
export async function dropMysqlDatabase(db: DatabaseConfig): Promise<void> {
  if (db.type !== 'mysql') return;
  const server = new URL(db.url);
  server.pathname = '/';
  const connection = await createConnection({ uri: server.toString() });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${db.database}\``);
  } finally {
    await connection.end();
  }
}

/** True when a write failed on a unique index (SQLite or MySQL/MariaDB). */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } })?.driverError ?? (error as { code?: string });
  const code = driverError?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT_UNIQUE') || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
