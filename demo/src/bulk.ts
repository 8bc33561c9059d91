import { DataSource, EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import { insertRows, VARIABLES_PER_INSERT } from '@zjjt/kit';

type ColumnMetadata = EntityMetadata['columns'][number];

/** Rows per transaction: big enough to amortise the commit, small enough to keep the undo log and the WAL file short. */
const ROWS_PER_TRANSACTION = 100_000;

/**
 * Writes many rows of one entity into its (empty) table as multi-row INSERTs, in transactions of
 * ROWS_PER_TRANSACTION rows, through one connection (kit's `insertRows`: rows are the entity's
 * property values, converted by the driver as a repository save would). On MySQL/MariaDB the session's unique and foreign-key checks are off
 * during the load (the generator's keys are unique by construction; the same rows load into SQLite,
 * which checks every one), and with `deferIndexes` the table's secondary indexes are dropped first
 * and added back, exactly as they were, in one ALTER TABLE at `close` (a sorted build instead of
 * millions of random inserts into a buffer pool smaller than the index).
 */
export class BulkWriter {
  private rows: ObjectLiteral[] = [];
  private columns: ColumnMetadata[] | undefined;
  private inTransaction = 0;
  /** `ADD …` clauses of the secondary indexes dropped for the load. */
  private deferred: string[] = [];
  written = 0;

  private constructor(
    private readonly db: DataSource,
    private readonly runner: QueryRunner,
    private readonly target: EntityTarget<ObjectLiteral>,
  ) {}

  static async open(db: DataSource, target: EntityTarget<ObjectLiteral>, options: { deferIndexes?: boolean } = {}): Promise<BulkWriter> {
    const runner = db.createQueryRunner();
    await runner.connect();
    const writer = new BulkWriter(db, runner, target);
    if (db.options.type === 'mysql') {
      await runner.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
      if (options.deferIndexes) await writer.dropSecondaryIndexes();
    }
    return writer;
  }

  private async dropSecondaryIndexes(): Promise<void> {
    const table = this.db.getMetadata(this.target).tableName;
    const rows: { name: string; nonUnique: number | string; column: string; part: number | string | null }[] = await this.runner.query(
      'SELECT INDEX_NAME AS name, NON_UNIQUE AS nonUnique, COLUMN_NAME AS `column`, SUB_PART AS part FROM information_schema.STATISTICS ' +
        "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' ORDER BY INDEX_NAME, SEQ_IN_INDEX",
      [table],
    );
    const indexes = new Map<string, { unique: boolean; columns: string[] }>();
    for (const row of rows) {
      const index = indexes.get(row.name) ?? { unique: Number(row.nonUnique) === 0, columns: [] };
      index.columns.push(`\`${row.column}\`${row.part === null ? '' : `(${row.part})`}`);
      indexes.set(row.name, index);
    }
    if (!indexes.size) return;
    this.deferred = [...indexes].map(([name, { unique, columns }]) => `ADD ${unique ? 'UNIQUE ' : ''}INDEX \`${name}\` (${columns.join(', ')})`);
    await this.runner.query(`ALTER TABLE \`${table}\` ${[...indexes.keys()].map((name) => `DROP INDEX \`${name}\``).join(', ')}`);
  }

  /** Adds a row; call `flushIfFull` after (or `close` at the end). */
  add(row: ObjectLiteral): void {
    this.rows.push(row);
  }

  /** Rows added so far, written or not: the next row is number `added + 1`. */
  get added(): number {
    return this.written + this.rows.length;
  }

  get full(): boolean {
    return this.rows.length * (this.columns?.length ?? 32) >= VARIABLES_PER_INSERT;
  }

  async flushIfFull(): Promise<void> {
    if (this.full) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.rows.length) return;
    // The columns the rows give, for `full`.
    this.columns ??= this.db.getMetadata(this.target).columns.filter((c) => this.rows[0][c.propertyName] !== undefined);
    if (!this.runner.isTransactionActive) await this.runner.startTransaction();
    await insertRows(this.runner.manager, this.target, this.rows);
    this.written += this.rows.length;
    this.inTransaction += this.rows.length;
    this.rows = [];
    if (this.inTransaction >= ROWS_PER_TRANSACTION) {
      await this.runner.commitTransaction();
      this.inTransaction = 0;
    }
  }

  /** Writes what is left, commits, adds back the indexes dropped for the load, and releases the connection. */
  async close(): Promise<number> {
    try {
      await this.flush();
      if (this.runner.isTransactionActive) await this.runner.commitTransaction();
    } finally {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
      // Also after a failed load: the table keeps its schema whatever it holds.
      const table = this.db.getMetadata(this.target).tableName;
      if (this.deferred.length) {
        await this.runner.query('SET SESSION unique_checks = 1');
        await this.runner.query(`ALTER TABLE \`${table}\` ${this.deferred.join(', ')}`);
      }
      // Fresh index statistics, so the optimizer plans the first queries on the loaded rows, not on an empty table.
      if (this.db.options.type === 'mysql') await this.runner.query(`ANALYZE TABLE \`${table}\``);
      if (this.db.options.type === 'mysql') await this.runner.query('SET SESSION unique_checks = 1, foreign_key_checks = 1').catch(() => undefined);
      await this.runner.release();
    }
    return this.written;
  }
}
