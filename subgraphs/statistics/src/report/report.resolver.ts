import { GraphQLResolveInfo, Kind } from 'graphql';
import { Arg, Ctx, Directive, Field, FieldResolver, Float, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput, figureToFen, forbidden, fenToWan, Ratio, Wan } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { Indicator, INDICATOR_LABEL, INDICATOR_SOURCE, TargetStatus } from '../enums';
import { filledWorkbook, fillTemplate, FilledReport, ReportTemplateInfo, templateInfo } from '../templates/fill';
import { templates } from '../templates/loader';
import { chooseTemplate } from '../templates/versions';
import { drillDown } from '../templates/sources';
import { readPath } from '../templates/catalog';
import { previousYearBaseline } from '../submission/previous';
import { ReturnsSection } from '../collection/returns-section';
import { AnnualReturn, RETURN_FIGURES, ReturnFigure } from '../collection/collection.entity';
import { ReportCompleteness, visibleCompleteness } from '../collection/completeness';
import { AnnualReport, REQUIRED_SECTIONS } from './sections';
import { Organization, organizationRef } from '../stubs';

@ObjectType({ description: '派生指标（由各部分数据计算，两位小数）' })
export class Indicators {
  @Field(() => Ratio, { nullable: true, description: '社会培训人次 / 在校生数（倍）：不含在校生证书培训' }) trainingPerStudent!: number | null;
  @Field(() => Wan, { nullable: true, description: '师均社会服务到账（万元）= 社会服务到账（到账台账）/ 专任教师数；未登记到账时为空' })
  serviceIncomePerTeacherWan!: number | null;
  @Field(() => Ratio, { nullable: true, description: '企业成员占比（%）' }) enterpriseSharePercent!: number | null;
  @Field(() => Ratio, { nullable: true, description: '毕业生就业率（%）' }) employmentRatePercent!: number | null;
  @Field(() => Ratio, { nullable: true, description: '鉴定通过率（%）' }) passRatePercent!: number | null;
  @Field(() => Ratio, { nullable: true, description: '对口就业率（%）= 对口就业人数 / 就业人数 × 100' }) employedInFieldPercent!: number | null;
  @Field(() => Ratio, { nullable: true, description: '集团内企业就业占比（%）= 集团内企业就业人数 / 就业人数 × 100' }) employedInGroupPercent!: number | null;
  @Field(() => Ratio, { nullable: true, description: '校企共建专业占比（%）= 校企共建专业数 / 开设专业数 × 100（政策要求 95 %）' }) coBuiltSpecialtyPercent!:
    number | null;
  @Field(() => Ratio, { nullable: true, description: '毕业生获证率（%）= 获得职业资格/技能等级证书的毕业生数 / 毕业生数 × 100' }) certificateRatePercent!:
    number | null;
}

