import { openDataSource } from '@zjjt/kit';
import { dropTestDatabase, testDatabase } from '@zjjt/kit/testing';
import { BasesInitial1763900000000 } from '../src/migrations/1763900000000-initial';
import { BaseEstablished1764411000000 } from '../src/migrations/1764411000000-base-established';
import { BasesTrainedPersons1764700000000 } from '../src/migrations/1764700000000-trained-persons';
import { bases } from '../src/schema';

describe('the migration of an existing database', () => {
  it('takes a base registered before 建成日期 existed as established on the day it was registered', async () => {
    const config = testDatabase('bases-migration');
    const before = await openDataSource(config, { entities: [], migrations: [BasesInitial1763900000000] });
    await before.query(
      `INSERT INTO training_base (id, groupId, name, kind, occupations, capacity, createdAt) VALUES ('base-1', 'group-1', '迁移测试基地', 'TRAINING_BASE', '["钳工"]', 10, '2019-06-30T23:30:00.000Z')`,
    );
    await before.destroy();

    const after = await openDataSource(config, { entities: [], migrations: [BasesInitial1763900000000, BaseEstablished1764411000000] });
    try {
      expect(await after.query('SELECT id, establishedOn FROM training_base')).toEqual([{ id: 'base-1', establishedOn: '2019-06-30' }]);
    } finally {
      await after.destroy();
      await dropTestDatabase(config);
    }
  });
});

describe('the trained persons of an existing database', () => {
  it('are filled from the rosters already imported: a person once per group, year and kind of training', async () => {
    const config = testDatabase('bases-trained-persons');
    const all = bases.migrations as (typeof BasesTrainedPersons1764700000000)[];
    const earlier = all.filter((m) => m !== BasesTrainedPersons1764700000000);
    const before = await openDataSource(config, { entities: [], migrations: earlier });
    const session = (id: string, year: number, category: string) =>
      `('${id}', 'base-1', 'group-1', 'program-1', 'org-1', '${category}', 'OFFLINE', 'EMPLOYEES', '${id}', '${year}-03-01', '${year}-03-02', '${year}-03', ${year}, 2, 8, 0, 'import-1')`;
    await before.query(
      `INSERT INTO training_session (id, baseId, groupId, programId, organizationId, category, mode, targetGroup, code, startsOn, endsOn, month, year, personTimes, hours, revenue, importId) VALUES ${[
        session('s-social', 2025, 'EMPLOYEE_SKILLS'),
        session('s-school', 2025, 'STUDENT_CERTIFICATE'),
        session('s-2024', 2024, 'EMPLOYEE_SKILLS'),
      ].join(', ')}`,
    );
    const trainee = (id: string, sessionId: string, hash: string) =>
      `('${id}', 'base-1', 'group-1', '${sessionId}', '学员', 'sealed', '${hash}', '370102********7772', NULL, NULL, 'import-1')`;
    await before.query(
      `INSERT INTO trainee (id, baseId, groupId, sessionId, name, idNumberSealed, idNumberHash, idNumberMasked, phoneSealed, phoneMasked, importId) VALUES ${[
        trainee('t1', 's-social', 'hash-a'),
        trainee('t2', 's-school', 'hash-a'),
        trainee('t3', 's-social', 'hash-b'),
        trainee('t4', 's-2024', 'hash-a'),
      ].join(', ')}`,
    );
    await before.destroy();

    const after = await openDataSource(config, { entities: [], migrations: all });
    try {
      const rows = await after.query('SELECT groupId, year, idNumberHash, social FROM trained_person ORDER BY year, idNumberHash, social');
      expect(rows.map((r: Record<string, unknown>) => ({ ...r, year: Number(r.year), social: Number(r.social) }))).toEqual([
        { groupId: 'group-1', year: 2024, idNumberHash: 'hash-a', social: 1 },
        { groupId: 'group-1', year: 2025, idNumberHash: 'hash-a', social: 0 },
        { groupId: 'group-1', year: 2025, idNumberHash: 'hash-a', social: 1 },
        { groupId: 'group-1', year: 2025, idNumberHash: 'hash-b', social: 1 },
      ]);
    } finally {
      await after.destroy();
      await dropTestDatabase(config);
    }
  });
});
