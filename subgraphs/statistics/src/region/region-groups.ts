import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { Connection, decodeCursor, pageSize, parseRegionReportId, regionGroupsOf, toPage } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { Indicator } from '../enums';
import { returnsByGroup, ReturnsSection } from '../collection/returns-section';
import { ReportCompleteness, visibleCompleteness } from '../collection/completeness';
import { actualOf, computeIndicators, Indicators } from '../report/report.resolver';
import { SubmissionStatus } from '../submission/submission.entity';
import { Group } from '../stubs';
import { RegionReport, REQUIRED_BY_GROUP } from './region-report';

@ObjectType({ description: '集团最近一次报送（每个模板的最新版本）' })
export class RegionGroupSubmission {
  @Field(() => String, { description: '模板' }) template!: string;
  @Field(() => String, { description: 'national | provincial' }) target!: string;
  @Field(() => Int, { description: '版本' }) version!: number;
  @Field(() => SubmissionStatus) status!: SubmissionStatus;
}

@ObjectType({ description: '地区内一个集团的排名、指标、年报完整性与报送状态' })
export class RegionGroup {
  @Field(() => ID, { description: '集团 id' }) id!: string;
  @Field(() => Group, { description: '集团（名称、类型、地区）' }) group!: Group;
  @Field(() => Int, { nullable: true, description: '按所选指标的名次（从大到小；无数据的集团不排名）' }) rank!: number | null;
  @Field(() => Float, { nullable: true, description: '所选指标的值；无数据时为空' }) value!: number | null;
  @Field(() => Indicators, { description: '派生指标' }) indicators!: Indicators;
  @Field(() => ReturnsSection, { description: '成员年报（已审核通过）汇总' }) returns!: ReturnsSection;
  year!: number;
}

export const RegionGroupConnection = Connection(RegionGroup, 'RegionGroup');

type Row = RegionGroup & { figures: Record<string, unknown> };

/**
 * Every group of the region with the figures its indicators divide (members' and bases' per-group figures
 * through @requires, the returns in one grouped statement here), ranked by `indicator`: largest first,
 * groups without a value last and unranked, ties by group id.
 */
export async function rankedGroups(db: DataSource, report: RegionReport, groupIds: readonly string[], indicator: Indicator): Promise<Row[]> {
  const { year } = parseRegionReportId(report.id);
  const ids = groupIds.filter(Boolean);
  const returns = await returnsByGroup(db, ids.length ? ids : [''], year);
  const find = <T extends { groupId: string }>(list: T[] | null | undefined, groupId: string) => list?.find((x) => x.groupId === groupId) ?? null;
  const rows: Row[] = ids.map((id) => {
    const membership = find(report.membershipByGroup, id);
    const training = find(report.trainingByGroup, id);
    const revenue = find(report.revenueByGroup, id);
    const groupReturns = returns.get(id)!;
    const indicators = computeIndicators({ membership, training, revenue }, groupReturns);
    const figures = { membership, training, revenue, returns: groupReturns, indicators };
    return { id, group: { id }, rank: null, value: actualOf(figures, indicator), indicators, returns: groupReturns, year, figures };
  });
  rows.sort((a, b) => (a.value === null ? 1 : 0) - (b.value === null ? 1 : 0) || (b.value ?? 0) - (a.value ?? 0) || a.id.localeCompare(b.id));
  rows.filter((r) => r.value !== null).forEach((r, i) => (r.rank = i + 1));
  return rows;
}

@Resolver(() => RegionReport)
export class RegionGroupsResolver {
  @Directive(`@requires(fields: "${REQUIRED_BY_GROUP}")`)
  @FieldResolver(() => RegionGroupConnection, {
    nullable: true,
    description: '本地区（及集团类型）的集团：按任一指标排名（从大到小，无数据的排在最后），每个集团的指标、年报完整性与报送状态；游标分页',
  })
  async groups(
    @Root() report: RegionReport,
    @Arg('orderBy', () => Indicator, { description: '排名所依据的指标' }) orderBy: Indicator,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: StatisticsContext,
  ) {
    const limit = pageSize(first);
    const groups = await regionGroupsOf(ctx, report);
    if (!groups) return null;
    const rows = await rankedGroups(ctx.db, report, groups, orderBy);
    // The rows are ranked here, so the cursor's group id says where the next page starts.
    const start = after ? rows.findIndex((r) => r.id === decodeCursor(after).id) + 1 : 0;
    return toPage(rows.slice(start, start + limit + 1), limit, (r) => r.value, rows.length);
  }
}

@Resolver(() => RegionGroup)
export class RegionGroupResolver {
  @FieldResolver(() => ReportCompleteness, { description: '年报完整性：应报单位、已审核通过、缺报单位（主管部门见名单）' })
  async completeness(@Root() row: RegionGroup, @Ctx() ctx: StatisticsContext) {
    return visibleCompleteness(ctx, row.id, await ctx.loaders.completeness.load(`${row.id}|${row.year}`));
  }

  @FieldResolver(() => [RegionGroupSubmission], { description: '报送状态：每个模板最新一版；未报送为空列表' })
  async submissions(@Root() row: RegionGroup, @Ctx() ctx: StatisticsContext): Promise<RegionGroupSubmission[]> {
    const all = await ctx.loaders.submissionsByGroupYear.load(`${row.id}|${row.year}`);
    return all.filter((s, i) => i === 0 || all[i - 1].template !== s.template);
  }
}
