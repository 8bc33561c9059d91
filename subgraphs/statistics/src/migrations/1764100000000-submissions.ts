import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, textColumn as text } from '@zjjt/kit';

export class Submissions1764100000000 implements MigrationInterface {
  name = 'Submissions1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'submission',
        columns: [
          idColumn(),
          text('groupId', 36),
          { name: 'year', type: 'int' },
          text('template', 50),
          text('target', 16),
          { name: 'version', type: 'int' },
          text('status', 16),
          { name: 'payload', type: 'text' },
          text('payloadSha256', 64),
          text('idempotencyKey', 36),
          { name: 'attempts', type: 'int', default: 0 },
          text('nextAttemptAt', 24, true),
          text('lastError', 500, true),
          { name: 'platformMessage', type: 'text', isNullable: true },
          { name: 'receipt', type: 'text', isNullable: true },
          { name: 'warnings', type: 'text' },
          text('warningsConfirmedBy', 64, true),
          text('warningsConfirmationReason', 500, true),
          { name: 'diff', type: 'text' },
          text('lockedBy', 64, true),
          text('lockedUntil', 24, true),
          text('createdBy', 64),
          text('createdAt', 24),
          text('updatedAt', 24),
        ],
        uniques: [{ name: 'ix_submission_report', columnNames: ['groupId', 'year', 'template', 'version'] }],
        indices: [{ name: 'ix_submission_due', columnNames: ['status', 'nextAttemptAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('submission');
  }
}
