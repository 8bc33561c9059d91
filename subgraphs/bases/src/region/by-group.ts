import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { exactSum, Money, parseRegionReportId, regionGroupsOf } from '@zjjt/kit';
import { BasesContext } from '../context';
import { IN_SCHOOL_CATEGORIES } from '../enums';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';
import { RevenueEntry } from '../revenue/revenue.entity';
import { knownNumber, knownSum } from '../report/unreported';
import { RegionReport } from '../stubs';

@ObjectType({ description: '地区汇总：每个集团的培训与鉴定数字（排名用）' })
export class GroupTrainingFigures {
  @Field(() => ID) groupId!: string;
  @Field(() => Int, { description: '培训人次' }) personTimes!: number;
  @Field(() => Int, { description: '社会培训人次' }) socialPersonTimes!: number;
  @Field(() => Int, { description: '鉴定参加人数' }) candidates!: number;
  @Field(() => Int, { nullable: true, description: '鉴定通过人数；有批次未填报时为空' }) passed!: number | null;
}

@ObjectType({ description: '地区汇总：每个集团的社会服务到账（排名用）' })
export class GroupRevenueFigures {
  @Field(() => ID) groupId!: string;
  @Field(() => Money, { nullable: true, description: '社会服务到账合计（元）；当年没有到账台账时为空' }) total!: string | null;
}

/** Every group's training figures of the year: two statements grouped by groupId, whatever the number of groups. */
export async function trainingByGroup(db: DataSource, groupIds: readonly string[], year: number): Promise<GroupTrainingFigures[]> {
  const [sessions, batches]: [{ groupId: string; personTimes: string; social: string }[], { groupId: string; candidates: string; passed: unknown }[]] =
    await Promise.all([
      db
        .getRepository(TrainingSession)
        .createQueryBuilder('s')
        .select('s.groupId', 'groupId')
        .addSelect('COALESCE(SUM(s.personTimes), 0)', 'personTimes')
        .addSelect('COALESCE(SUM(CASE WHEN s.category NOT IN (:...inSchool) THEN s.personTimes ELSE 0 END), 0)', 'social')
        .where('s.groupId IN (:...groupIds) AND s.year = :year', { groupIds, year, inSchool: IN_SCHOOL_CATEGORIES })
        .groupBy('s.groupId')
        .getRawMany(),
      db
        .getRepository(CertificationBatch)
        .createQueryBuilder('c')
        .select('c.groupId', 'groupId')
        .addSelect('COALESCE(SUM(c.candidates), 0)', 'candidates')
        .addSelect(knownSum('c.passed'), 'passed')
        .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
        .groupBy('c.groupId')
        .getRawMany(),
    ]);
  const bySession = new Map(sessions.map((s) => [s.groupId, s]));
  const byBatch = new Map(batches.map((b) => [b.groupId, b]));
  return groupIds.filter(Boolean).map((groupId) => ({
    groupId,
    personTimes: Number(bySession.get(groupId)?.personTimes ?? 0),
    socialPersonTimes: Number(bySession.get(groupId)?.social ?? 0),
    candidates: Number(byBatch.get(groupId)?.candidates ?? 0),
    passed: byBatch.has(groupId) ? knownNumber(byBatch.get(groupId)!.passed) : 0,
  }));
}

/** Every group's 社会服务到账 of the year: one statement grouped by groupId; null for a group that recorded none. */
export async function revenueByGroup(db: DataSource, groupIds: readonly string[], year: number): Promise<GroupRevenueFigures[]> {
  const rows: { groupId: string; total: string }[] = await db
    .getRepository(RevenueEntry)
    .createQueryBuilder('r')
    .select('r.groupId', 'groupId')
    .addSelect(exactSum('r.amount'), 'total')
    .where('r.groupId IN (:...groupIds) AND r.year = :year', { groupIds, year })
    .groupBy('r.groupId')
    .getRawMany();
  const totals = new Map(rows.map((r) => [r.groupId, String(r.total)]));
  return groupIds.filter(Boolean).map((groupId) => ({ groupId, total: totals.get(groupId) ?? null }));
}

@Resolver(() => RegionReport)
export class RegionReportByGroupResolver {
  @FieldResolver(() => [GroupTrainingFigures], { nullable: true, description: '每个集团的培训与鉴定数字（集团排名用）' })
  async trainingByGroup(@Root() report: RegionReport, @Ctx() ctx: BasesContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? trainingByGroup(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }

  @FieldResolver(() => [GroupRevenueFigures], { nullable: true, description: '每个集团的社会服务到账（集团排名用）' })
  async revenueByGroup(@Root() report: RegionReport, @Ctx() ctx: BasesContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? revenueByGroup(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
