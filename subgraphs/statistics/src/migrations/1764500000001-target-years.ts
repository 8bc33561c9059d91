import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { intColumn as int } from '@zjjt/kit';

/** Targets for a range of years: `year` is the first, `toYear` the last; every existing target covers its one year. */
export class TargetYears1764500000001 implements MigrationInterface {
  name = 'TargetYears1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('target', new TableColumn(int('toYear', true)));
    await q.query('UPDATE target SET toYear = year');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('target', 'toYear');
  }
}
