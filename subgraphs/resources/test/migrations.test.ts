import { openDataSource } from '@zjjt/kit';
import { dropTestDatabase, testDatabase } from '@zjjt/kit/testing';
import { ResourcesInitial1763800000000 } from '../src/migrations/1763800000000-initial';
import { CooperationAudit1764300000000 } from '../src/migrations/1764300000000-cooperation-audit';
import { EnterpriseTeachers1764411000000 } from '../src/migrations/1764411000000-enterprise-teachers';

describe('the migration of an existing database', () => {
  it('gives rows without 互兼互聘 an enterprise part of 0 and leaves the direction of the others unknown, never guessed', async () => {
    const config = testDatabase('resources-migration');
    const before = await openDataSource(config, { entities: [], migrations: [ResourcesInitial1763800000000, CooperationAudit1764300000000] });
    const insert = (id: string, mutualTeachers: number, mutualTeachingHours: number) =>
      before.query(
        `INSERT INTO cooperation (id, groupId, organizationId, partnerId, partnerUscc, year, projectName, mutualTeachers, mutualTeachingHours, recordedBy, updatedAt)
         VALUES (?, 'group-1', 'org-school', 'org-enterprise', '913700000000000000', 2024, '迁移测试', ?, ?, 'seed', '2025-01-01T00:00:00.000Z')`,
        [id, mutualTeachers, mutualTeachingHours],
      );
    await insert('row-none', 0, 0);
    await insert('row-teachers', 3, 96);
    await insert('row-teachers-no-hours', 2, 0);
    await before.destroy();

    const after = await openDataSource(config, {
      entities: [],
      migrations: [ResourcesInitial1763800000000, CooperationAudit1764300000000, EnterpriseTeachers1764411000000],
    });
    try {
      const rows = await after.query('SELECT id, enterpriseTeachers, enterpriseTeachingHours FROM cooperation ORDER BY id');
      expect(
        rows.map((r: Record<string, unknown>) => ({
          ...r,
          enterpriseTeachers: r.enterpriseTeachers === null ? null : Number(r.enterpriseTeachers),
          enterpriseTeachingHours: r.enterpriseTeachingHours === null ? null : Number(r.enterpriseTeachingHours),
        })),
      ).toEqual([
        { id: 'row-none', enterpriseTeachers: 0, enterpriseTeachingHours: 0 },
        { id: 'row-teachers', enterpriseTeachers: null, enterpriseTeachingHours: null },
        { id: 'row-teachers-no-hours', enterpriseTeachers: null, enterpriseTeachingHours: 0 },
      ]);
    } finally {
      await after.destroy();
      await dropTestDatabase(config);
    }
  });
});