@ObjectType({ description: '指标完成情况' })
export class TargetProgress {
  @Field(() => ID, { description: '指标（Target）的 id' }) targetId!: string;
  @Field(() => Int, { description: '年度' }) year!: number;
  @Field(() => Indicator) indicator!: Indicator;
  @Field(() => String) label!: string;
  @Field(() => Organization, { nullable: true, description: '成员单位（集团指标为空）' }) organization!: Organization | null;
  @Field(() => Float, { description: '目标值（指标的单位：人次、人、%、倍或万元，JSON 数字）' }) threshold!: number;
  @Field(() => Float, { nullable: true, description: '实际值（指标的单位，JSON 数字）' }) actual!: number | null;
  @Field(() => Ratio, { nullable: true, description: '完成率（%）' }) completionPercent!: number | null;
  @Field(() => Boolean) met!: boolean;
  @Field(() => TargetStatus, { description: '已完成、未完成，或无数据（该单位没有此数，不参与排名）' }) status!: TargetStatus;
  @Field(() => Int, { nullable: true, description: '成员排名（按完成率；无数据的单位不排名）' }) rank!: number | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const ratio = (a: number | null | undefined, b: number | null | undefined, factor = 1) =>
  a === null || a === undefined || !b ? null : round2((a / b) * factor);
/** A section's money figure (yuan text, any size: a sum may exceed what one input may be) as exact fen. */
const fen = (yuan: string | null | undefined) => (yuan ? figureToFen(yuan) : 0n);

/** 师均社会服务到账 (万元, exact from fen): null when nothing was recorded (not reported) or no teachers. */
const perTeacherWan = (yuan: string | null | undefined, teachers: number | null | undefined) =>
  yuan === null || yuan === undefined || !teachers ? null : Number(fenToWan(fen(yuan), teachers));

/** The sections this subgraph received through @requires, plus its own returns. */
type Report = AnnualReport;

type ReturnFigures = Partial<Record<ReturnFigure, number | null>>;

/**
 * The indicators from the figures they divide — the group's (sections and summed returns) or one unit's
 * (its share of the ledgers and its own return): one formula for both. What each derives from is in the
 * drill-down registry (templates/sources.ts).
 */
export function computeIndicators(
  figures: {
    training?: { socialPersonTimes?: number | null; passed?: number | null; candidates?: number | null } | null;
    membership?: { enterprises?: number; total?: number } | null;
    revenue?: { total?: string | null } | null;
  },
  returns: ReturnFigures,
): Indicators {
  const { training: t, membership: m } = figures;
  return {
    trainingPerStudent: ratio(t?.socialPersonTimes, returns.enrolledStudents),
    serviceIncomePerTeacherWan: perTeacherWan(figures.revenue?.total, returns.fullTimeTeachers),
    enterpriseSharePercent: ratio(m?.enterprises, m?.total, 100),
    employmentRatePercent: ratio(returns.employedGraduates, returns.graduates, 100),
    passRatePercent: ratio(t?.passed, t?.candidates, 100),
    employedInFieldPercent: ratio(returns.employedInField, returns.employedGraduates, 100),
    employedInGroupPercent: ratio(returns.employedInGroup, returns.employedGraduates, 100),
    coBuiltSpecialtyPercent: ratio(returns.coBuiltSpecialties, returns.specialties, 100),
    certificateRatePercent: ratio(returns.certifiedGraduates, returns.graduates, 100),
  };
}

export async function reportData(ctx: StatisticsContext, report: Report) {
  const returns = await ctx.loaders.returnsSection.load(`${report.groupId}|${report.year}`);
  const t = report.training;
  const s = report.sharing;
  const m = report.membership;
  const indicators = computeIndicators(report, returns);
  return {
    membership: m ?? null,
    sharing: s ?? null,
    training: t ?? null,
    revenue: report.revenue ?? null,
    activities: report.activities ?? null,
    competitions: report.competitions ?? null,
    returns,
    indicators,
  };
}

/**
 * One unit's figures in the report's shape, so a target reads the same path as for the group: its share of
 * the training and revenue ledgers (training.byOrganization, revenue.byOrganization), its own approved
 * return (none: every return figure is not reported), and the indicators over them by the same formulas.
 */
export function unitFigures(report: Report, unit: AnnualReturn | undefined, organizationId: string) {
  const own = report.training?.byOrganization.find((o) => o.organizationId === organizationId);
  const training = report.training ? { personTimes: own?.personTimes ?? 0, socialPersonTimes: own?.socialPersonTimes ?? 0 } : null;
  // 社会服务到账 recorded for the group but none for this unit: 0 for the unit; nothing recorded at all: not reported.
  const total = report.revenue?.total;
  const revenue = {
    total: total === null || total === undefined ? null : (report.revenue!.byOrganization.find((o) => o.organizationId === organizationId)?.amount ?? '0'),
  };
  const returns = Object.fromEntries((Object.keys(RETURN_FIGURES) as ReturnFigure[]).map((f) => [f, unit ? unit[f] : null])) as ReturnFigures;
  return { training, revenue, returns, indicators: computeIndicators({ training, revenue }, returns) };
}

/** A figure read from the report data: a number, or null when it is not there (not reported). */
export function actualOf(data: unknown, indicator: Indicator): number | null {
  const value = readPath(data, INDICATOR_SOURCE[indicator]);
  return value === null || value === undefined || !Number.isFinite(Number(value)) ? null : Number(value);
}

/**
 * Whether a `filled` selection can show the year-on-year checks. The computed baseline is read through
 * the gateway as `filled { fields }` of year − 1, which asks for no checks: one level, never a chain.
 */
function asksForChecks(info: GraphQLResolveInfo): boolean {
  const CHECKS = new Set(['warnings', 'baseline', 'workbookBase64']);
  return info.fieldNodes.some((node) => (node.selectionSet?.selections ?? []).some((s) => s.kind !== Kind.FIELD || CHECKS.has(s.name.value)));
}

@Resolver(() => FilledReport)
export class FilledReportResolver {
  @FieldResolver(() => String, { description: '报表的 Excel 工作簿（.xlsx，base64），按模板版式：字段代码、中文名称、单位、填报值、来源；另附校验结果' })
  async workbookBase64(@Root() report: FilledReport) {
    return (await filledWorkbook(report, `${report.template.platform} ${report.template.year} 年度报表`)).toString('base64');
  }
}

@Resolver(() => AnnualReport)
export class ReportResolver {
  @Query(() => AnnualReport, { nullable: true, description: '集团年度报告：各子图的部分经联邦汇总（本集团用户与主管部门）' })
  annualReport(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    ctx.viewer.requireUser();
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput(`年度应在 2000 到 2100 之间，当前为 ${year}（year）`);
    if (!ctx.viewer.canReadReportOf(groupId)) throw forbidden(`只有集团 ${groupId} 的用户或其主管部门可以查看年度报告（annual report of another group）`);
    return { groupId, year };
  }

