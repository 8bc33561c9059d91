import { Field, Int, ObjectType } from 'type-graphql';
import { DataSource, In } from 'typeorm';
import { ReturnStatus } from '../enums';
import { AnnualReturn, RETURN_FIGURES, ReturnFigure } from './collection.entity';

/** The approved annual returns of a group's members for a year, summed. */
@ObjectType({ description: '年报汇总（仅已审核通过）' })
export class ReturnsSection {
  @Field(() => Int, { description: '已审核通过的年报数' }) approved!: number;
  @Field(() => Int, { description: '本轮应交年报数' }) expected!: number;
  @Field(() => Int, { nullable: true, description: '在校生数' }) enrolledStudents!: number | null;
  @Field(() => Int, { nullable: true, description: '专任教师数' }) fullTimeTeachers!: number | null;
  @Field(() => Int, { nullable: true, description: '双师型教师数' }) dualQualifiedTeachers!: number | null;
  @Field(() => Int, { nullable: true, description: '毕业生数' }) graduates!: number | null;
  @Field(() => Int, { nullable: true, description: '就业人数' }) employedGraduates!: number | null;
  @Field(() => Int, { nullable: true, description: '企业职工数' }) employees!: number | null;
  @Field(() => Int, { nullable: true, description: '开设专业数' }) specialties!: number | null;
  @Field(() => Int, { nullable: true, description: '接收实习学生数' }) internsReceived!: number | null;
  @Field(() => Int, { nullable: true, description: '招生数' }) admissions!: number | null;
  @Field(() => Int, { nullable: true, description: '集团内企业就业人数' }) employedInGroup!: number | null;
  @Field(() => Int, { nullable: true, description: '对口就业人数' }) employedInField!: number | null;
  @Field(() => Int, { nullable: true, description: '获得职业资格/技能等级证书的毕业生数' }) certifiedGraduates!: number | null;
  @Field(() => Int, { nullable: true, description: '校企共建专业数' }) coBuiltSpecialties!: number | null;
  @Field(() => Int, { nullable: true, description: '产业学院数' }) industrialColleges!: number | null;
  @Field(() => Int, { nullable: true, description: '校企共同开发课程数' }) coDevelopedCourses!: number | null;
  @Field(() => Int, { nullable: true, description: '校企共同开发教材数' }) coDevelopedTextbooks!: number | null;
  @Field(() => Int, { nullable: true, description: '接收企业员工实践人次' }) staffPracticeReceived!: number | null;
}

/** One statement: SUM of every figure over approved returns, and how many there are of each status. */
export async function returnsSection(db: DataSource, groupId: string, year: number): Promise<ReturnsSection> {
  return (await returnsByGroup(db, [groupId], year)).get(groupId)!;
}

/** The same sums for every group given, in one statement grouped by group (a region's ranking). */
export async function returnsByGroup(db: DataSource, groupIds: readonly string[], year: number): Promise<Map<string, ReturnsSection>> {
  const figures = Object.keys(RETURN_FIGURES) as ReturnFigure[];
  const approved = `CASE WHEN r.status = '${ReturnStatus.APPROVED}'`;
  const rows: Record<string, unknown>[] = await db
    .getRepository(AnnualReturn)
    .createQueryBuilder('r')
    .select('r.groupId', 'groupId')
    .addSelect(`SUM(${approved} THEN 1 ELSE 0 END)`, 'approved')
    .addSelect('COUNT(*)', 'expected')
    .addSelect(figures.map((f) => `SUM(${approved} THEN r.${f} END) AS ${f}`).join(', '))
    .where('r.groupId IN (:...groupIds) AND r.year = :year', { groupIds, year })
    .groupBy('r.groupId')
    .getRawMany();
  const byGroup = new Map(rows.map((row) => [String(row.groupId), row]));
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return new Map(
    groupIds.map((groupId) => {
      const row = byGroup.get(groupId);
      return [
        groupId,
        {
          approved: Number(row?.approved ?? 0),
          expected: Number(row?.expected ?? 0),
          ...(Object.fromEntries(figures.map((f) => [f, n(row?.[f])])) as Record<ReturnFigure, number | null>),
        },
      ];
    }),
  );
}

/**
 * The approved returns of the region's groups for the year, each unit once: a unit in several of the
 * groups has a return in each group's round, and the one reviewed last counts (then the one updated
 * last). `expected` counts distinct units with a return in any of the rounds. One statement.
 */
export async function regionReturnsSection(db: DataSource, groupIds: readonly string[], year: number): Promise<ReturnsSection> {
  const figures = Object.keys(RETURN_FIGURES) as ReturnFigure[];
  const rows = await db.getRepository(AnnualReturn).find({
    select: { organizationId: true, status: true, reviewedAt: true, updatedAt: true, ...Object.fromEntries(figures.map((f) => [f, true])) },
    where: { groupId: In([...groupIds]), year },
  });
  const latest = new Map<string, AnnualReturn>();
  const later = (a: AnnualReturn, b: AnnualReturn) =>
    (a.reviewedAt ?? '') > (b.reviewedAt ?? '') || ((a.reviewedAt ?? '') === (b.reviewedAt ?? '') && a.updatedAt > b.updatedAt);
  for (const r of rows) {
    if (r.status !== ReturnStatus.APPROVED) continue;
    const seen = latest.get(r.organizationId);
    if (!seen || later(r, seen)) latest.set(r.organizationId, r);
  }
  const approved = [...latest.values()];
  // As the group's SQL SUM: null when no approved return reports the figure.
  const sum = (f: ReturnFigure) => approved.reduce<number | null>((total, r) => (r[f] === null ? total : (total ?? 0) + Number(r[f])), null);
  return {
    approved: approved.length,
    expected: new Set(rows.map((r) => r.organizationId)).size,
    ...(Object.fromEntries(figures.map((f) => [f, sum(f)])) as Record<ReturnFigure, number | null>),
  };
}

/** The key of a region's returns section in the per-request loader: the year and the region's groups. */
export const regionReturnsKey = (groupIds: readonly string[], year: number) => `${year}|${groupIds.join(',')}`;
