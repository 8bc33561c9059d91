import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from 'typeorm';
import { idColumn, intColumn as int, refColumn as ref, textColumn as text } from '@zjjt/kit';

// TypeORM's Table API rather than SQL, so one migration serves SQLite and MySQL/MariaDB.
const ledger = (): TableColumnOptions[] => [ref('baseId'), ref('groupId'), ref('organizationId')];

export class BasesInitial1763900000000 implements MigrationInterface {
  name = 'BasesInitial1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const tables = [
      new Table({
        name: 'training_base',
        columns: [
          idColumn(),
          ref('groupId'),
          text('name', 200),
          text('kind', 32),
          { name: 'occupations', type: 'text' },
          int('capacity'),
          text('location', 200, true),
          { name: 'description', type: 'text', isNullable: true },
          text('createdAt', 24),
        ],
        indices: [{ name: 'ix_base_group', columnNames: ['groupId'] }],
      }),
      new Table({
        name: 'base_co_builder',
        columns: [idColumn(), ref('baseId'), ref('organizationId'), text('role', 16)],
        uniques: [{ name: 'uq_co_builder', columnNames: ['baseId', 'organizationId'] }],
        indices: [{ name: 'ix_co_builder_org', columnNames: ['organizationId'] }],
      }),
      new Table({
        name: 'base_designation',
        columns: [idColumn(), ref('baseId'), text('level', 16), text('title', 200), text('issuer', 100), text('awardedOn', 10)],
        indices: [{ name: 'ix_base_designation', columnNames: ['baseId'] }],
      }),
      new Table({
        name: 'training_program',
        columns: [
          idColumn(),
          ...ledger(),
          text('code', 50),
          text('name', 200),
          text('category', 32),
          text('mode', 16),
          { name: 'targetGroups', type: 'text' },
          text('clientName', 200, true),
          text('clientUscc', 18, true),
          { name: 'subsidised', type: 'boolean' },
          int('year'),
          ref('importId'),
        ],
        uniques: [{ name: 'uq_program_code', columnNames: ['baseId', 'code'] }],
      }),
      new Table({
        name: 'program_target_group',
        columns: [
          { ...ref('programId'), isPrimary: true },
          { ...text('targetGroup', 32), isPrimary: true },
        ],
      }),
      new Table({
        name: 'training_session',
        columns: [
          idColumn(),
          ...ledger(),
          ref('programId'),
          text('category', 32),
          text('mode', 16),
          text('code', 50),
          text('startsOn', 10),
          text('endsOn', 10),
          text('month', 7),
          int('year'),
          int('personTimes'),
          int('hours'),
          { name: 'revenue', type: 'bigint' },
          ref('importId'),
        ],
        uniques: [{ name: 'uq_session_code', columnNames: ['baseId', 'code'] }],
        indices: [
          { name: 'ix_session_group_year', columnNames: ['groupId', 'year'] },
          { name: 'ix_session_org_year', columnNames: ['organizationId', 'year'] },
          { name: 'ix_session_program', columnNames: ['programId'] },
        ],
      }),
      new Table({
        name: 'certification_batch',
        columns: [
          idColumn(),
          ...ledger(),
          text('code', 50),
          text('occupation', 50),
          text('level', 16),
          int('candidates'),
          int('passed'),
          text('assessedOn', 10),
          int('year'),
          ref('importId'),
        ],
        uniques: [{ name: 'uq_certification_code', columnNames: ['baseId', 'code'] }],
        indices: [
          { name: 'ix_certification_group_year', columnNames: ['groupId', 'year'] },
          { name: 'ix_certification_org_year', columnNames: ['organizationId', 'year'] },
        ],
      }),
      new Table({
        name: 'trainee',
        columns: [
          idColumn(),
          ref('baseId'),
          ref('groupId'),
          ref('sessionId'),
          text('name', 50),
          text('idNumberSealed', 80),
          text('idNumberHash', 64),
          text('idNumberMasked', 18),
          text('phoneSealed', 80, true),
          text('phoneMasked', 11, true),
          ref('importId'),
        ],
        uniques: [{ name: 'uq_trainee_session_person', columnNames: ['sessionId', 'idNumberHash'] }],
        indices: [
          { name: 'ix_trainee_person', columnNames: ['idNumberHash'] },
          { name: 'ix_trainee_base', columnNames: ['baseId'] },
        ],
      }),
      new Table({
        name: 'pii_reveal_audit',
        columns: [idColumn(), ref('traineeId'), ref('groupId'), text('field', 16), text('reason', 500), text('actorUserId', 64), text('at', 24)],
        indices: [{ name: 'ix_reveal_trainee', columnNames: ['traineeId'] }],
      }),
      new Table({
        name: 'ledger_import',
        columns: [
          idColumn(),
          ref('baseId'),
          ref('groupId'),
          ref('organizationId'),
          text('fileSha256', 64),
          text('fileName', 200),
          int('programs'),
          int('sessions'),
          int('certifications'),
          int('trainees'),
          text('importedBy', 64),
          text('importedAt', 24),
        ],
        uniques: [{ name: 'uq_import_file', columnNames: ['baseId', 'fileSha256'] }],
      }),
    ];
    for (const table of tables) await q.createTable(table);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ledger_import',
      'pii_reveal_audit',
      'trainee',
      'certification_batch',
      'training_session',
      'program_target_group',
      'training_program',
      'base_designation',
      'base_co_builder',
      'training_base',
    ]) {
      await q.dropTable(table);
    }
  }
}
