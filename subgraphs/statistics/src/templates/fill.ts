import ExcelJS from 'exceljs';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { fenToWan, fenToYuan, figureToFen } from '@zjjt/kit';
import { MONEY_SOURCES, readPath, returnCategoriesOf } from './catalog';
import { CATEGORY_LABEL, noteOf, ReportCompleteness } from '../collection/completeness';
import { ReportTemplateData } from './loader';
import { evaluate, Issue, RuleField } from './rules';
import type { Baseline } from '../submission/previous';
import { appliesUntil, provenanceInfo, TemplateProvenanceInfo } from './versions';
import { FieldDrillDown } from './sources';
import { explainUnreported, unreportedBecause } from './unreported';

export enum BaselineKind {
  SUBMISSION = 'SUBMISSION',
  COMPUTED = 'COMPUTED',
}
registerEnumType(BaselineKind, {
  name: 'BaselineKind',
  description: '同比基数来源：SUBMISSION 上年已被平台接收的报送；COMPUTED 上年无已接收报送时，本系统按台账计算的上年报表',
});

@ObjectType({ description: '同比校验所用的上年基数' })
export class YearOnYearBaseline {
  @Field(() => BaselineKind) kind!: BaselineKind;
  @Field(() => Int, { description: '基数年度' }) year!: number;
  @Field(() => Int, { nullable: true, description: '已接收报送的版本号（仅 SUBMISSION）' }) version!: number | null;
}

/** How a baseline is named in a warning. */
const baselineLabel = (b: Baseline) => (b.kind === 'SUBMISSION' ? `${b.year} 年已报送（第 ${b.version} 版）` : `${b.year} 年按台账计算（无已接收报送）`);

@ObjectType({ description: '报表字段' })
export class FilledField {
  @Field(() => String, { description: '字段代码' }) code!: string;
  @Field(() => String, { description: '名称' }) label!: string;
  @Field(() => String, { description: '单位' }) unit!: string;
  @Field(() => String, { description: '数据来源（AnnualReport 中的路径）' }) source!: string;
  @Field(() => String, { nullable: true, description: '填报值：表格单元格的文本，即报送的内容（整数，或两位小数，如 "5.10"；单位见 unit）' }) value!:
    string | null;
  @Field(() => Float, { nullable: true, description: '同一填报值的数值形式（JSON 数字，如 5.1），供计算用；报送以 value 为准' }) number!: number | null;
  @Field(() => FieldDrillDown, { nullable: true, description: '来源明细：口径、公式、台账行数与列出这些行的查询（冻结的报送中为空）' })
  drillDown?: FieldDrillDown | null;
  @Field(() => String, { nullable: true, description: '为空时：台账中缺少哪些数值（未填报的班次、批次）；为空表示不是因为台账缺值' })
  unreported!: string | null;
}

@ObjectType({ description: '校验问题' })
export class ReportIssue {
  @Field(() => String) field!: string;
  @Field(() => String) label!: string;
  @Field(() => String) message!: string;
}

@ObjectType({ description: '模板信息' })
export class ReportTemplateInfo {
  @Field(() => String) code!: string;
  @Field(() => String, { description: '平台' }) platform!: string;
  @Field(() => String, { description: 'national | provincial' }) target!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int) version!: number;
  @Field(() => Boolean, { description: '是否已与平台正式表单核对' }) verified!: boolean;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int) fieldCount!: number;
  @Field(() => String, { description: '模板族（如 NATIONAL）：同一平台表单按年度的各版本' }) family!: string;
  @Field(() => Int, { description: '自哪一报告年度起适用' }) appliesFrom!: number;
  @Field(() => Int, { nullable: true, description: '适用到哪一报告年度（下一版本的前一年）；为空表示仍是最新版本' }) appliesUntil!: number | null;
  @Field(() => TemplateProvenanceInfo, { description: '字段清单的出处与核对情况' }) provenance!: TemplateProvenanceInfo;
  @Field(() => String, { nullable: true, description: '为何选用此版本（仅在填好的报表中）' }) chosenBecause!: string | null;
}

