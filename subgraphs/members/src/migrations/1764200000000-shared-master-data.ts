import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';
import { idColumn, refColumn as ref, textColumn as text } from '@zjjt/kit';

const timestamp = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/**
 * Shared master data: who created a unit, how the unit agreed to each membership, an audit row per
 * changed field, and correction requests the unit decides. Existing rows are backfilled so that
 * the group of a unit's first membership is the group that registered it; every later membership
 * of the unit waits for the unit to confirm it (the safe reading of history that did not record consent).
 */
export class SharedMasterData1764200000000 implements MigrationInterface {
  name = 'SharedMasterData1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('organization', [new TableColumn(ref('createdByGroupId', true)), new TableColumn(text('createdBy', 64, true))]);
    await q.addColumn('membership', new TableColumn(text('consent', 16, true)));

    await q.createTable(
      new Table({
        name: 'organization_change',
        columns: [
          idColumn(),
          ref('organizationId'),
          text('field', 32),
          text('oldValue', 200, true),
          text('newValue', 200, true),
          text('via', 16),
          text('changedBy', 64),
          ref('changedByOrganizationId', true),
          ref('changedByGroupId', true),
          ref('correctionId', true),
          timestamp('at'),
        ],
        indices: [{ name: 'ix_organization_change_org', columnNames: ['organizationId', 'at'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'organization_correction',
        columns: [
          idColumn(),
          ref('organizationId'),
          ref('groupId'),
          { name: 'fields', type: 'text' },
          text('reason', 500),
          text('status', 16),
          text('proposedBy', 64),
          timestamp('proposedAt'),
          text('decidedBy', 64, true),
          timestamp('decidedAt', true),
          text('decisionReason', 500, true),
        ],
        indices: [{ name: 'ix_organization_correction_org', columnNames: ['organizationId', 'status'] }],
      }),
    );

    const memberships: { id: string; groupId: string; organizationId: string }[] = await q.manager
      .createQueryBuilder()
      .select(['m.id AS id', 'm.groupId AS groupId', 'm.organizationId AS organizationId'])
      .from('membership', 'm')
      .orderBy('m.createdAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getRawMany();
    const first = new Map<string, { id: string; groupId: string }>();
    for (const m of memberships) if (!first.has(m.organizationId)) first.set(m.organizationId, m);
    for (const [organizationId, m] of first) {
      await q.manager.createQueryBuilder().update('organization').set({ createdByGroupId: m.groupId }).where('id = :id', { id: organizationId }).execute();
      await q.manager.createQueryBuilder().update('membership').set({ consent: 'REGISTERED' }).where('id = :id', { id: m.id }).execute();
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('organization_correction');
    await q.dropTable('organization_change');
    await q.dropColumn('membership', 'consent');
    await q.dropColumns('organization', ['createdBy', 'createdByGroupId']);
  }
}
