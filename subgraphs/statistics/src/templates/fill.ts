import ExcelJS from 'exceljs';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { fenToWan, fenToYuan, figureToFen } from '@zjjt/kit';
import { MONEY_SOURCES, readPath } from './catalog';
import { ReportTemplateData } from './loader';
import { evaluate, Issue, RuleField } from './rules';
import type { Baseline } from '../submission/previous';
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
  @Field(() => String, { nullable: true, description: '填报值（文本：整数，或两位小数）' }) value!: string | null;
  @Field(() => Float, { nullable: true }) number!: number | null;
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
});

/** A field's value in its unit: money sources become 万元 with two decimals, computed from exact yuan. */
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
  return { value: Number.isInteger(n) ? String(n) : n.toFixed(2), number: n };
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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Fills every field of a template from the report's data and checks every rule at once;
 * `baseline` holds last year's values by field code for year-on-year warnings, and where they came from.
 */
export function fillTemplate(template: ReportTemplateData, data: unknown, baseline: Baseline | null = null): FilledReport {
  const values = template.fields.map((f) => valueOf(f.source, f.unit, readPath(data, f.source)).value);
  const unreported = template.fields.map((f, i) => (values[i] === null ? unreportedBecause(data, f.source) : null));
  return assemble(template, values, baseline, unreported);
}

/**
 * A filled report from one text value per template field, in order; every rule checked on those values.
 * `unreported` says, per field, which ledger rows lack the value that left it empty (see explainUnreported).
 */
export function assemble(
  template: ReportTemplateData,
  values: (string | null)[],
  baseline: Baseline | null = null,
  unreported: (string | null)[] = [],
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
  explainUnreported(
    template,
    fields.map((f) => f.value),
    fields.map((f) => f.unreported),
    { errors, warnings },
  );
  const used = baseline ? { kind: BaselineKind[baseline.kind], year: baseline.year, version: baseline.version } : null;
  return { template: templateInfo(template), fields, errors, warnings, blocked: errors.length > 0, baseline: used };
}