@ObjectType({ description: '按模板填好的报表' })
export class FilledReport {
  @Field(() => ReportTemplateInfo) template!: ReportTemplateInfo;
  @Field(() => [FilledField]) fields!: FilledField[];
  @Field(() => [ReportIssue], { description: '阻断错误：存在时不能提交' }) errors!: Issue[];
  @Field(() => [ReportIssue], { description: '警告：提交前须由秘书处确认' }) warnings!: Issue[];
  @Field(() => Boolean, { description: '是否存在阻断错误' }) blocked!: boolean;
  @Field(() => YearOnYearBaseline, { nullable: true, description: '同比警告所比较的上年基数；为空表示没有可比的上年数据' })
  baseline!: YearOnYearBaseline | null;
  @Field(() => ReportCompleteness, {
    nullable: true,
    description: '年报完整性：应报单位、已审核通过、缺报单位；由年报汇总的字段在缺报时被阻断，除非秘书处已确认缺报',
  })
  completeness!: ReportCompleteness | null;
  @Field(() => String, { nullable: true, description: '报表说明：秘书处确认缺报时填写的理由，随报表报送；年报齐全或未确认时为空' })
  note!: string | null;
}

/** At most this many missing units are named in one blocking message; the count says how many there are. */
const NAMED_UNITS = 10;

/**
 * Blocking errors of the fields computed from members’ returns (returnFiguresOf) while returns of
 * their unit categories are missing and the gap is not confirmed: each names the missing units (capped) and their count.
 */
export function completenessErrors(template: ReportTemplateData, c: ReportCompleteness | null): Issue[] {
  if (!c || c.complete || c.gapConfirmed) return [];
  const issues: Issue[] = [];
  for (const f of template.fields) {
    const categories = returnCategoriesOf(f.source);
    const short = c.byCategory.filter((b) => categories.includes(b.category) && b.missing > 0);
    if (!short.length) continue;
    const counts = short.map((b) => `${CATEGORY_LABEL[b.category]}应报 ${b.expected} 家、缺 ${b.missing} 家`).join('，');
    const missing = short.reduce((n, b) => n + b.missing, 0);
    const named = c.missingUnits.filter((m) => categories.includes(m.category) && m.name);
    const names = named.length
      ? `：${named
          .slice(0, NAMED_UNITS)
          .map((m) => m.name)
          .join('、')}${missing > NAMED_UNITS || named.length < missing ? ` 等 ${missing} 家` : ''}`
      : '';
    issues.push({
      field: f.code,
      label: f.label,
      message: `「${f.label}」由${short.map((b) => CATEGORY_LABEL[b.category]).join('、')}年报汇总，${counts}的年报未审核通过（returns missing）${names}。请催报并审核通过，或由秘书处确认缺报并说明理由（confirmReturnGaps）`,
    });
  }
  return issues;
}

export const templateInfo = (t: ReportTemplateData): ReportTemplateInfo => ({
  code: t.code,
  platform: t.platform,
  target: t.target,
  year: t.year,
  version: t.version,
  verified: t.verified,
  note: t.note ?? null,
  fieldCount: t.fields.length,
  family: t.family,
  appliesFrom: t.appliesFrom,
  appliesUntil: appliesUntil(t),
  provenance: provenanceInfo(t),
  chosenBecause: null,
});

/** A field's value in its unit: money sources become 万元 with two decimals, computed from exact yuan; indicators keep two decimals; counts are whole. */
function valueOf(source: string, unit: string, raw: unknown): { value: string | null; number: number | null } {
  if (raw === null || raw === undefined) return { value: null, number: null };
  if (MONEY_SOURCES.has(source)) {
    // A figure the hub summed: read exactly, whatever its size (input rules do not apply to sums).
    const fen = figureToFen(String(raw));
    const text = unit === '万元' ? fenToWan(fen) : fenToYuan(fen);
    return { value: text, number: Number(text) };
  }
  const n = Number(raw);
  if (!Number.isFinite(n)) return { value: null, number: null };
  // An indicator (Ratio, Wan) reads as the report answers it: always two decimals, "94.00".
  return { value: Number.isInteger(n) && !source.startsWith('indicators.') ? String(n) : n.toFixed(2), number: n };
}

