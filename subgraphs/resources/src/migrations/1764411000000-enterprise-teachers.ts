import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { intColumn } from '@zjjt/kit';

/**
 * The direction of 互兼互聘 on a cooperation row: how many of its teachers (and hours) are enterprise
 * staff teaching in a school (企业兼职教师). Rows recorded before had no direction: where the row had no
 * mutual teachers (hours) the part is 0; otherwise it is left empty (unknown) — the hub cannot tell
 * which way the teachers went, so the report shows 企业兼职教师数 as not reported until the unit or the
 * secretariat states it with updateCooperation.
 */
export class EnterpriseTeachers1764411000000 implements MigrationInterface {
  name = 'EnterpriseTeachers1764411000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('cooperation', [new TableColumn(intColumn('enterpriseTeachers', true)), new TableColumn(intColumn('enterpriseTeachingHours', true))]);
    await q.query('UPDATE cooperation SET enterpriseTeachers = 0 WHERE mutualTeachers = 0');
    await q.query('UPDATE cooperation SET enterpriseTeachingHours = 0 WHERE mutualTeachingHours = 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('cooperation', 'enterpriseTeachingHours');
    await q.dropColumn('cooperation', 'enterpriseTeachers');
  }
}
