import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { fillTrainedPersons } from '../trainee/trained-person';

/**
 * The trained persons of each group and year (`trained_person`), filled from the rosters already
 * imported: the distinct persons of a report, and of a region's roll-up, are counted over it.
 */
export class BasesTrainedPersons1764700000000 implements MigrationInterface {
  name = 'BasesTrainedPersons1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'trained_person',
        columns: [
          { name: 'groupId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'year', type: 'int', isPrimary: true },
          { name: 'idNumberHash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'social', type: 'int', isPrimary: true },
        ],
      }),
    );
    await q.createIndex('trained_person', new TableIndex({ name: 'ix_trained_person_year', columnNames: ['year', 'idNumberHash', 'groupId', 'social'] }));
    await fillTrainedPersons(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('trained_person');
  }
}
