import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, intColumn, refColumn, textColumn as text } from '@zjjt/kit';

/** Who corrected or removed a cooperation ledger row, when, why, old → new. */
export class CooperationAudit1764300000000 implements MigrationInterface {
  name = 'CooperationAudit1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'cooperation_audit',
        columns: [
          idColumn(),
          refColumn('cooperationId'),
          refColumn('groupId'),
          refColumn('organizationId'),
          intColumn('year'),
          text('action', 8),
          text('changedBy', 64),
          refColumn('changedByOrganizationId', true),
          { name: 'bySecretariat', type: 'boolean' },
          text('reason', 500, true),
          { name: 'changeList', type: 'text' },
          text('changedAt', 24),
        ],
        indices: [{ name: 'ix_cooperation_audit_group', columnNames: ['groupId', 'changedAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cooperation_audit');
  }
}
