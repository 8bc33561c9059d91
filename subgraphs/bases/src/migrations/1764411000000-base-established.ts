import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { dateColumn } from '@zjjt/kit';

/**
 * 建成日期 of a base: the annual report counts the bases that existed in its year. A base registered
 * before this column existed is taken as established on the day it was registered on the hub (the
 * only date the hub knows of it); the secretariat corrects it where the base is older.
 */
export class BaseEstablished1764411000000 implements MigrationInterface {
  name = 'BaseEstablished1764411000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('training_base', new TableColumn(dateColumn('establishedOn')));
    await q.query('UPDATE training_base SET establishedOn = SUBSTR(createdAt, 1, 10) WHERE establishedOn IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('training_base', 'establishedOn');
  }
}