/** The filled report as a workbook in the template's layout: code, Chinese label, unit, value, source; then the issues. */
export async function filledWorkbook(report: FilledReport, title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('报表');
  sheet.addRow([title]);
  sheet.addRow([
    `${report.template.platform} · ${report.template.code} 第 ${report.template.version} 版 · ${report.template.verified ? '已核对' : '未与平台正式表单核对'}`,
  ]);
  sheet.addRow(['字段代码', '名称', '单位', '填报值', '数据来源']);
  for (const f of report.fields) sheet.addRow([f.code, f.label, f.unit, f.value ?? '', f.source]);
  sheet.columns = [{ width: 10 }, { width: 28 }, { width: 8 }, { width: 16 }, { width: 44 }];
  const issues = workbook.addWorksheet('校验');
  issues.addRow(['类别', '字段代码', '名称', '说明']);
  for (const e of report.errors) issues.addRow(['阻断错误', e.field, e.label, e.message]);
  for (const w of report.warnings) issues.addRow(['警告', w.field, w.label, w.message]);
  const c = report.completeness;
  if (c) {
    // 说明: the secretariat's reason for the missing returns, and how complete the returns are.
    const note = workbook.addWorksheet('说明');
    note.addRow(['说明', report.note ?? (c.complete ? '成员年报齐全' : '')]);
    if (c.confirmation && report.note) note.addRow(['确认', `${c.confirmation.confirmedBy} ${c.confirmation.confirmedAt}`]);
    note.addRow(['应报单位', c.expected]);
    note.addRow(['已审核通过', c.approved]);
    note.addRow(['缺报单位', c.missing]);
    for (const b of c.byCategory) note.addRow([CATEGORY_LABEL[b.category], `应报 ${b.expected}，已审核 ${b.approved}，缺 ${b.missing}`]);
    note.addRow(['类别', '缺报单位', '年报状态']);
    for (const m of c.missingUnits) note.addRow([CATEGORY_LABEL[m.category], m.name ?? m.organizationId, m.status]);
    note.columns = [{ width: 12 }, { width: 60 }, { width: 14 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Fills every field of a template from the report's data and checks every rule at once;
 * `baseline` holds last year's values by field code for year-on-year warnings, and where they came from.
 */
export function fillTemplate(template: ReportTemplateData, data: unknown, checks: Omit<Checks, 'unreported'> = {}): FilledReport {
  const values = template.fields.map((f) => valueOf(f.source, f.unit, readPath(data, f.source)).value);
  const unreported = template.fields.map((f, i) => (values[i] === null ? unreportedBecause(data, f.source) : null));
  return assemble(template, values, { ...checks, unreported });
}

/** What a report is checked against besides its own rules. */
export interface Checks {
  /** Last year's values by field code, for year-on-year warnings, and where they came from. */
  baseline?: Baseline | null;
  /** The members' returns: fields computed from returns are blocked while returns are missing and the gap unconfirmed. */
  completeness?: ReportCompleteness | null;
  /** Per field, which ledger rows lack the value that left it empty (see explainUnreported). */
  unreported?: (string | null)[];
}

/**
 * A filled report from one text value per template field, in order; every rule checked on those values,
 * the fields computed from returns checked against the report's completeness, and each empty field's
 * reason (ledger rows lacking a value) turned into a blocking error or a warning.
 */
export function assemble(
  template: ReportTemplateData,
  values: (string | null)[],
  { baseline = null, completeness = null, unreported = [] }: Checks = {},
): FilledReport {
  const fields = template.fields.map((f, i) => {
    const value = values[i] ?? null;
    const number = value === null || value === '' || !Number.isFinite(Number(value)) ? null : Number(value);
    return { code: f.code, label: f.label, unit: f.unit, source: f.source, value, number, unreported: value === null ? (unreported[i] ?? null) : null };
  });
  const ruleFields: RuleField[] = template.fields.map((f, i) => ({
    code: f.code,
    label: f.label,
    value: fields[i].number,
    rules: f.rules ?? [],
    previous: baseline?.values.get(f.code) ?? null,
    previousLabel: baseline ? baselineLabel(baseline) : undefined,
  }));
  const { errors, warnings } = evaluate(ruleFields);
  errors.push(...completenessErrors(template, completeness));
  explainUnreported(
    template,
    fields.map((f) => f.value),
    fields.map((f) => f.unreported),
    { errors, warnings },
  );
  const used = baseline ? { kind: BaselineKind[baseline.kind], year: baseline.year, version: baseline.version } : null;
  return { template: templateInfo(template), fields, errors, warnings, blocked: errors.length > 0, baseline: used, completeness, note: noteOf(completeness) };
}
