import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dateColumn, idColumn, intColumn as int, refColumn as ref, textColumn as text } from '@zjjt/kit';

/** 社会服务到账台账 (revenue received by source) and its change log. */
export class BasesRevenue1764450000000 implements MigrationInterface {
  name = 'BasesRevenue1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'revenue_entry',
        columns: [
          idColumn(),
          ref('groupId'),
          ref('organizationId'),
          text('source', 32),
          dateColumn('receivedOn', false),
          int('year'),
          { name: 'amount', type: 'bigint' },
          text('counterparty', 200),
          text('counterpartyUscc', 18, true),
          text('title', 200, true),
          ref('sessionId', true),
          ref('certificationBatchId', true),
          text('recordedBy', 64),
          text('recordedAt', 24),
          text('updatedBy', 64),
          text('updatedAt', 24),
        ],
        indices: [
          { name: 'ix_revenue_group_year', columnNames: ['groupId', 'year'] },
          { name: 'ix_revenue_org_year', columnNames: ['organizationId', 'year'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'revenue_entry_audit',
        columns: [
          idColumn(),
          ref('entryId'),
          ref('groupId'),
          ref('organizationId'),
          text('action', 8),
          text('changedBy', 64),
          ref('changedByOrganizationId', true),
          { name: 'bySecretariat', type: 'boolean' },
          text('reason', 500, true),
          { name: 'changeList', type: 'text' },
          text('changedAt', 24),
        ],
        indices: [{ name: 'ix_revenue_audit_group', columnNames: ['groupId', 'changedAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('revenue_entry_audit');
    await q.dropTable('revenue_entry');
  }
}
