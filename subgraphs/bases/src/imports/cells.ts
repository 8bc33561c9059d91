import { CellValue } from 'exceljs';
import { isLocalDate } from '../../../kit/src';

/** A cell's value as trimmed text, whatever Excel stored (rich text, formula result, hyperlink, date). */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return String(value.text).trim();
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** A date cell: an Excel date or YYYY-MM-DD text; null when it is neither. */
export function cellDate(value: CellValue | undefined): string | null {
  const text = cellText(value);
  return isLocalDate(text) ? text : null;
}

/** A whole-number cell ≥ 0; null when it is not one. */
export function cellCount(value: CellValue | undefined): number | null {
  const text = cellText(value);
  if (!/^\d{1,9}$/.test(text)) return null;
  return Number(text);
}
