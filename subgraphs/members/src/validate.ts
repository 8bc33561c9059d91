import { badInput } from '../../kit/src';

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

/** GB/T 2260 administrative division code: six digits, e.g. 370102. */
export function regionCode(value: string): string {
  const code = value.trim();
  if (!/^[1-8]\d{5}$/.test(code)) throw badInput(`所在地区应为 6 位行政区划代码（GB/T 2260），例如 370102，当前为「${code}」`);
  return code;
}

export function phone(value: string | null | undefined): string | null {
  const text = optionalText(value, '联系电话', 20);
  if (text && !/^[0-9+\-() ]{7,20}$/.test(text)) throw badInput(`联系电话格式不正确：「${text}」，例如 0531-88881234 或 13800001234`);
  return text;
}

export function email(value: string | null | undefined): string | null {
  const text = optionalText(value, '电子邮箱', 100);
  if (text && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) throw badInput(`电子邮箱格式不正确：「${text}」`);
  return text;
}

export function url(value: string | null | undefined, label: string): string | null {
  const text = optionalText(value, label, 200);
  if (text && !/^https?:\/\/\S+$/.test(text)) throw badInput(`${label}应以 http:// 或 https:// 开头：「${text}」`);
  return text;
}

/** `later` is on or after `earlier` (both YYYY-MM-DD). */
export function notBefore(later: string, earlier: string | null, message: string): void {
  if (earlier && later < earlier) throw badInput(message);
}
