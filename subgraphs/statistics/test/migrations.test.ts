import { openDataSource } from '@zjjt/kit';
import { dropTestDatabase, testDatabase } from '@zjjt/kit/testing';
import { StatisticsInitial1764000000000 } from '../src/migrations/1764000000000-initial';
import { Submissions1764100000000 } from '../src/migrations/1764100000000-submissions';
import { ReturnGaps1764411000000 } from '../src/migrations/1764411000000-return-gaps';
import { ReturnPolicyFigures1764500000000 } from '../src/migrations/1764500000000-return-policy-figures';
import { TargetYears1764500000001 } from '../src/migrations/1764500000001-target-years';

const BEFORE = [StatisticsInitial1764000000000, Submissions1764100000000, ReturnGaps1764411000000];

describe('the migration of an existing database', () => {
  it('keeps a one-year target set before ranges existed as a target for that year; returns get the policy figures unreported', async () => {
    const config = testDatabase('statistics-migration');
    const before = await openDataSource(config, { entities: [], migrations: BEFORE });
    await before.query(
      `INSERT INTO target (id, groupId, year, indicator, scope, thresholdCents, createdBy) VALUES ('t-1', 'group-1', 2024, 'TRAINING_PER_STUDENT', 'GROUP', 200, 'sec')`,
    );
    await before.query(
      `INSERT INTO annual_return (id, roundId, groupId, year, organizationId, status, graduates, employedGraduates, updatedBy, updatedAt)
       VALUES ('r-1', 'round-1', 'group-1', 2024, 'org-1', 'APPROVED', 100, 90, 'u', '2025-01-01T00:00:00.000Z')`,
    );
    await before.destroy();

    const after = await openDataSource(config, { entities: [], migrations: [...BEFORE, ReturnPolicyFigures1764500000000, TargetYears1764500000001] });
    try {
      expect(await after.query('SELECT id, year, toYear FROM target')).toEqual([{ id: 't-1', year: 2024, toYear: 2024 }]);
      expect(await after.query('SELECT graduates, employedGraduates, employedInField, coBuiltSpecialties, admissions FROM annual_return')).toEqual([
        { graduates: 100, employedGraduates: 90, employedInField: null, coBuiltSpecialties: null, admissions: null },
      ]);
    } finally {
      await after.destroy();
      await dropTestDatabase(config);
    }
  });
});
