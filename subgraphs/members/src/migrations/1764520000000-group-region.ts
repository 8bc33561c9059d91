import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * A group's region decides which authorities read it (an AUTHORITY reads the groups registered in
 * its 行政区划 prefix only): a group registered without one takes its lead unit's region, and the
 * region is indexed for the gateway's and the roll-up's prefix lookups.
 */
export class GroupRegion1764520000000 implements MigrationInterface {
  name = 'GroupRegion1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'UPDATE member_group SET region = (SELECT o.region FROM organization o WHERE o.id = member_group.leadOrganizationId) ' +
        'WHERE region IS NULL AND leadOrganizationId IS NOT NULL',
    );
    await q.createIndex('member_group', new TableIndex({ name: 'ix_member_group_region', columnNames: ['region'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('member_group', 'ix_member_group_region');
  }
}
