import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { dateColumn, idColumn, intColumn as int, refColumn as ref, textColumn as text } from '@zjjt/kit';

/** 技能大赛: competitions, their participating units, entrants (personal data sealed) and awards. */
export class BasesCompetitions1764500000000 implements MigrationInterface {
  name = 'BasesCompetitions1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'competition',
        columns: [
          idColumn(),
          ref('groupId'),
          text('name', 200),
          text('level', 24),
          text('role', 16),
          dateColumn('heldOn', false),
          int('year'),
          text('place', 200, true),
          text('recordedBy', 64),
          text('recordedAt', 24),
        ],
        indices: [{ name: 'ix_competition_group_year', columnNames: ['groupId', 'year'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competition_unit',
        columns: [idColumn(), ref('competitionId'), ref('groupId'), ref('organizationId')],
        uniques: [{ name: 'uq_competition_unit', columnNames: ['competitionId', 'organizationId'] }],
        indices: [{ name: 'ix_competition_unit_org', columnNames: ['organizationId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competition_entrant',
        columns: [
          idColumn(),
          ref('competitionId'),
          ref('groupId'),
          ref('organizationId'),
          text('kind', 8),
          text('name', 50),
          text('event', 200, true),
          text('idNumberSealed', 80),
          text('idNumberHash', 64),
          text('idNumberMasked', 18),
          text('phoneSealed', 80, true),
          text('phoneMasked', 11, true),
        ],
        uniques: [{ name: 'uq_competition_entrant_person', columnNames: ['competitionId', 'idNumberHash'] }],
        indices: [{ name: 'ix_competition_entrant_org', columnNames: ['competitionId', 'organizationId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'competition_award',
        columns: [
          idColumn(),
          ref('competitionId'),
          ref('groupId'),
          int('year'),
          text('level', 16),
          text('event', 200, true),
          text('team', 200, true),
          { name: 'entrantIds', type: 'text' },
        ],
        indices: [{ name: 'ix_competition_award_group', columnNames: ['groupId', 'year'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['competition_award', 'competition_entrant', 'competition_unit', 'competition']) await q.dropTable(table);
  }
}
