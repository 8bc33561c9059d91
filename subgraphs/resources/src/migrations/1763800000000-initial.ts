import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, intColumn as int, textColumn as text } from '@zjjt/kit';
import { COUNT_FIELDS, MONEY_FIELDS } from '../cooperation/cooperation.entity';

// TypeORM's Table API rather than SQL, so one migration serves SQLite and MySQL/MariaDB.

export class ResourcesInitial1763800000000 implements MigrationInterface {
  name = 'ResourcesInitial1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'shared_resource',
        columns: [
          idColumn(),
          text('groupId', 36),
          text('providerId', 36),
          text('providerName', 100),
          text('providerType', 32),
          text('providerRegion', 6),
          text('kind', 32),
          text('title', 200),
          { name: 'description', type: 'text', isNullable: true },
          int('capacity'),
          { name: 'reserved', type: 'int', default: 0 },
          text('periodStart', 10),
          text('periodEnd', 10),
          text('location', 200, true),
          text('visibility', 16),
          text('status', 16),
          text('specialty', 100, true),
          text('subject', 100, true),
          int('hours', true),
          text('occupation', 100, true),
          text('publishedAt', 24, true),
          text('updatedAt', 24),
        ],
        indices: [
          { name: 'ix_resource_group_status', columnNames: ['groupId', 'status', 'publishedAt'] },
          { name: 'ix_resource_provider', columnNames: ['providerId'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'resource_request',
        columns: [
          idColumn(),
          text('resourceId', 36),
          text('groupId', 36),
          text('kind', 32),
          text('providerId', 36),
          text('requesterId', 36),
          int('quantity'),
          text('periodStart', 10),
          text('periodEnd', 10),
          text('purpose', 1000),
          text('status', 16),
          text('decisionReason', 500, true),
          int('outcomeParticipants', true),
          int('outcomeHours', true),
          text('outcomeNote', 1000, true),
          text('createdAt', 24),
          text('decidedAt', 24, true),
          text('completedAt', 24, true),
        ],
        indices: [
          { name: 'ix_request_resource', columnNames: ['resourceId', 'status'] },
          { name: 'ix_request_requester', columnNames: ['requesterId', 'createdAt'] },
          { name: 'ix_request_provider', columnNames: ['providerId', 'createdAt'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'cooperation',
        columns: [
          idColumn(),
          text('groupId', 36),
          text('organizationId', 36),
          text('partnerId', 36),
          text('partnerUscc', 18),
          int('year'),
          text('projectName', 200),
          ...COUNT_FIELDS.map((name) => ({ name, type: 'int', default: 0 })),
          ...MONEY_FIELDS.map((name) => ({ name, type: 'bigint', default: 0 })),
          text('recordedBy', 64),
          text('updatedAt', 24),
        ],
        indices: [
          { name: 'ix_cooperation_group_year', columnNames: ['groupId', 'year'] },
          { name: 'ix_cooperation_org_year', columnNames: ['organizationId', 'year'] },
          { name: 'ix_cooperation_partner_year', columnNames: ['partnerId', 'year'] },
        ],
      }),
    );

    await q.createTable(
      new Table({
        name: 'resource_message',
        columns: [
          idColumn(),
          text('recipientId', 36),
          text('title', 200),
          text('body', 1000),
          text('requestId', 36, true),
          text('createdAt', 24),
          text('readAt', 24, true),
        ],
        indices: [{ name: 'ix_message_recipient', columnNames: ['recipientId', 'createdAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['resource_message', 'cooperation', 'resource_request', 'shared_resource']) await q.dropTable(table);
  }
}