  @Query(() => [ReportTemplateInfo], { description: '可用的报表模板' })
  reportTemplates() {
    return [...templates().values()].sort((a, b) => a.family.localeCompare(b.family) || a.appliesFrom - b.appliesFrom).map(templateInfo);
  }

  @FieldResolver(() => ID, {
    description: '报告的标识 `集团id:年度`（与键 groupId year 一一对应），供客户端缓存（如 Apollo InMemoryCache）归一化报告并合并各部分',
  })
  id(@Root() report: Report): string {
    return `${report.groupId}:${report.year}`;
  }

  @FieldResolver(() => ReturnsSection, { nullable: true, description: '成员年报（仅已审核通过的）汇总' })
  returns(@Root() report: Report, @Ctx() ctx: StatisticsContext) {
    return ctx.viewer.canReadReportOf(report.groupId) ? ctx.loaders.returnsSection.load(`${report.groupId}|${report.year}`) : null;
  }

  @FieldResolver(() => ReportCompleteness, {
    nullable: true,
    description:
      '年报完整性：应报单位（按院校、企业、其他单位）、已审核通过的年报、缺报单位（秘书处、填报机器人、主管部门见名单，成员单位只见本单位）、秘书处的缺报确认',
  })
  async completeness(@Root() report: Report, @Ctx() ctx: StatisticsContext) {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    return visibleCompleteness(ctx, report.groupId, await ctx.loaders.completeness.load(`${report.groupId}|${report.year}`));
  }

  @Directive(`@requires(fields: "${REQUIRED_SECTIONS}")`)
  @FieldResolver(() => Indicators, { nullable: true, description: '派生指标' })
  async indicators(@Root() report: Report, @Ctx() ctx: StatisticsContext) {
    return ctx.viewer.canReadReportOf(report.groupId) ? (await reportData(ctx, report)).indicators : null;
  }

