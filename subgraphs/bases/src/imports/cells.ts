import { CellValue } from 'exceljs';
import { isLocalDate } from '@zjjt/kit';

/** A text that a spreadsheet would evaluate as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A value as written to an exported sheet: text a spreadsheet would evaluate gets a leading `'`
 * (OWASP's CSV-injection advice) and stays a text cell; anything else is left as it is.
 */
export const inertText = <T>(value: T): T | string => (typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value);

/** Undoes inertText, so an exported workbook reads back as the text that was stored. */
const storedText = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1).trim() : text);

/**
 * A cell's value as trimmed text, whatever Excel stored (rich text, formula result, hyperlink,
 * date). A formula counts by its cached result only (empty without one): it is never evaluated,
 * and text that looks like a formula stays text.
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return storedText(
        value.richText
          .map((r) => r.text ?? '')
          .join('')
          .trim(),
      );
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result);
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return storedText(String(value.text).trim());
    if ('error' in value) return '';
  }
  return storedText(String(value).trim());
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
