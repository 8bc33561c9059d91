import path from 'node:path';
import { ConfigError } from '@zjjt/kit';

/** How much of a workbook an import reads before it refuses the file. */
export interface ImportLimits {
  /** Bytes one part of the .xlsx (a sheet, the shared strings) may inflate to, counted as it inflates. */
  entryBytes: number;
  /** Strings in xl/sharedStrings.xml, counted as they are parsed. */
  sharedStrings: number;
  /** Data rows per sheet (the header row not counted), and so the last row number allowed. */
  rows: number;
  /** The last column a cell may hold a value in. */
  columns: number;
}

const VARIABLES: Record<keyof ImportLimits, { variable: string; fallback: number; min: number; max: number }> = {
  entryBytes: { variable: 'IMPORT_MAX_ENTRY_BYTES', fallback: 100 * 1024 * 1024, min: 64 * 1024, max: 2 * 1024 ** 3 },
  sharedStrings: { variable: 'IMPORT_MAX_SHARED_STRINGS', fallback: 1_000_000, min: 100, max: 100_000_000 },
  rows: { variable: 'IMPORT_MAX_ROWS', fallback: 100_000, min: 10, max: 1_048_575 },
  columns: { variable: 'IMPORT_MAX_COLUMNS', fallback: 50, min: 9, max: 16384 },
};

/** The import limits from the environment; a ConfigError naming the variable when one is not a whole number in range. */
export function importLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const read = ({ variable, fallback, min, max }: (typeof VARIABLES)[keyof ImportLimits]) => {
    const raw = env[variable];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${variable} must be a whole number from ${min} to ${max}, got "${raw}"`);
    return value;
  };
  return {
    entryBytes: read(VARIABLES.entryBytes),
    sharedStrings: read(VARIABLES.sharedStrings),
    rows: read(VARIABLES.rows),
    columns: read(VARIABLES.columns),
  };
}

/** The private folder imports spool uploads to: `DATA_DIR/tmp/bases`. */
export const importFolder = (env: NodeJS.ProcessEnv = process.env) => path.resolve(env.DATA_DIR || 'data', 'tmp', 'bases');

const thousands = (n: number) => n.toLocaleString('en-US');

/** A workbook over one of the limits: refused with the HTTP status and code a client acts on, naming the limit. */
export class ImportLimitError extends Error {
  private constructor(
    readonly status: 413 | 422,
    readonly code: string,
    readonly limit: string,
    readonly max: number,
    message: string,
  ) {
    super(message);
  }

  static entryBytes(max: number) {
    return new ImportLimitError(
      413,
      'PAYLOAD_TOO_LARGE',
      VARIABLES.entryBytes.variable,
      max,
      `工作簿内容过大（workbook part too large）：工作簿中的单个部分解压后不得超过 ${Math.round(max / 1048576)} MB，请删除多余的数据、格式或图片，或拆分为多个工作簿后上传`,
    );
  }

  static sharedStrings(max: number) {
    return new ImportLimitError(
      413,
      'PAYLOAD_TOO_LARGE',
      VARIABLES.sharedStrings.variable,
      max,
      `共享字符串过多（too many shared strings）：工作簿最多 ${thousands(max)} 个不同的文本，请拆分为多个工作簿后上传`,
    );
  }

  static rows(sheet: string, max: number) {
    return new ImportLimitError(
      422,
      'BAD_USER_INPUT',
      VARIABLES.rows.variable,
      max,
      `行数过多（too many rows）：工作表「${sheet}」最多 ${thousands(max)} 行数据（不含表头），请拆分为多个工作簿分批导入`,
    );
  }

  static columns(sheet: string, max: number) {
    return new ImportLimitError(
      422,
      'BAD_USER_INPUT',
      VARIABLES.columns.variable,
      max,
      `列数过多（too many columns）：工作表「${sheet}」只能在前 ${max} 列填写内容，请删除右侧多余的列`,
    );
  }

  /** The JSON error body of the file route. */
  toJSON() {
    return { errors: [{ message: this.message, extensions: { code: this.code, limit: this.limit, max: this.max } }] };
  }
}
