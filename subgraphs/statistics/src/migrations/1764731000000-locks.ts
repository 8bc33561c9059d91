import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { LOCK_TABLE, lockColumns } from '@zjjt/kit';

/** `hub_lock`: the locks every statistics process shares (reminders of a group are sent one at a time). */
export class StatisticsLocks1764731000000 implements MigrationInterface {
  name = 'StatisticsLocks1764731000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({ name: LOCK_TABLE, columns: lockColumns() }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable(LOCK_TABLE);
  }
}
