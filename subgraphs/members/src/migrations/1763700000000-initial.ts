import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';
import { dateColumn as date, idColumn, refColumn as ref, textColumn as text } from '@zjjt/kit';

// Written with TypeORM's Table API rather than SQL, so one migration serves SQLite and MySQL/MariaDB.
const timestamp = (name: string): TableColumnOptions => ({ name, type: 'datetime', precision: 3 });
const created = (): TableColumnOptions[] => [
  { ...timestamp('createdAt'), default: 'CURRENT_TIMESTAMP(3)' },
  { ...timestamp('updatedAt'), default: 'CURRENT_TIMESTAMP(3)' },
];

export class Initial1763700000000 implements MigrationInterface {
  name = 'Initial1763700000000';

  async up(q: QueryRunner): Promise<void> {
    const sqlite = q.connection.options.type === 'better-sqlite3';
    // SQLite has no CURRENT_TIMESTAMP(3); its datetime('now') has no milliseconds but is a valid default.
    const timestamps = () => created().map((c) => ({ ...c, default: sqlite ? "(datetime('now'))" : c.default }));

    await q.createTable(
      new Table({
        name: 'organization',
        columns: [
          idColumn(),
          text('name', 100),
          text('uscc', 18),
          text('type', 32),
          text('region', 6),
          text('industry', 50),
          { name: 'aboveDesignatedSize', type: 'boolean', default: false },
          { name: 'fortune500', type: 'boolean', default: false },
          text('website', 200, true),
          text('address', 200, true),
          text('contactPerson', 50, true),
          text('contactPhone', 20, true),
          text('contactEmail', 100, true),
          text('updatedBy', 64, true),
          ...timestamps(),
        ],
        uniques: [{ name: 'uq_organization_uscc', columnNames: ['uscc'] }],
      }),
    );
    await q.createIndex('organization', new TableIndex({ name: 'ix_organization_name', columnNames: ['name'] }));
    await q.createIndex('organization', new TableIndex({ name: 'ix_organization_type_region', columnNames: ['type', 'region'] }));

    await q.createTable(
      new Table({
        name: 'member_group',
        columns: [
          idColumn(),
          text('code', 32),
          text('name', 100),
          text('shortName', 50, true),
          text('type', 16),
          ref('leadOrganizationId', true),
          text('approvingAuthority', 100, true),
          date('foundedOn'),
          text('region', 6, true),
          { name: 'description', type: 'text', isNullable: true },
          ...timestamps(),
        ],
        uniques: [{ name: 'uq_group_code', columnNames: ['code'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'group_designation',
        columns: [idColumn(), ref('groupId'), text('title', 100), text('issuer', 100), date('awardedOn', false)],
        indices: [{ name: 'ix_designation_group', columnNames: ['groupId'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'council_term',
        columns: [idColumn(), ref('groupId'), { name: 'number', type: 'int' }, date('startsOn', false), date('endsOn')],
        uniques: [{ name: 'uq_term_group_number', columnNames: ['groupId', 'number'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'membership',
        columns: [
          idColumn(),
          ref('groupId'),
          ref('organizationId'),
          text('role', 32),
          { name: 'roleRank', type: 'int' },
          text('status', 16),
          ref('councilTermId', true),
          date('appliedOn'),
          date('joinedOn'),
          date('exitedOn'),
          text('exitReason', 500, true),
          text('rejectionReason', 500, true),
          text('statement', 1000, true),
          ...timestamps(),
        ],
        uniques: [{ name: 'uq_membership_group_org', columnNames: ['groupId', 'organizationId'] }],
        indices: [
          { name: 'ix_membership_group_status_rank', columnNames: ['groupId', 'status', 'roleRank'] },
          { name: 'ix_membership_org', columnNames: ['organizationId'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'membership_event',
        columns: [
          idColumn(),
          ref('membershipId'),
          text('action', 16),
          text('fromStatus', 16, true),
          text('toStatus', 16),
          text('fromRole', 32, true),
          text('toRole', 32),
          text('reason', 1000, true),
          date('effectiveOn'),
          text('actorUserId', 64),
          timestamp('at'),
        ],
        indices: [{ name: 'ix_event_membership', columnNames: ['membershipId', 'at'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notice',
        columns: [
          idColumn(),
          ref('groupId'),
          text('kind', 16),
          text('title', 200),
          text('documentNumber', 100, true),
          { name: 'body', type: 'text' },
          { name: 'attachments', type: 'text' },
          text('publishedAt', 24),
          text('publishedBy', 64),
        ],
        indices: [{ name: 'ix_notice_group_published', columnNames: ['groupId', 'publishedAt'] }],
      }),
    );

    await q.createTable(
      new Table({
        name: 'notice_read',
        columns: [idColumn(), ref('noticeId'), ref('organizationId'), text('readBy', 64), timestamp('readAt')],
        uniques: [{ name: 'uq_notice_read', columnNames: ['noticeId', 'organizationId'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['notice_read', 'notice', 'membership_event', 'membership', 'council_term', 'group_designation', 'member_group', 'organization']) {
      await q.dropTable(table);
    }
  }
}
