import { useMemo } from 'react';
import { gql } from '../api';
import { Chart } from '../chart';
import { ErrorBox, Loading, Panel, Tag, useLoad, type ScreenProps } from '../ui';

interface TotalsRow {
  key: string;
  label: string;
  personTimes: number;
}
export interface TargetRow {
  targetId: string;
  label: string;
  organization: { name: string } | null;
  threshold: number;
  actual: number | null;
  /** A Ratio: two-decimal text (docs/clients.md). */
  completionPercent: string | null;
  status: string;
  rank: number | null;
}
interface TrendFigure {
  path: string;
  value: string | null;
  previous: string | null;
  /** A Ratio: two-decimal text (docs/clients.md). */
  changePercent: string | null;
}

const TARGETS = `targets { targetId label organization { name } threshold actual completionPercent status rank }`;

const CHARTS = `query($g: ID!, $y: Int!, $from: Int!, $f: LedgerFilter) {
  byMonth: trainingTotals(by: MONTH, filter: $f) { key label personTimes }
  byCategory: trainingTotals(by: CATEGORY, filter: $f) { key label personTimes }
  annualReport(groupId: $g, year: $y) { id revenue { total bySource { source amount } } ${TARGETS} }
  annualReportTrend(groupId: $g, fromYear: $from, toYear: $y) { id year trend { path value previous changePercent } }
}`;

const REVENUE_SOURCES: Record<string, string> = {
  TRAINING: '社会培训',
  CERTIFICATION: '社会鉴定',
  EXAMS: '社会考试',
  TECHNICAL_SERVICE: '横向技术服务',
  PRODUCTION: '实习工厂生产',
  PROJECT_FUNDING: '项目/基地经费',
  CONTINUING_EDUCATION: '专本培训',
  OTHER: '其他',
};

/** The main indicators compared year on year (paths of the report, as the trend names them). */
const MAIN_INDICATORS: [string, string][] = [
  ['membership.total', '成员单位数'],
  ['training.personTimes', '培训人次'],
  ['training.socialPersonTimes', '社会培训人次'],
  ['revenue.total', '社会服务到账'],
  ['sharing.cooperations', '校企合作项目'],
  ['returns.enrolledStudents', '在校生数'],
  ['competitions.awards', '大赛获奖'],
];

const STATUS: Record<string, string> = { MET: '已完成', NOT_MET: '未完成', NO_DATA: '无数据' };
/** A trend value: money (revenue, in yuan) in 万元. */
const show = (path: string, value: string | null | undefined) => (value == null ? '—' : path.startsWith('revenue.') ? `${wan(value)} 万元` : value);
const wan = (yuan: string | null | undefined) => (yuan == null ? null : Math.round(Number(yuan) / 100) / 100);

