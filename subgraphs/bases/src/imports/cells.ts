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

/** A cell's own value: a formula's cached result, otherwise the value as stored. */
const rawValue = (value: CellValue | undefined): CellValue | undefined =>
  value !== null && typeof value === 'object' && !(value instanceof Date) && 'result' in value ? rawValue(value.result) : value;

/**
 * Text as a figure or date is read: full-width characters as their ASCII forms (０-９, Ｘ, ／, －, ．,
 * via NFKC), surrounding spaces (incl. the full-width space U+3000) removed.
 */
export const halfWidth = (text: string) => text.normalize('NFKC').trim();

/** Excel's last date, 9999-12-31, as a 1900-system serial number. */
const LAST_SERIAL = 2958465;

/**
 * An Excel serial date (the 1900 date system, which every .xlsx writer uses by default) as YYYY-MM-DD.
 * Day 1 is 1900-01-01; Excel counts a 1900-02-29 that never was (serial 60, refused), so from serial 61
 * on the days run from 1899-12-30. A time of day (the fraction) is dropped. Null outside 1900–9999.
 */
export function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > LAST_SERIAL || day === 60) return null;
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

/** 2025-03-01, 2025-3-1, 2025/3/1, 2025.3.1, 2025年3月1日. */
const TEXT_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/**
 * A date cell, as YYYY-MM-DD; null when it is not a date. Used for date columns only, so a number
 * there is an Excel date cell (the reader does not read styles.xml; the column says it is a date):
 * its serial number is converted. Text is read as 2025-03-01, 2025/3/1 or 2025年3月1日, in half- or
 * full-width digits.
 */
export function cellDate(value: CellValue | undefined): string | null {
  const raw = rawValue(value);
  if (typeof raw === 'number') return excelSerialDate(raw);
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  const m = TEXT_DATE.exec(halfWidth(cellText(raw)));
  if (!m) return null;
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isLocalDate(date) ? date : null;
}

/**
 * A number as text: half-width, without thousands separators (1,200 or 1，200). Null when the
 * separators are misplaced, so 1,2 is not read as 12.
 */
export function numberText(value: CellValue | undefined): string | null {
  const text = halfWidth(cellText(value));
  if (!/,/.test(text)) return text;
  return /^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text) ? text.replace(/,/g, '') : null;
}

/** A whole-number cell ≥ 0 (a number cell, or one stored as text, in half- or full-width digits); null when it is not one. */
export function cellCount(value: CellValue | undefined): number | null {
  const text = numberText(value);
  if (text === null || !/^\d{1,9}$/.test(text)) return null;
  return Number(text);
}

/** A text that is a number written in scientific notation, as a spreadsheet shows a long number (3.70102E+17). */
const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/i;

export const ID_NUMBER_AS_NUMBER =
  '身份证号被存成了数字（ID number stored as a number）：表格软件把 18 位数字变成了数值（显示为 1.23457E+17 这样的科学计数法），后几位已经丢失。' +
  '请把「身份证号」整列的单元格格式设为「文本」（text），再重新录入（或粘贴为文本）这些身份证号';

/**
 * A 身份证号 cell: the number as text (half-width, upper-case X), or `problem` when a spreadsheet
 * stored it as a number: an 18-digit number has more digits than a spreadsheet keeps (15), so the
 * number cannot be trusted and is never read, whatever it shows.
 */
export function cellIdNumber(value: CellValue | undefined): { idNumber: string; problem?: undefined } | { idNumber?: undefined; problem: string } {
  const raw = rawValue(value);
  if (typeof raw === 'number') return { problem: ID_NUMBER_AS_NUMBER };
  const text = halfWidth(cellText(raw)).toUpperCase();
  if (SCIENTIFIC.test(text)) return { problem: ID_NUMBER_AS_NUMBER };
  return { idNumber: text };
}
