/**
 * `LIKE` that matches what a person typed literally: `%`, `_` and `!` are escaped with `!`
 * (a backslash would need different quoting in MySQL and SQLite). Use with `ESCAPE '!'`.
 */
export const LIKE_ESCAPE = "ESCAPE '!'";

const escape = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);

/** The pattern for "contains". */
export const containsPattern = (text: string) => `%${escape(text)}%`;

/** The pattern for "starts with". */
export const prefixPattern = (text: string) => `${escape(text)}%`;
