import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dateColumn, idColumn, intColumn as int, refColumn as ref, textColumn as text } from '@zjjt/kit';

/** 会议/活动 of a group and the units invited to each, with their attendance. */
export class Meetings1764510000000 implements MigrationInterface {
  name = 'Meetings1764510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'meeting',
        columns: [
          idColumn(),
          ref('groupId'),
          text('kind', 24),
          text('title', 200),
          dateColumn('heldOn', false),
          int('year'),
          text('place', 200, true),
          { name: 'organizerIds', type: 'text' },
          { name: 'agenda', type: 'text', isNullable: true },
          { name: 'minutes', type: 'text', isNullable: true },
          { name: 'resolutions', type: 'text' },
          { name: 'attachments', type: 'text' },
          text('recordedBy', 64),
          text('recordedAt', 24),
          text('updatedBy', 64),
          text('updatedAt', 24),
        ],
        indices: [
          { name: 'ix_meeting_group_held', columnNames: ['groupId', 'heldOn'] },
          { name: 'ix_meeting_group_year', columnNames: ['groupId', 'year'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'meeting_participant',
        columns: [idColumn(), ref('meetingId'), ref('groupId'), ref('organizationId'), text('attendance', 16, true)],
        uniques: [{ name: 'uq_meeting_participant', columnNames: ['meetingId', 'organizationId'] }],
        indices: [{ name: 'ix_meeting_participant_org', columnNames: ['organizationId', 'groupId'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('meeting_participant');
    await q.dropTable('meeting');
  }
}
