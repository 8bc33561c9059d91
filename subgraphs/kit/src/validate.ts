import { badInput } from './errors';

/** A required text field, trimmed; the message names the field in Chinese and English. */
export function requiredText(value: string | null | undefined, label: string, max: number): string {
  const text = (value ?? '').trim();
  if (!text) throw badInput(`${label}不能为空 (${label} is required)`);
  if (text.length > max) throw badInput(`${label}最多 ${max} 个字符，当前 ${text.length} 个 (${label} too long)`);
  return text;
}

/** An optional text field: blank becomes null. */
export function optionalText(value: string | null | undefined, label: string, max: number): string | null {
  return value === null || value === undefined || !value.trim() ? null : requiredText(value, label, max);
}

/** `later` is on or after `earlier` (both YYYY-MM-DD). */
export function notBefore(later: string, earlier: string | null, message: string): void {
  if (earlier && later < earlier) throw badInput(message);
}

/** A whole number within bounds (missing counts as 0), named in the message. */
export function wholeNumber(value: number | null | undefined, label: string, min = 0, max = 1_000_000): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < min || n > max) throw badInput(`${label}应为 ${min} 到 ${max} 之间的整数，当前为 ${n} (${label} out of range)`);
  return n;
}
