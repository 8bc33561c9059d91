import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Query, registerEnumType, Resolver, Root } from 'type-graphql';
import { Money, parseRegionReportId, regionGroupsOf, regionReportId, regionReportKey } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { regionReturnsKey, ReturnsSection } from '../collection/returns-section';
import { computeIndicators, Indicators } from '../report/report.resolver';
import {
  ActivitiesSection,
  CompetitionSection,
  external,
  MembershipSection,
  REQUIRED_SECTIONS,
  RevenueSection,
  SharingSection,
  TrainingSection,
} from '../report/sections';

/** members' GroupType, the same name and values: what a roll-up may be narrowed to. */
export enum GroupType {
  INDUSTRY = 'INDUSTRY',
  REGIONAL = 'REGIONAL',
}
registerEnumType(GroupType, { name: 'GroupType', description: '集团类型' });

/** members' per-group member counts (for the ranking), as @requires brings them. */
@ObjectType()
export class GroupMembershipFigures {
  @external() @Field(() => ID) groupId!: string;
  @external() @Field(() => Int) total!: number;
  @external() @Field(() => Int) enterprises!: number;
}

/** bases' per-group training figures (for the ranking). */
@ObjectType()
export class GroupTrainingFigures {
  @external() @Field(() => ID) groupId!: string;
  @external() @Field(() => Int) personTimes!: number;
  @external() @Field(() => Int) socialPersonTimes!: number;
  @external() @Field(() => Int) candidates!: number;
  @external() @Field(() => Int, { nullable: true }) passed!: number | null;
}

/** bases' per-group 社会服务到账 (for the ranking). */
@ObjectType()
export class GroupRevenueFigures {
  @external() @Field(() => ID) groupId!: string;
  @external() @Field(() => Money, { nullable: true }) total!: string | null;
}

/** What the ranking @requires: each group's figures its indicators divide, one grouped statement per subgraph. */
export const REQUIRED_BY_GROUP =
  'membershipByGroup { groupId total enterprises } trainingByGroup { groupId personTimes socialPersonTimes candidates passed } revenueByGroup { groupId total }';

/** The statistics subgraph's view of the roll-up: its key, what it covers, and the sections of the other subgraphs. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '地区年度汇总（主管部门）：与集团年度报告相同的部分与指标，按本地区（及集团类型）的集团合计' })
export class RegionReport {
  @Field(() => ID, { description: '`年度:地区:集团类型`（类型为空表示全部）' }) id!: string;
  @external() @Field(() => MembershipSection, { nullable: true }) membership?: MembershipSection | null;
  @external() @Field(() => SharingSection, { nullable: true }) sharing?: SharingSection | null;
  @external() @Field(() => TrainingSection, { nullable: true }) training?: TrainingSection | null;
  @external() @Field(() => RevenueSection, { nullable: true }) revenue?: RevenueSection | null;
  @external() @Field(() => ActivitiesSection, { nullable: true }) activities?: ActivitiesSection | null;
  @external() @Field(() => CompetitionSection, { nullable: true }) competitions?: CompetitionSection | null;
  @external() @Field(() => [GroupMembershipFigures], { nullable: true }) membershipByGroup?: GroupMembershipFigures[] | null;
  @external() @Field(() => [GroupTrainingFigures], { nullable: true }) trainingByGroup?: GroupTrainingFigures[] | null;
  @external() @Field(() => [GroupRevenueFigures], { nullable: true }) revenueByGroup?: GroupRevenueFigures[] | null;
}

@Resolver(() => RegionReport)
export class RegionReportResolver {
  @Query(() => RegionReport, {
    description:
      '地区年度汇总（主管部门：本地区或其下级地区，缺省为本地区；可按集团类型筛选）：与集团年度报告相同的部分与指标，金额与计数精确合计，同一单位在多个集团只计一次，指标由合计数重新计算',
  })
  regionReport(
    @Arg('year', () => Int) year: number,
    @Arg('region', () => String, { nullable: true, description: '行政区划代码前缀（2、4 或 6 位），须在本主管部门地区内' }) region: string | null,
    @Arg('groupType', () => GroupType, { nullable: true, description: '集团类型：行业型 INDUSTRY / 区域型 REGIONAL；缺省为全部' }) groupType: GroupType | null,
    @Ctx() ctx: StatisticsContext,
  ): RegionReport {
    return { id: regionReportId(regionReportKey(ctx.viewer, year, region, groupType)) };
  }

  @FieldResolver(() => Int) year(@Root() report: RegionReport): number {
    return parseRegionReportId(report.id).year;
  }

  @FieldResolver(() => String, { description: '地区（行政区划代码前缀）' }) region(@Root() report: RegionReport): string {
    return parseRegionReportId(report.id).region;
  }

  @FieldResolver(() => GroupType, { nullable: true }) groupType(@Root() report: RegionReport): string | null {
    return parseRegionReportId(report.id).groupType;
  }

  @FieldResolver(() => [ID], { nullable: true, description: '汇总的集团' })
  async groupIds(@Root() report: RegionReport, @Ctx() ctx: StatisticsContext): Promise<string[] | null> {
    const groups = await regionGroupsOf(ctx, report);
    return groups && groups.filter(Boolean);
  }

  @FieldResolver(() => ReturnsSection, { nullable: true, description: '成员年报（已审核通过）合计：同一单位在多个集团只计一次（取最后审核的一份）' })
  async returns(@Root() report: RegionReport, @Ctx() ctx: StatisticsContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? ctx.loaders.regionReturnsSection.load(regionReturnsKey(groups, parseRegionReportId(report.id).year)) : null;
  }

  @Directive(`@requires(fields: "${REQUIRED_SECTIONS}")`)
  @FieldResolver(() => Indicators, { nullable: true, description: '派生指标：由合计数重新计算（不是各集团指标的平均）' })
  async indicators(@Root() report: RegionReport, @Ctx() ctx: StatisticsContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups
      ? computeIndicators(report, await ctx.loaders.regionReturnsSection.load(regionReturnsKey(groups, parseRegionReportId(report.id).year)))
      : null;
  }
}
