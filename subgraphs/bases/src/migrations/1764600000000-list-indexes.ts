import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for what the lists read by a key other than their group's: the awards of a page of
 * competitions (`Competition.awards`), and a group's reveals of personal information, newest first
 * (`revealAudits`).
 */
export class BasesListIndexes1764600000000 implements MigrationInterface {
  name = 'BasesListIndexes1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('competition_award', new TableIndex({ name: 'ix_competition_award_competition', columnNames: ['competitionId'] }));
    await q.createIndex('pii_reveal_audit', new TableIndex({ name: 'ix_reveal_group', columnNames: ['groupId', 'at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('pii_reveal_audit', 'ix_reveal_group');
    await q.dropIndex('competition_award', 'ix_competition_award_competition');
  }
}
