import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ValueTransformer } from 'typeorm';

const YUAN = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

function invalid(value: unknown): never {
  throw new GraphQLError(`金额应为以元为单位、最多两位小数的非负数，例如 "125000.50" (invalid amount: ${JSON.stringify(value)})`, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Parses a yuan amount written as text ("125000.5") into integer fen, exactly. */
export function yuanToFen(value: unknown): number {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') invalid(value);
  const m = YUAN.exec(text.trim());
  if (!m) invalid(value);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Integer fen as yuan text with two decimals: 12345 → "123.45". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer fen as 万元 with two decimals, rounded half up: 1234567 fen (12345.67 元) → "1.23". */
export function fenToWan(fen: number): string {
  return fenToYuan(Math.round(fen / 10000));
}

/**
 * 金额（元）: exact yuan as text with at most two decimals, stored as integer fen. Numbers are
 * accepted on input for convenience; output is always text so no float rounding reaches a report.
 */
export const Money = new GraphQLScalarType({
  name: 'Money',
  description: '金额（元），文本形式，最多两位小数，如 "125000.50"',
  serialize: (fen) => fenToYuan(Number(fen)),
  parseValue: yuanToFen,
  parseLiteral: (ast) => yuanToFen(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
});

/** Column transformer for integer fen in a BIGINT column (mysql2 returns BIGINT as text). */
export const fenColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};