/** 统计图: training by month and category, revenue by source, year on year, target completion (secretariat). */
export function Charts({ groupId, year }: ScreenProps) {
  const data = useLoad(
    () =>
      gql<{
        byMonth: TotalsRow[];
        byCategory: TotalsRow[];
        annualReport: { revenue: { total: string | null; bySource: { source: string; amount: string | null }[] } | null; targets: TargetRow[] | null } | null;
        annualReportTrend: { year: number; trend: TrendFigure[] | null }[] | null;
      }>(CHARTS, { g: groupId, y: year, from: year - 1, f: { groupId, year } }),
    [groupId, year],
  );
  const options = useMemo(() => {
    if (!data.data) return null;
    const { byMonth, byCategory, annualReport, annualReportTrend } = data.data;
    const trend = annualReportTrend?.find((t) => t.year === year)?.trend ?? [];
    const yoy = MAIN_INDICATORS.map(([path, label]) => ({ path, label, figure: trend.find((f) => f.path === path) }));
    const revenue = (annualReport?.revenue?.bySource ?? []).filter((s) => Number(s.amount ?? 0) > 0);
    return {
      month: {
        title: { text: `${year} 年培训人次（按月）`, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 50, right: 20, bottom: 30 },
        xAxis: { type: 'category', data: byMonth.map((r) => r.label || r.key) },
        yAxis: { type: 'value', name: '人次' },
        series: [{ name: '培训人次', type: 'bar', data: byMonth.map((r) => r.personTimes), itemStyle: { color: '#1d4ed8' } }],
      },
      category: {
        title: { text: `${year} 年培训人次（按类别）`, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人次（{d}%）' },
        series: [{ name: '培训人次', type: 'pie', radius: ['35%', '65%'], top: 30, data: byCategory.map((r) => ({ name: r.label, value: r.personTimes })) }],
      },
      revenue: {
        title: { text: `${year} 年社会服务到账（按来源，万元）`, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 110, right: 30, bottom: 30 },
        xAxis: { type: 'value', name: '万元' },
        yAxis: { type: 'category', data: revenue.map((s) => REVENUE_SOURCES[s.source] ?? s.source) },
        series: [{ name: '到账（万元）', type: 'bar', data: revenue.map((s) => wan(s.amount)), itemStyle: { color: '#0f766e' } }],
      },
      yoy: {
        title: { text: `主要指标同比（${year} 比 ${year - 1}，%）`, left: 'center', textStyle: { fontSize: 14 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 110, right: 30, bottom: 30 },
        xAxis: { type: 'value', name: '%' },
        yAxis: { type: 'category', data: yoy.map((y) => y.label) },
        series: [
          {
            name: '同比增长（%）',
            type: 'bar',
            data: yoy.map((y) => ({
              value: y.figure?.changePercent == null ? null : Number(y.figure.changePercent),
              itemStyle: { color: Number(y.figure?.changePercent ?? 0) < 0 ? '#b91c1c' : '#15803d' },
            })),
          },
        ],
      },
      yoyRows: yoy,
      revenueTotal: wan(annualReport?.revenue?.total),
      targets: annualReport?.targets ?? [],
    };
  }, [data.data, year]);
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBox error={data.error} />;
  if (!options) return null;
  return (
    <>
      <div className="charts">
        <Panel title="培训人次（按月）">
          <Chart option={options.month} testId="chart-month" />
        </Panel>
        <Panel title="培训人次（按类别）">
          <Chart option={options.category} testId="chart-category" />
        </Panel>
        <Panel title={`社会服务到账（合计 ${options.revenueTotal ?? '未填报'} 万元）`}>
          <Chart option={options.revenue} testId="chart-revenue" />
        </Panel>
        <Panel title="主要指标同比">
          <Chart option={options.yoy} testId="chart-yoy" />
          <table className="list small">
            <thead>
              <tr>
                <th>指标</th>
                <th>{year - 1} 年</th>
                <th>{year} 年</th>
                <th>同比</th>
              </tr>
            </thead>
            <tbody>
              {options.yoyRows.map(({ path, label, figure }) => (
                <tr key={label}>
                  <td>{label}</td>
                  <td>{show(path, figure?.previous)}</td>
                  <td>{show(path, figure?.value)}</td>
                  <td>{figure?.changePercent == null ? '—' : `${figure.changePercent}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
      </div>
      <TargetsPanel year={year} rows={options.targets} />
    </>
  );
}

/** Each target's completion: a bar per target (100 % is met), and the table with rank and status. */
export function TargetsPanel({ year, rows }: { year: number; rows: TargetRow[] }) {
  const option = useMemo(() => {
    const shown = rows.filter((r) => r.completionPercent !== null);
    return {
      title: { text: `${year} 年指标完成率（%）`, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 200, right: 40, bottom: 30 },
      xAxis: { type: 'value', name: '%' },
      yAxis: { type: 'category', data: shown.map((r) => (r.organization ? `${r.label}（${r.organization.name}）` : r.label)) },
      series: [
        {
          name: '完成率（%）',
          type: 'bar',
          data: shown.map((r) => ({ value: Number(r.completionPercent), itemStyle: { color: r.status === 'MET' ? '#15803d' : '#d97706' } })),
          markLine: { symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: '#b91c1c' }, label: { formatter: '目标' } },
        },
      ],
    };
  }, [rows, year]);
  return (
    <Panel title="指标完成情况" testId="targets">
      {rows.length === 0 ? (
        <p className="muted">{year} 年度没有设定指标。</p>
      ) : (
        <>
          <Chart option={option} testId="chart-targets" />
          <table className="list">
            <thead>
              <tr>
                <th>指标</th>
                <th>单位</th>
                <th>目标值</th>
                <th>实际值</th>
                <th>完成率</th>
                <th>排名</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, n) => (
                <tr key={`${r.targetId}-${n}`}>
                  <td>{r.label}</td>
                  <td>{r.organization?.name ?? '集团'}</td>
                  <td>{r.threshold}</td>
                  <td>{r.actual ?? '—'}</td>
                  <td>{r.completionPercent == null ? '—' : `${r.completionPercent}%`}</td>
                  <td>{r.rank ?? '—'}</td>
                  <td>
                    <Tag kind={r.status}>{STATUS[r.status]}</Tag>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}

/** 指标完成: a member unit's view of the targets (the group's and its own rows). */
export function MyTargets({ groupId, year }: ScreenProps) {
  const data = useLoad(
    async () =>
      (
        await gql<{ annualReport: { targets: TargetRow[] | null } | null }>(
          `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { id ${TARGETS} } }`,
          { g: groupId, y: year },
        )
      ).annualReport,
    [groupId, year],
  );
  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorBox error={data.error} />;
  return <TargetsPanel year={year} rows={data.data?.targets ?? []} />;
}
