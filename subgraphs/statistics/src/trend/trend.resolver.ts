import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Directive, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { AnnualReport, REQUIRED_SECTIONS } from '../report/sections';
import { TrendFigure, trendFigures } from './trend';

/** At most this many years in one trend: the gateway's cost limit counts each year's figures. */
export const MAX_TREND_YEARS = 10;

@Resolver(() => AnnualReport)
export class TrendResolver {
  @Query(() => [AnnualReport], {
    nullable: true,
    description: `多年趋势：fromYear 到 toYear（含，最多 ${MAX_TREND_YEARS} 年）每年的年度报告，各部分经联邦每个子图一次批量取得；每年的 trend 给出同比与累计（本集团用户与主管部门）`,
  })
  annualReportTrend(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Ctx() ctx: StatisticsContext,
  ): AnnualReport[] {
    ctx.viewer.requireUser();
    for (const y of [fromYear, toYear])
      if (!Number.isInteger(y) || y < 2000 || y > 2100) throw badInput(`年度应在 2000 到 2100 之间，当前为 ${y}（fromYear, toYear）`);
    if (toYear < fromYear) throw badInput(`截止年度（toYear ${toYear}）不能早于起始年度（fromYear ${fromYear}）`);
    if (toYear - fromYear + 1 > MAX_TREND_YEARS)
      throw badInput(`趋势最多 ${MAX_TREND_YEARS} 个年度（trend too long），当前为 ${fromYear}–${toYear}：请缩短年度范围`);
    if (!ctx.viewer.canReadReportOf(groupId)) throw forbidden(`只有集团 ${groupId} 的用户或其主管部门可以查看年度报告（annual report of another group）`);
    return Array.from({ length: toYear - fromYear + 1 }, (_, i) => ({ groupId, year: fromYear + i }));
  }

  @Directive(`@requires(fields: "${REQUIRED_SECTIONS}")`)
  @FieldResolver(() => [TrendFigure], {
    nullable: true,
    description:
      '本年各部分数据项与派生指标，附同比（与同一查询中的上一年相比）与自所查首年起的累计；organizationId 给出某成员单位自己的数（成员单位只能看本单位）',
  })
  async trend(
    @Root() report: AnnualReport,
    @Arg('organizationId', () => ID, { nullable: true }) organizationId: string | null,
    @Ctx() ctx: StatisticsContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrendFigure[] | null> {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    if (organizationId && !ctx.viewer.canReadUnitFigures(report.groupId, organizationId))
      throw forbidden(`成员单位只能查看本单位的数据，${organizationId} 不是本单位（organizationId not your unit）`);
    return trendFigures(ctx, report, organizationId ?? null, info);
  }
}
