/**
 * The rule engine shared by annual returns and report templates. Blocking rules stop a return
 * from being submitted and a report from being sent; warnings are shown and must be confirmed.
 */
export type Rule =
  | { kind: 'required' }
  | { kind: 'integer' }
  | { kind: 'nonNegative' }
  | { kind: 'percentage' }
  | { kind: 'notAbove'; field: string }
  | { kind: 'range'; min?: number; max?: number }
  | { kind: 'yearOnYear'; maxChangePercent: number };

export const RULE_KINDS = ['required', 'integer', 'nonNegative', 'percentage', 'notAbove', 'range', 'yearOnYear'] as const;

export interface Issue {
  field: string;
  label: string;
  message: string;
}

export interface RuleField {
  code: string;
  label: string;
  value: number | null;
  rules: Rule[];
  /** Last year's value of the same field code, for year-on-year rules. */
  previous?: number | null;
  /** What `previous` is, for the message (e.g. 「2024 年已报送（第 1 版）」). */
  previousLabel?: string;
}

const isWarning = (rule: Rule) => rule.kind === 'range' || rule.kind === 'yearOnYear';

/** Checks every rule of every field at once; nothing stops at the first problem. */
export function evaluate(fields: RuleField[]): { errors: Issue[]; warnings: Issue[] } {
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  for (const f of fields) {
    for (const rule of f.rules) {
      const message = ruleProblem(f, rule, byCode);
      if (message) (isWarning(rule) ? warnings : errors).push({ field: f.code, label: f.label, message });
    }
  }
  return { errors, warnings };
}

function ruleProblem(f: RuleField, rule: Rule, byCode: Map<string, RuleField>): string | null {
  const v = f.value;
  if (rule.kind === 'required') return v === null ? `「${f.label}」必须填写（${f.code} required）` : null;
  if (v === null) return null;
  switch (rule.kind) {
    case 'integer':
      return Number.isInteger(v) ? null : `「${f.label}」应为整数，当前为 ${v}（${f.code} must be a whole number）`;
    case 'nonNegative':
      return v >= 0 ? null : `「${f.label}」不能为负数，当前为 ${v}（${f.code} negative）`;
    case 'percentage':
      return v >= 0 && v <= 100 && Math.round(v * 100) === v * 100
        ? null
        : `「${f.label}」应为 0–100 之间、最多两位小数的百分比，当前为 ${v}（${f.code} percentage）`;
    case 'notAbove': {
      const other = byCode.get(rule.field);
      return other && other.value !== null && v > other.value
        ? `「${f.label}」(${v}) 不能大于「${other.label}」(${other.value})（${f.code} above ${other.code}）：请核对这两项`
        : null;
    }
    case 'yearOnYear': {
      if (f.previous === null || f.previous === undefined || f.previous === 0) return null;
      const change = ((v - f.previous) / f.previous) * 100;
      return Math.abs(change) > rule.maxChangePercent
        ? `「${f.label}」为 ${v}，比${f.previousLabel ?? '上年已报送'}的 ${f.previous} ${change > 0 ? '增加' : '减少'} ${Math.abs(Math.round(change * 100) / 100)}%，超过 ${rule.maxChangePercent}%，请核实（${f.code} year-on-year change）`
        : null;
    }
    case 'range':
      if (rule.min !== undefined && v < rule.min) return `「${f.label}」为 ${v}，低于通常范围下限 ${rule.min}，请核实（${f.code} below range）`;
      if (rule.max !== undefined && v > rule.max) return `「${f.label}」为 ${v}，高于通常范围上限 ${rule.max}，请核实（${f.code} above range）`;
      return null;
  }
}
