import { GraphQLResolveInfo } from 'graphql';
import { Field, ObjectType } from 'type-graphql';
import { fenToYuan, figureToFen, Ratio } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { KNOWN_SOURCES, MONEY_SOURCES, readPath } from '../templates/catalog';
import { SOURCE_REGISTRY } from '../templates/sources';
import { AnnualReport } from '../report/sections';
import { reportData, unitFigures } from '../report/report.resolver';

@ObjectType({ description: '多年趋势中一个数据项在某年度的值：与上年相比的变化，以及自所查首年起的累计（可相加的数）' })
export class TrendFigure {
  @Field(() => String, { description: '数据项（报告中的路径，如 training.socialPersonTimes）' }) path!: string;
  @Field(() => String, { description: '口径（drill-down 登记表的定义）' }) definition!: string;
  @Field(() => String, { nullable: true, description: '本年值（金额为元，精确到分）；未填报为空' }) value!: string | null;
  @Field(() => String, { nullable: true, description: '上年值（所查年度范围内的上一年；首年为空）' }) previous!: string | null;
  @Field(() => String, { nullable: true, description: '同比变化（本年 − 上年；任一为空时为空）' }) change!: string | null;
  @Field(() => Ratio, { nullable: true, description: '同比变化率（%，两位小数；上年为 0 或空时为空）' }) changePercent!: number | null;
  @Field(() => Boolean, { description: '是否可跨年相加（年度发生数可加；年末存量、人数去重与比率不可加）' }) summable!: boolean;
  @Field(() => String, { nullable: true, description: '自所查首年至本年的累计（仅可相加的数；期间任一年未填报时为空）' }) cumulative!: string | null;
}

/** Figures that are a state at the year's end, distinct persons or ratios: not added across years. */
const NOT_SUMMABLE = new Set([
  'membership.total',
  'membership.enterprises',
  'membership.aboveDesignatedSize',
  'membership.fortune500',
  'membership.schools',
  'training.distinctPersons',
  'training.socialDistinctPersons',
  'returns.approved',
  'returns.expected',
  'returns.enrolledStudents',
  'returns.fullTimeTeachers',
  'returns.dualQualifiedTeachers',
  'returns.employees',
  'returns.specialties',
  'returns.coBuiltSpecialties',
  'returns.industrialColleges',
]);
const summable = (path: string) => !path.startsWith('indicators.') && !NOT_SUMMABLE.has(path);

/** Every figure of a year's report (the group's), by path. */
const GROUP_PATHS = [...KNOWN_SOURCES];
/** The figures a unit has of its own: its share of the ledgers, its return, the indicators over them. */
const UNIT_PATHS = GROUP_PATHS.filter(
  (p) =>
    p === 'training.personTimes' ||
    p === 'training.socialPersonTimes' ||
    p === 'revenue.total' ||
    (p.startsWith('returns.') && p !== 'returns.approved' && p !== 'returns.expected') ||
    ['indicators.trainingPerStudent', 'indicators.serviceIncomePerTeacherWan', 'indicators.employmentRatePercent'].includes(p) ||
    [
      'indicators.employedInFieldPercent',
      'indicators.employedInGroupPercent',
      'indicators.coBuiltSpecialtyPercent',
      'indicators.certificateRatePercent',
    ].includes(p),
);

type Values = Map<string, string | null>;

/** An indicator (Ratio, Wan) reads as annualReport.indicators answers it: two decimals, "94.00". */
const isIndicator = (path: string) => path.startsWith('indicators.');

function valuesOf(data: unknown, paths: string[]): Values {
  return new Map(
    paths.map((p) => {
      const v = readPath(data, p);
      return [p, v === null || v === undefined ? null : isIndicator(p) ? Number(v).toFixed(2) : String(v)];
    }),
  );
}

/** Exact arithmetic: money in fen, counts as integers, ratios to two decimals. */
const toUnits = (path: string, v: string) => (MONEY_SOURCES.has(path) ? figureToFen(v) : BigInt(Math.round(Number(v) * 100)));
const fromUnits = (path: string, n: bigint) =>
  MONEY_SOURCES.has(path) ? fenToYuan(n) : isIndicator(path) ? (Number(n) / 100).toFixed(2) : String(Number(n) / 100);

/**
 * The representations of the AnnualReport entities in this `_entities` call: the gateway sends every year of a
 * trend in one call (one batched request per subgraph), each with the sections it brought by @requires. A year's
 * change and running total read the other years from there — no further request, whatever the number of years.
 */
function yearsInRequest(info: GraphQLResolveInfo, report: AnnualReport): AnnualReport[] {
  const representations = (info.variableValues as { representations?: unknown }).representations;
  const reports = Array.isArray(representations)
    ? (representations as AnnualReport[]).filter((r) => r && r.groupId === report.groupId && Number.isInteger(r.year))
    : [];
  return reports.some((r) => r.year === report.year) ? reports : [report];
}

const memo = new WeakMap<StatisticsContext, Map<string, Promise<Values>>>();

/** One year's values for the group (organizationId null) or a unit, computed once per request. */
function yearValues(ctx: StatisticsContext, report: AnnualReport, organizationId: string | null): Promise<Values> {
  if (!memo.has(ctx)) memo.set(ctx, new Map());
  const cache = memo.get(ctx)!;
  const key = `${report.groupId}|${report.year}|${organizationId ?? ''}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      (async () => {
        const data = await reportData(ctx, report);
        if (!organizationId) return valuesOf(data, GROUP_PATHS);
        const units = await ctx.loaders.approvedReturnsByGroupYear.load(`${report.groupId}|${report.year}`);
        return valuesOf(unitFigures(report, units.get(organizationId), organizationId), UNIT_PATHS);
      })(),
    );
  }
  return cache.get(key)!;
}

export async function trendFigures(
  ctx: StatisticsContext,
  report: AnnualReport,
  organizationId: string | null,
  info: GraphQLResolveInfo,
): Promise<TrendFigure[]> {
  const years = yearsInRequest(info, report)
    .filter((r) => r.year <= report.year)
    .sort((a, b) => a.year - b.year);
  const first = years[0].year;
  const all = await Promise.all(years.map((r) => yearValues(ctx, r, organizationId)));
  const byYear = new Map(years.map((r, i) => [r.year, all[i]]));
  const now = byYear.get(report.year)!;
  const before = byYear.get(report.year - 1) ?? null;
  return [...now.keys()].map((path) => {
    const value = now.get(path) ?? null;
    const previous = before?.get(path) ?? null;
    const change = value !== null && previous !== null ? fromUnits(path, toUnits(path, value) - toUnits(path, previous)) : null;
    const changePercent =
      change !== null && previous !== null && Number(previous) !== 0 ? Math.round(((Number(value) - Number(previous)) / Number(previous)) * 10000) / 100 : null;
    let cumulative: string | null = null;
    if (summable(path)) {
      const span = [];
      for (let y = first; y <= report.year; y += 1) span.push(byYear.get(y)?.get(path) ?? null);
      cumulative = span.every((v) => v !== null)
        ? fromUnits(
            path,
            span.reduce((sum, v) => sum + toUnits(path, v), 0n),
          )
        : null;
    }
    return { path, definition: SOURCE_REGISTRY[path]?.definition ?? path, value, previous, change, changePercent, summable: summable(path), cumulative };
  });
}
