import { exactSum, fenToWan, Money, parseRegionReportId, regionGroupsOf, Wan } from '@zjjt/kit';
import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { BasesContext } from '../context';
import { AnnualReport, RegionReport } from '../stubs';
import { REVENUE_SOURCE_LABEL, REVENUE_SOURCES, RevenueSource } from './revenue.enums';
import { RevenueEntry } from './revenue.entity';

@ObjectType({ description: '社会服务到账：按来源' })
export class RevenueSourceFigures {
  @Field(() => RevenueSource) source!: RevenueSource;
  @Field(() => String, { description: '来源名称' }) label!: string;
  @Field(() => Int, { description: '台账条数' }) entries!: number;
  @Field(() => Money, { nullable: true, description: '到账金额（元）；当年没有任何到账台账时为空（未填报）' }) amount!: string | null;
  @Field(() => Wan, { nullable: true, description: '到账金额（万元，两位小数）' }) amountWan!: string | null;
}

@ObjectType({ description: '社会服务到账：按到账单位' })
export class OrganizationRevenueFigures {
  @Field(() => ID) organizationId!: string;
  @Field(() => Money, { description: '到账金额（元）' }) amount!: string;
}

/**
 * 社会服务到账: the group's revenue ledger for the year — the one total of money received for social
 * services, and its breakdown by source and by receiving unit. It counts revenue entries only: the
 * training ledger's per-session 到账 (`training.revenue`) and the cooperation ledgers' 技术服务收入
 * (`sharing.serviceIncome`) are reported in their own fields and never added to it.
 */
@ObjectType({ description: '年度报告：社会服务到账部分（到账台账）' })
export class RevenueSection {
  @Field(() => Int, { description: '到账台账条数' }) entries!: number;
  @Field(() => Money, { nullable: true, description: '社会服务到账合计（元）；当年没有任何到账台账时为空（未填报，不是 0）' }) total!: string | null;
  @Field(() => Wan, { nullable: true, description: '社会服务到账合计（万元，两位小数）' }) totalWan!: string | null;
  @Field(() => [RevenueSourceFigures], { description: '按来源（八类全部列出，合计等于总数）' }) bySource!: RevenueSourceFigures[];
  @Field(() => [OrganizationRevenueFigures], { description: '按到账单位' }) byOrganization!: OrganizationRevenueFigures[];
}

/** Two GROUP BY statements over (groupId, year); sums are exact fen as decimal text. */
export async function revenueSection(db: DataSource, groupIds: readonly string[], year: number): Promise<RevenueSection> {
  const entries = () => db.getRepository(RevenueEntry).createQueryBuilder('r').where('r.groupId IN (:...groupIds) AND r.year = :year', { groupIds, year });
  const [bySource, byOrganization]: [{ source: RevenueSource; entries: string; amount: string }[], { organizationId: string; amount: string }[]] =
    await Promise.all([
      entries().select('r.source', 'source').addSelect('COUNT(*)', 'entries').addSelect(exactSum('r.amount'), 'amount').groupBy('r.source').getRawMany(),
      entries()
        .select('r.organizationId', 'organizationId')
        .addSelect(exactSum('r.amount'), 'amount')
        .groupBy('r.organizationId')
        .orderBy('r.organizationId')
        .getRawMany(),
    ]);
  const count = bySource.reduce((n, s) => n + Number(s.entries), 0);
  const recorded = count > 0;
  const sums = new Map(bySource.map((s) => [s.source, s]));
  const total = bySource.reduce((sum, s) => sum + BigInt(s.amount), 0n);
  return {
    entries: count,
    total: recorded ? String(total) : null,
    totalWan: recorded ? fenToWan(total) : null,
    bySource: REVENUE_SOURCES.map((source) => {
      const row = sums.get(source);
      const amount = recorded ? (row?.amount ?? '0') : null;
      return { source, label: REVENUE_SOURCE_LABEL[source], entries: Number(row?.entries ?? 0), amount, amountWan: amount === null ? null : fenToWan(amount) };
    }),
    byOrganization: byOrganization.map((o) => ({ organizationId: o.organizationId, amount: String(o.amount) })),
  };
}

@Resolver(() => AnnualReport)
export class AnnualReportRevenueResolver {
  @FieldResolver(() => RevenueSection, {
    nullable: true,
    description: '社会服务到账（本集团用户与主管部门可见；按单位的数字只见本单位，秘书处与填报机器人见全部）',
  })
  async revenue(@Root() report: AnnualReport, @Ctx() ctx: BasesContext) {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    const section = await revenueSection(ctx.db, [report.groupId], report.year);
    return { ...section, byOrganization: section.byOrganization.filter((o) => ctx.viewer.canReadUnitFigures(report.groupId, o.organizationId)) };
  }
}

@Resolver(() => RegionReport)
export class RegionReportRevenueResolver {
  @FieldResolver(() => RevenueSection, { nullable: true, description: '社会服务到账（本地区各集团合计，精确到分）' })
  async revenue(@Root() report: RegionReport, @Ctx() ctx: BasesContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? revenueSection(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
