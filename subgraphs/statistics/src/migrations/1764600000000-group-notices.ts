import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dateColumn, idColumn, refColumn, textColumn as text } from '@zjjt/kit';

/**
 * 消息管理: notices (通知, 催报) and each recipient unit's copy with its read receipt. Existing collection
 * rounds keep the due date they were opened with; nothing else changes.
 */
export class GroupNotices1764600000000 implements MigrationInterface {
  name = 'GroupNotices1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'group_notice',
        columns: [
          idColumn(),
          refColumn('groupId'),
          text('kind', 16),
          text('audience', 16),
          text('unitCategories', 64, true),
          refColumn('roundId', true),
          dateColumn('dueOn'),
          text('title', 100),
          { name: 'body', type: 'text' },
          text('sentBy', 64),
          text('sentAt', 24),
        ],
        indices: [{ name: 'ix_notice_group_sent', columnNames: ['groupId', 'sentAt'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_notice_recipient',
        columns: [
          idColumn(),
          refColumn('noticeId'),
          refColumn('groupId'),
          refColumn('organizationId'),
          text('kind', 16),
          text('sentAt', 24),
          text('readAt', 24, true),
          text('readBy', 64, true),
        ],
        uniques: [{ name: 'uq_recipient_notice_org', columnNames: ['noticeId', 'organizationId'] }],
        indices: [{ name: 'ix_recipient_org_kind_sent', columnNames: ['groupId', 'organizationId', 'kind', 'sentAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('group_notice_recipient');
    await q.dropTable('group_notice');
  }
}
