import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for what the lists and the annual report filter on: a group's completed requests of a
 * year (the sharing section, also over a region's groups), and the published resources anyone may
 * see (anonymous visitors, and every user beside their own groups' resources), newest first.
 */
export class ResourcesListIndexes1764600000000 implements MigrationInterface {
  name = 'ResourcesListIndexes1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('resource_request', new TableIndex({ name: 'ix_request_group_status', columnNames: ['groupId', 'status', 'completedAt'] }));
    await q.createIndex('shared_resource', new TableIndex({ name: 'ix_resource_visibility', columnNames: ['visibility', 'status', 'publishedAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('shared_resource', 'ix_resource_visibility');
    await q.dropIndex('resource_request', 'ix_request_group_status');
  }
}
