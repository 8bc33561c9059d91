import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { idColumn, intColumn as int, textColumn as text } from '@zjjt/kit';

/** The return figures when this migration was written (later ones are added by their own migrations). */
const RETURN_FIGURES_THEN = [
  'enrolledStudents',
  'fullTimeTeachers',
  'dualQualifiedTeachers',
  'graduates',
  'employedGraduates',
  'employees',
  'specialties',
  'internsReceived',
];

// TypeORM's Table API rather than SQL, so one migration serves SQLite and MySQL/MariaDB.

export class StatisticsInitial1764000000000 implements MigrationInterface {
  name = 'StatisticsInitial1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'collection_round',
        columns: [idColumn(), text('groupId', 36), int('year'), text('dueOn', 10), text('status', 16), text('openedBy', 64), text('openedAt', 24)],
        uniques: [{ name: 'uq_round_group_year', columnNames: ['groupId', 'year'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'annual_return',
        columns: [
          idColumn(),
          text('roundId', 36),
          text('groupId', 36),
          int('year'),
          text('organizationId', 36),
          text('status', 16),
          ...RETURN_FIGURES_THEN.map((name) => int(name, true)),
          int('dualQualifiedPercentCents', true),
          text('reviewComment', 500, true),
          text('submittedAt', 24, true),
          text('reviewedBy', 64, true),
          text('reviewedAt', 24, true),
          text('updatedBy', 64),
          text('updatedAt', 24),
        ],
        uniques: [{ name: 'uq_return_round_org', columnNames: ['roundId', 'organizationId'] }],
        indices: [{ name: 'ix_return_group_year_status', columnNames: ['groupId', 'year', 'status'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'target',
        columns: [idColumn(), text('groupId', 36), int('year'), text('indicator', 32), text('scope', 36), int('thresholdCents'), text('createdBy', 64)],
        uniques: [{ name: 'uq_target', columnNames: ['groupId', 'year', 'indicator', 'scope'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['target', 'annual_return', 'collection_round']) await q.dropTable(table);
  }
}
