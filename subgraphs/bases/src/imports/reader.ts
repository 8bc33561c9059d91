import path from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS, { CellValue } from 'exceljs';
import { cellText } from './cells';
import { ImportLimitError, ImportLimits } from './limits';
import { openEntry, readZipDirectory, ZipError } from './zip';

/** A workbook that cannot be read at all (not .xlsx, missing sheets, wrong headers, no rows). */
export class WorkbookError extends Error {
  constructor(
    message: string,
    readonly reason?: unknown,
  ) {
    super(message);
  }
}

export const NOT_XLSX = '文件不是有效的 Excel 工作簿（.xlsx），请使用平台下载的模板 (not an .xlsx workbook)';

/** Parts a workbook of ours may hold; an .xlsx from Excel has a few dozen. */
const MAX_ENTRIES = 2000;
/** Sheets read: the template has five (four and 说明). */
const MAX_SHEETS = 10;

/**
 * exceljs's streaming reader parses rels, workbook, shared strings and worksheets with private
 * methods that its own zip loop calls. We call them on parts we open ourselves, so that each part
 * is inflated under a byte limit, shared strings are counted as they arrive, and no sheet is
 * spooled to a temporary file (its loop writes every sheet read before workbook.xml to the OS
 * temp folder, where a failed import left it).
 */
interface ReaderInternals {
  sharedStrings?: unknown[];
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string; Type: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<{ index: number; text: unknown }>;
  _parseWorksheet(iterator: AsyncIterable<unknown>, sheetNo: string): Generator<{ eventType: string; value: AsyncIterable<ExcelJS.Row> & { name?: string } }>;
}

export interface Sheet {
  name: string;
  /** Rows as they stream, each checked against the row and column limits before it is handed on. */
  rows: AsyncIterable<ExcelJS.Row>;
}

/**
 * The worksheets of an .xlsx on disk, in workbook order, read under `limits` (see ImportLimits):
 * every limit is enforced while streaming, the moment it is passed. Throws WorkbookError for a
 * file that is not a readable workbook and ImportLimitError for one over a limit.
 */
export async function* readWorksheets(file: string, limits: ImportLimits): AsyncGenerator<Sheet> {
  const opened: Readable[] = [];
  try {
    let entries: Awaited<ReturnType<typeof readZipDirectory>>;
    try {
      entries = await readZipDirectory(file, MAX_ENTRIES);
    } catch (error) {
      throw new WorkbookError(NOT_XLSX, error);
    }
    const part = async (name: string) => {
      const entry = entries.get(name);
      if (!entry) return null;
      const stream = await openEntry(file, entry, limits.entryBytes, () => ImportLimitError.entryBytes(limits.entryBytes));
      opened.push(stream);
      return stream;
    };
    const host = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'emit',
      hyperlinks: 'ignore',
      styles: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    }) as unknown as ReaderInternals;
    const rels = await part('xl/_rels/workbook.xml.rels');
    const book = await part('xl/workbook.xml');
    if (!rels || !book) throw new WorkbookError(NOT_XLSX);
    await host._parseRels(rels);
    await host._parseWorkbook(book);

    const strings: unknown[] = [];
    const shared = await part('xl/sharedStrings.xml');
    if (shared) {
      for await (const { text } of host._parseSharedStrings(shared)) {
        if (strings.length >= limits.sharedStrings) throw ImportLimitError.sharedStrings(limits.sharedStrings);
        strings.push(text);
      }
    }
    host.sharedStrings = strings;

    const targets = new Set<string>();
    const sheets = (host.model?.sheets ?? []).flatMap((sheet) => {
      const target = host.workbookRels?.find((rel) => rel.Id === sheet.rId)?.Target;
      if (!target) return [];
      const name = path.posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      if (targets.has(name)) return [];
      targets.add(name);
      return [{ name: String(sheet.name ?? ''), part: name }];
    });
    if (sheets.length > MAX_SHEETS) throw new WorkbookError(`工作表过多（too many sheets）：工作簿最多 ${MAX_SHEETS} 个工作表，请使用平台下载的模板`);
    for (const sheet of sheets) {
      const stream = await part(sheet.part);
      if (!stream) throw new WorkbookError(NOT_XLSX);
      const [{ value: worksheet }] = [...host._parseWorksheet(stream, '0')];
      yield { name: sheet.name, rows: limitedRows(worksheet, sheet.name, limits) };
      stream.destroy();
    }
  } catch (error) {
    if (error instanceof WorkbookError || error instanceof ImportLimitError) throw error;
    if (error instanceof ZipError) throw new WorkbookError(NOT_XLSX, error);
    throw error;
  } finally {
    for (const stream of opened) stream.destroy();
  }
}

/** A sheet's rows, refused at the first row past `limits.rows` data rows or value past `limits.columns`. */
async function* limitedRows(rows: AsyncIterable<ExcelJS.Row>, sheet: string, limits: ImportLimits): AsyncGenerator<ExcelJS.Row> {
  const name = sheet.slice(0, 31);
  const lastRow = limits.rows + 1; // the header is row 1
  let count = 0;
  try {
    for await (const row of rows) {
      count += 1;
      if (count > lastRow || row.number > lastRow) throw ImportLimitError.rows(name, limits.rows);
      const values = row.values as CellValue[];
      for (let column = limits.columns + 1; column < values.length; column += 1) {
        if (cellText(values[column]) !== '') throw ImportLimitError.columns(name, limits.columns);
      }
      yield row;
    }
  } catch (error) {
    // exceljs refuses a cell reference past Excel's last column (XFD) itself.
    if (error instanceof Error && /out of bounds/i.test(error.message)) throw ImportLimitError.columns(name, limits.columns);
    throw error;
  }
}
