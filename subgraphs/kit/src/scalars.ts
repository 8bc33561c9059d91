import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isLocalDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function parse(value: unknown): string {
  if (typeof value !== 'string' || !isLocalDate(value)) {
    throw new GraphQLError(`日期格式应为 YYYY-MM-DD，例如 2024-06-30 (invalid date: ${JSON.stringify(value)})`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/** A calendar date without time zone, `YYYY-MM-DD`; stored as the same string. */
export const LocalDate = new GraphQLScalarType({
  name: 'LocalDate',
  description: '日期 YYYY-MM-DD',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Two-decimal text: an optional minus, digits, a point and up to two decimals. */
const DECIMAL = /^-?\d{1,13}(?:\.\d{1,2})?$/;

/**
 * A figure with two decimals whose JSON form is text, exactly as a report form shows it ("5.10",
 * "85.50"), like `Money`: output is always two decimals; input takes that text or a JSON number
 * with at most two decimals. The value inside the hub is a number (already rounded to hundredths).
 */
function twoDecimals(name: string, description: string, english: string, example: string) {
  const parse = (value: unknown): number => {
    const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL.test(text.trim())) {
      throw new GraphQLError(`${description}应为最多两位小数的数，例如 "${example}" (invalid ${english}: ${JSON.stringify(value)?.slice(0, 40)})`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return Number(text);
  };
  return new GraphQLScalarType({
    name,
    description: `${description}，文本形式，两位小数，如 "${example}"`,
    serialize: (value) => {
      if (typeof value === 'string' && DECIMAL.test(value)) {
        const [whole, decimals = ''] = value.split('.');
        return `${whole}.${decimals.padEnd(2, '0')}`;
      }
      if (typeof value === 'number' && Number.isFinite(value)) return value.toFixed(2);
      throw new TypeError(`${name} cannot represent ${JSON.stringify(value)}`);
    },
    parseValue: parse,
    parseLiteral: (ast) => parse(ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT ? ast.value : undefined),
  });
}

/** 万元: an amount in ten-thousands of yuan, two decimals, as text ("12.35" is 123,500 元). */
export const Wan = twoDecimals('Wan', '金额（万元）', 'amount in 万元', '12.35');

/** A ratio with two decimals, as text: a percentage where the field says Percent ("85.50" is 85.5 %), else a multiple ("5.10" 倍). */
export const Ratio = twoDecimals('Ratio', '比率（百分比或倍数）', 'ratio', '85.50');
