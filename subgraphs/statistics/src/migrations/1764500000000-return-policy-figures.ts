import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { intColumn as int } from '@zjjt/kit';

/** The figures the provincial policies' indicators need, on every annual return; rows recorded before have them unreported (NULL). */
const FIGURES = [
  'admissions',
  'employedInGroup',
  'employedInField',
  'certifiedGraduates',
  'coBuiltSpecialties',
  'industrialColleges',
  'coDevelopedCourses',
  'coDevelopedTextbooks',
  'staffPracticeReceived',
];

export class ReturnPolicyFigures1764500000000 implements MigrationInterface {
  name = 'ReturnPolicyFigures1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns(
      'annual_return',
      FIGURES.map((name) => new TableColumn(int(name, true))),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of FIGURES) await q.dropColumn('annual_return', name);
  }
}
