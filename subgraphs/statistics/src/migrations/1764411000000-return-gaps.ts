import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, intColumn, refColumn, textColumn as text } from '@zjjt/kit';

/** The secretariat's confirmations that a year's report goes out with members' returns missing, and why. */
export class ReturnGaps1764411000000 implements MigrationInterface {
  name = 'ReturnGaps1764411000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'return_gap_confirmation',
        columns: [
          idColumn(),
          refColumn('groupId'),
          intColumn('year'),
          text('reason', 500),
          intColumn('expected'),
          intColumn('approved'),
          { name: 'missingUnitIds', type: 'text' },
          text('confirmedBy', 64),
          text('confirmedAt', 24),
        ],
        indices: [{ name: 'ix_gap_group_year', columnNames: ['groupId', 'year', 'confirmedAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('return_gap_confirmation');
  }
}
