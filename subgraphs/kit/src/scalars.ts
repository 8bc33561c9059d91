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