  @Directive(`@requires(fields: "${REQUIRED_SECTIONS}")`)
  @FieldResolver(() => FilledReport, { nullable: true, description: '按平台模板填好的报表：每个字段的值与来源，所有阻断错误与警告' })
  async filled(@Root() report: Report, @Arg('template', () => String) template: string, @Ctx() ctx: StatisticsContext, @Info() info: GraphQLResolveInfo) {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    const { template: data, chosenBecause } = chooseTemplate(template, report.year);
    const baseline = asksForChecks(info) ? await previousYearBaseline(ctx.db, report.groupId, report.year, data.target, data.family) : null;
    const completeness = visibleCompleteness(ctx, report.groupId, await ctx.loaders.completeness.load(`${report.groupId}|${report.year}`));
    const figures = await reportData(ctx, report);
    const filled = fillTemplate(data, figures, { baseline, completeness });
    const fields = filled.fields.map((f) => ({ ...f, drillDown: drillDown(f.source, readPath(figures, f.source), figures, report.groupId, report.year) }));
    return { ...filled, fields, template: { ...filled.template, chosenBecause } };
  }

  @Directive(`@requires(fields: "${REQUIRED_SECTIONS}")`)
  @FieldResolver(() => [TargetProgress], {
    nullable: true,
    description:
      '指标完成情况（适用于本年度的指标，含跨年度的）：集团指标与成员指标（成员只见本单位），成员按完成率排名，无数据的单位列为 NO_DATA、不排名；targetId 只看一个指标',
  })
  async targets(
    @Root() report: Report,
    @Ctx() ctx: StatisticsContext,
    @Arg('targetId', () => ID, { nullable: true }) targetId: string | null,
    @Arg('indicator', () => Indicator, { nullable: true }) indicator: Indicator | null,
  ): Promise<TargetProgress[] | null> {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    const [all, data, units] = await Promise.all([
      ctx.loaders.targetsByGroupYear.load(`${report.groupId}|${report.year}`),
      reportData(ctx, report),
      ctx.loaders.approvedReturnsByGroupYear.load(`${report.groupId}|${report.year}`),
    ]);
    const targets = all.filter((t) => (!targetId || t.id === targetId) && (!indicator || t.indicator === indicator));
    const members = targets.some((t) => t.scope === 'EACH_MEMBER') ? await ctx.loaders.directory.activeMembers(report.groupId) : [];
    const rows: TargetProgress[] = [];
    for (const target of targets) {
      const threshold = target.thresholdCents / 100;
      const progress = (actual: number | null, organizationId: string | null): TargetProgress => ({
        targetId: target.id,
        year: report.year,
        indicator: target.indicator,
        label: INDICATOR_LABEL[target.indicator],
        organization: organizationId ? organizationRef(organizationId) : null,
        threshold,
        actual,
        completionPercent: actual === null ? null : round2((actual / threshold) * 100),
        met: actual !== null && actual >= threshold,
        status: actual === null ? TargetStatus.NO_DATA : actual >= threshold ? TargetStatus.MET : TargetStatus.NOT_MET,
        rank: null,
      });
      if (target.scope === 'GROUP') {
        rows.push(progress(actualOf(data, target.indicator), null));
        continue;
      }
      // Each member: the active members and every unit with an approved return for the year; one unit: that unit.
      const ids = target.scope === 'EACH_MEMBER' ? [...new Set([...members.map((m) => m.id), ...units.keys()])].sort() : [target.scope];
      const listed = ids.map((id) => progress(actualOf(unitFigures(report, units.get(id), id), target.indicator), id));
      const ranked = listed.filter((row) => row.actual !== null).sort((a, b) => b.completionPercent! - a.completionPercent!);
      ranked.forEach((row, i) => (row.rank = i + 1));
      const ordered = [...ranked, ...listed.filter((row) => row.actual === null)];
      rows.push(...ordered.filter((row) => ctx.viewer.canReadUnitFigures(report.groupId, row.organization!.id)));
    }
    return rows;
  }
}
