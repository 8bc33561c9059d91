import { parseRegionReportId, regionGroupsOf } from '@zjjt/kit';
import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { BasesContext } from '../context';
import { AnnualReport, RegionReport } from '../stubs';
import { Competition, CompetitionAward } from './competition.entity';
import {
  AWARD_LEVEL_LABEL,
  AWARD_LEVELS,
  AwardLevel,
  COMPETITION_LEVEL_LABEL,
  COMPETITION_LEVELS,
  CompetitionLevel,
  CompetitionRole,
} from './competition.enums';

@ObjectType({ description: '技能大赛：按级别' })
export class CompetitionLevelCount {
  @Field(() => CompetitionLevel) level!: CompetitionLevel;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: '大赛数' }) count!: number;
}

@ObjectType({ description: '技能大赛获奖：按等级' })
export class AwardLevelCount {
  @Field(() => AwardLevel) level!: AwardLevel;
  @Field(() => String) label!: string;
  @Field(() => Int, { description: '获奖项数（团体奖计一次）' }) count!: number;
}

@ObjectType({ description: '年度报告：技能大赛部分' })
export class CompetitionSection {
  @Field(() => Int, { description: '登记的大赛总数（按日期在报告年度内）' }) competitions!: number;
  @Field(() => Int, { description: '集团主办/组织的大赛数' }) organized!: number;
  @Field(() => Int, { description: '集团承办的大赛数' }) hosted!: number;
  @Field(() => Int, { description: '集团参赛的大赛数' }) participated!: number;
  @Field(() => [CompetitionLevelCount], { description: '按级别（四级全部列出）' }) byLevel!: CompetitionLevelCount[];
  @Field(() => Int, { description: '获奖总项数' }) awards!: number;
  @Field(() => [AwardLevelCount], { description: '获奖按等级（四等全部列出，合计等于获奖总项数）' }) awardsByLevel!: AwardLevelCount[];
}

/** Two GROUP BY statements over (groupId, year). */
export async function competitionSection(db: DataSource, groupIds: readonly string[], year: number): Promise<CompetitionSection> {
  const [byLevelRole, byAward]: [{ level: CompetitionLevel; role: CompetitionRole; count: string }[], { level: AwardLevel; count: string }[]] =
    await Promise.all([
      db
        .getRepository(Competition)
        .createQueryBuilder('c')
        .select('c.level', 'level')
        .addSelect('c.role', 'role')
        .addSelect('COUNT(*)', 'count')
        .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
        .groupBy('c.level')
        .addGroupBy('c.role')
        .getRawMany(),
      db
        .getRepository(CompetitionAward)
        .createQueryBuilder('a')
        .select('a.level', 'level')
        .addSelect('COUNT(*)', 'count')
        .where('a.groupId IN (:...groupIds) AND a.year = :year', { groupIds, year })
        .groupBy('a.level')
        .getRawMany(),
    ]);
  const of = (keep: (r: (typeof byLevelRole)[number]) => boolean) => byLevelRole.filter(keep).reduce((n, r) => n + Number(r.count), 0);
  const awards = new Map(byAward.map((a) => [a.level, Number(a.count)]));
  const awardsByLevel = AWARD_LEVELS.map((level) => ({ level, label: AWARD_LEVEL_LABEL[level], count: awards.get(level) ?? 0 }));
  return {
    competitions: of(() => true),
    organized: of((r) => r.role === CompetitionRole.ORGANIZER),
    hosted: of((r) => r.role === CompetitionRole.HOST),
    participated: of((r) => r.role === CompetitionRole.PARTICIPANT),
    byLevel: COMPETITION_LEVELS.map((level) => ({ level, label: COMPETITION_LEVEL_LABEL[level], count: of((r) => r.level === level) })),
    awards: awardsByLevel.reduce((n, a) => n + a.count, 0),
    awardsByLevel,
  };
}

@Resolver(() => AnnualReport)
export class AnnualReportCompetitionsResolver {
  @FieldResolver(() => CompetitionSection, { nullable: true, description: '技能大赛（次数与获奖；本集团用户与主管部门可见）' })
  competitions(@Root() report: AnnualReport, @Ctx() ctx: BasesContext) {
    return ctx.viewer.canReadReportOf(report.groupId) ? competitionSection(ctx.db, [report.groupId], report.year) : null;
  }
}

@Resolver(() => RegionReport)
export class RegionReportCompetitionsResolver {
  @FieldResolver(() => CompetitionSection, { nullable: true, description: '技能大赛（本地区各集团合计）' })
  async competitions(@Root() report: RegionReport, @Ctx() ctx: BasesContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? competitionSection(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
