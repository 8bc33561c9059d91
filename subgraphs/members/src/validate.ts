import { badInput, optionalText } from '@zjjt/kit';

/** GB/T 2260 administrative division code: six digits, e.g. 370102. */
export function regionCode(value: string): string {
  const code = value.trim();
  if (!/^[1-8]\d{5}$/.test(code)) throw badInput(`所在地区应为 6 位行政区划代码（GB/T 2260），例如 370102，当前为「${code}」`);
  return code;
}

export function phone(value: string | null | undefined): string | null {
  const text = optionalText(value, '联系电话', 20);
  if (text && !/^[0-9+\-() ]{7,20}$/.test(text))
    throw badInput('联系电话格式不正确（contactPhone format）：请填写 7–20 位数字，可含 + - ( ) 和空格，例如 0531-88881234 或 13800001234');
  return text;
}

export function email(value: string | null | undefined): string | null {
  const text = optionalText(value, '电子邮箱', 100);
  if (text && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) throw badInput('电子邮箱格式不正确（email format）：请填写如 office@example.cn 的地址');
  return text;
}

export function url(value: string | null | undefined, label: string): string | null {
  const text = optionalText(value, label, 200);
  if (text && !/^https?:\/\/\S+$/.test(text)) throw badInput(`${label}应以 http:// 或 https:// 开头：「${text.slice(0, 100)}」（URL）`);
  return text;
}
