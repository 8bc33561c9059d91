import { DataSource } from 'typeorm';
import { at, BulkWriter, formatCount, Province, provinceId } from '@zjjt/demo';
import { AnnualReturn, CollectionRound } from './collection/collection.entity';
import { ReturnStatus, RoundStatus } from './enums';

/**
 * Statistics' part of the province dataset (@zjjt/demo `buildProvince`): each group's open 2025
 * collection round, with a return from every active member (nine in ten approved, the rest
 * submitted or draft); schools report the school figures, enterprises theirs.
 * Ids: collection-round `group n`, annual-return `n`.
 */
export async function loadProvince(db: DataSource, province: Province): Promise<string> {
  const random = province.random('statistics');
  const rounds = await BulkWriter.open(db, CollectionRound);
  const returns = await BulkWriter.open(db, AnnualReturn);
  let n = 0;
  for (let gi = 0; gi < province.groups.length; gi += 1) {
    const g = province.groups[gi];
    const roundId = provinceId('collection-round', gi + 1);
    rounds.add({ id: roundId, groupId: g.id, year: 2025, dueOn: '2026-03-31', status: RoundStatus.OPEN, openedBy: 'seed', openedAt: at('2026-01-05', 2) });
    for (const unit of g.active) {
      n += 1;
      const x = random.next();
      const status = x < 0.9 ? ReturnStatus.APPROVED : x < 0.95 ? ReturnStatus.SUBMITTED : ReturnStatus.DRAFT;
      const school = (figure: () => number) => (unit.school ? figure() : null);
      const enrolled = random.int(1_500, 15_000);
      const graduates = Math.round(enrolled / 3);
      const teachers = random.int(80, 800);
      const dual = Math.round(teachers * (0.4 + random.next() * 0.4));
      returns.add({
        id: provinceId('annual-return', n),
        roundId,
        groupId: g.id,
        year: 2025,
        organizationId: unit.id,
        status,
        enrolledStudents: school(() => enrolled),
        fullTimeTeachers: school(() => teachers),
        dualQualifiedTeachers: school(() => dual),
        graduates: school(() => graduates),
        employedGraduates: school(() => Math.round(graduates * 0.92)),
        employees: unit.enterprise ? random.int(50, 5_000) : null,
        specialties: school(() => random.int(10, 60)),
        internsReceived: unit.enterprise ? random.int(0, 80) : null,
        dualQualifiedPercentCents: school(() => Math.round((dual / teachers) * 10_000)),
        admissions: school(() => Math.round(enrolled / 3)),
        employedInGroup: school(() => Math.round(graduates * 0.2)),
        employedInField: school(() => Math.round(graduates * 0.7)),
        certifiedGraduates: school(() => Math.round(graduates * 0.6)),
        coBuiltSpecialties: school(() => random.int(1, 10)),
        industrialColleges: school(() => random.int(0, 3)),
        coDevelopedCourses: school(() => random.int(0, 20)),
        coDevelopedTextbooks: school(() => random.int(0, 8)),
        staffPracticeReceived: school(() => random.int(0, 200)),
        reviewComment: null,
        submittedAt: status === ReturnStatus.DRAFT ? null : at('2026-02-10', 2),
        reviewedBy: status === ReturnStatus.APPROVED ? 'seed' : null,
        reviewedAt: status === ReturnStatus.APPROVED ? at('2026-02-20', 2) : null,
        updatedBy: 'seed',
        updatedAt: at('2026-02-20', 2),
      });
      await returns.flushIfFull();
    }
  }
  await rounds.close();
  await returns.close();
  return `${formatCount(rounds.written)} collection rounds, ${formatCount(returns.written)} annual returns`;
}
