import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ValueTransformer } from 'typeorm';

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;
/** A yuan figure this hub wrote (a sum may have any number of digits). */
const FIGURE = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Integer fen as a JS number (one row), a BigInt, or the decimal text a SQL SUM returns. */
export type Fen = number | bigint | string;

/** The largest amount one ledger row may carry: 10 亿元 (1,000,000,000.00 元), in fen. */
export const MAX_ROW_FEN = 100_000_000_000;

function invalid(value: unknown): never {
  throw new GraphQLError(`金额应为以元为单位、最多两位小数的非负数，例如 "125000.50" (invalid amount: ${JSON.stringify(value)})`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/** Parses a yuan amount written as text ("125000.5") into integer fen, exactly. Input rules: ≥ 0, at most 13 digits before the point. */
export function yuanToFen(value: unknown): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') invalid(value);
  const m = YUAN.exec(text.trim());
  if (!m) invalid(value);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Any fen value as a BigInt, exactly (SQL sums arrive as text, one row as a number). */
export function toFen(fen: Fen): bigint {
  if (typeof fen === 'bigint') return fen;
  if (typeof fen === 'number') {
    if (!Number.isSafeInteger(fen)) throw new RangeError(`not a whole number of fen: ${fen}`);
    return BigInt(fen);
  }
  const text = fen.trim();
  if (!/^-?\d+$/.test(text)) throw new RangeError(`not a whole number of fen: ${JSON.stringify(fen)}`);
  return BigInt(text);
}

/**
 * Reads back a yuan figure this hub formatted (a section's sum, "99999999999999.91") as exact fen.
 * Output rules, not input rules: any number of digits, a sign allowed; only non-numbers are refused.
 */
export function figureToFen(yuan: string): bigint {
  const m = FIGURE.exec(String(yuan).trim());
  if (!m) throw new RangeError(`not a yuan figure: ${JSON.stringify(yuan)}`);
  const abs = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -abs : abs;
}

/** Integer fen as yuan text with two decimals, exactly, whatever its size: 12345 → "123.45". */
export function fenToYuan(fen: Fen): string {
  const value = toFen(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** `a / b` rounded half away from zero, in integers. */
export function divideRounded(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RangeError('division by zero');
  const negative = a < 0n !== b < 0n;
  const [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  const q = (2n * x + y) / (2n * y);
  return negative ? -q : q;
}

/**
 * Integer fen as 万元 with two decimals, rounded half up, exactly: 1234567 fen (12345.67 元) → "1.23".
 * `per` divides first (e.g. per full-time teacher), so the result is rounded once.
 */
export function fenToWan(fen: Fen, per: number | bigint = 1): string {
  return fenToYuan(divideRounded(toFen(fen), 10000n * BigInt(per)));
}

/** Yuan with thousands separators for messages: 100000000000 fen → "1,000,000,000.00". */
export function formatYuan(fen: Fen): string {
  const [whole, cents] = fenToYuan(fen).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** Refuses one row's amount above `max` fen (10 亿元 by default) with a message that says the limit. */
export function cappedAmount(fen: number, label: string, max = MAX_ROW_FEN): number {
  if (fen > max) {
    throw new GraphQLError(
      `金额过大（amount too large）：${label}单笔不得超过 ${formatYuan(max)} 元，当前为 ${formatYuan(fen)} 元，请核对单位（元）后重新填写`,
      { extensions: { code: 'BAD_USER_INPUT', field: label } },
    );
  }
  return fen;
}

/**
 * 金额（元）: exact yuan as text with at most two decimals, stored as integer fen. Numbers are
 * accepted on input for convenience; output is always text so no float rounding reaches a report.
 * Output formats any whole number of fen (a sum may exceed what one input may be).
 */
export const Money = new GraphQLScalarType({
  name: 'Money',
  description: '金额（元），文本形式，最多两位小数，如 "125000.50"',
  serialize: (fen) => fenToYuan(fen as Fen),
  parseValue: yuanToFen,
  parseLiteral: (ast) => yuanToFen(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});

/** Column transformer for integer fen in a BIGINT column (mysql2 returns BIGINT as text). */
export const fenColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/**
 * A SQL expression for the exact sum of a fen column as decimal text. Both dialects sum integers
 * exactly (SQLite in 64 bits, MySQL as DECIMAL), but drivers hand big numbers to JS as floats;
 * CHAR is a cast type in MySQL and gives TEXT affinity in SQLite, so the digits arrive intact.
 */
export const exactSum = (column: string) => `CAST(COALESCE(SUM(${column}), 0) AS CHAR)`;
