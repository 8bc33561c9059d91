import { openDataSource } from '@zjjt/kit';
import { dropTestDatabase, testDatabase } from '@zjjt/kit/testing';
import { BasesInitial1763900000000 } from '../src/migrations/1763900000000-initial';
import { BaseEstablished1764411000000 } from '../src/migrations/1764411000000-base-established';

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
