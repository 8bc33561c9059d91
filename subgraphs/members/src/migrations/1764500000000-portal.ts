import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { idColumn, refColumn as ref, textColumn as text } from '@zjjt/kit';

/** The portal: bulletins and news, a group's join instructions, and join inquiries from units not on the hub (contact data sealed). */
export class Portal1764500000000 implements MigrationInterface {
  name = 'Portal1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('member_group', new TableColumn({ name: 'joinInstructions', type: 'text', isNullable: true }));
    await q.createTable(
      new Table({
        name: 'bulletin',
        columns: [
          idColumn(),
          ref('groupId'),
          text('kind', 16),
          text('title', 200),
          text('cover', 500, true),
          { name: 'body', type: 'text' },
          { name: 'attachments', type: 'text' },
          text('status', 16),
          text('publishedAt', 24, true),
          text('createdBy', 64),
          text('changedAt', 24),
          text('changedBy', 64),
        ],
        indices: [
          { name: 'ix_bulletin_group_published', columnNames: ['groupId', 'status', 'publishedAt'] },
          { name: 'ix_bulletin_group_changed', columnNames: ['groupId', 'changedAt'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'join_inquiry',
        columns: [
          idColumn(),
          ref('groupId'),
          text('unitName', 100),
          text('uscc', 18),
          { name: 'contactNameSealed', type: 'text' },
          { name: 'contactPhoneSealed', type: 'text' },
          { name: 'contactEmailSealed', type: 'text', isNullable: true },
          { name: 'messageSealed', type: 'text', isNullable: true },
          text('clientKey', 64),
          text('status', 16),
          text('receivedAt', 24),
          text('decidedBy', 64, true),
          text('decidedAt', 24, true),
          text('declineReason', 500, true),
          ref('membershipId', true),
        ],
        indices: [
          { name: 'ix_join_inquiry_group', columnNames: ['groupId', 'receivedAt'] },
          { name: 'ix_join_inquiry_client', columnNames: ['clientKey', 'receivedAt'] },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('join_inquiry');
    await q.dropTable('bulletin');
    await q.dropColumn('member_group', 'joinInstructions');
  }
}
