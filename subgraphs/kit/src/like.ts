import { badInput } from './errors';

/**
 * `LIKE` that matches what a person typed literally: `%`, `_` and `!` are escaped with `!`
 * (a backslash would need different quoting in MySQL and SQLite). Use with `ESCAPE '!'`.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

/**
 * Longest search text, in characters. Nobody types more into a search box, and a long pattern is
 * work for the database (SQLite refuses patterns over 50,000 bytes as "too complex").
 */
export const MAX_SEARCH_LENGTH = 100;

const escape = (text: string) => {
  if (text.length > MAX_SEARCH_LENGTH) throw badInput(`搜索词过长（search text too long）：最多 ${MAX_SEARCH_LENGTH} 个字，请缩短后再搜索`);
  return text.replace(/[!%_]/g, (c) => `!${c}`);
};

/** The pattern for "contains"; text over MAX_SEARCH_LENGTH is refused with BAD_USER_INPUT. */
export const containsPattern = (text: string) => `%${escape(text)}%`;

/** The pattern for "starts with"; text over MAX_SEARCH_LENGTH is refused with BAD_USER_INPUT. */
export const prefixPattern = (text: string) => `${escape(text)}%`;
