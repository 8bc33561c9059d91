import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ConfigError } from '@zjjt/kit';
import { cellText, inertText } from '../src/imports/cells';
import { ImportLimitError, importLimits, ImportLimits } from '../src/imports/limits';
import { readWorksheets, WorkbookError } from '../src/imports/reader';
import { maskPersonalText } from '../src/trainee/pii';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bases-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const LIMITS: ImportLimits = { entryBytes: 10 * 1024 * 1024, sharedStrings: 100_000, rows: 10_000, columns: 20 };

async function rowsOf(file: string, limits = LIMITS) {
  const sheets: { name: string; rows: string[][] }[] = [];
  for await (const sheet of readWorksheets(file, limits)) {
    const rows: string[][] = [];
    for await (const row of sheet.rows) rows.push((row.values as ExcelJS.CellValue[]).slice(1).map(cellText));
    sheets.push({ name: sheet.name, rows });
  }
  return sheets;
}

describe('the workbook reader', () => {
  it('reads a workbook as Excel writes it (shared strings, styles), Chinese text intact across chunk boundaries', async () => {
    const book = new ExcelJS.Workbook();
    const first = book.addWorksheet('学员名册');
    const names = Array.from({ length: 3000 }, (_, i) => `职业技能培训学员第${i}号·张三丰李四光王五`);
    first.addRow(['班次编号', '姓名']).font = { bold: true };
    names.forEach((name, i) => first.addRow([`S-${i}`, name]));
    book.addWorksheet('说明').addRow(['字段', '填写说明']);
    const file = path.join(dir, 'excel.xlsx');
    await book.xlsx.writeFile(file);

    const sheets = await rowsOf(file);
    expect(sheets.map((s) => s.name)).toEqual(['学员名册', '说明']);
    expect(sheets[0].rows).toHaveLength(3001);
    expect(sheets[0].rows.slice(1).map((r) => r[1])).toEqual(names);
  });

  it('refuses the shared string past the limit, the row past the limit and a value past the column limit', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('培训班次');
    for (let i = 0; i < 50; i += 1) sheet.addRow([`distinct ${i}`]);
    const file = path.join(dir, 'limits.xlsx');
    await book.xlsx.writeFile(file);
    await expect(rowsOf(file, { ...LIMITS, sharedStrings: 49 })).rejects.toMatchObject({ limit: 'IMPORT_MAX_SHARED_STRINGS', status: 413 });
    await expect(rowsOf(file, { ...LIMITS, rows: 48 })).rejects.toMatchObject({
      limit: 'IMPORT_MAX_ROWS',
      status: 422,
      message: expect.stringContaining('工作表「培训班次」最多 48 行数据'),
    });
    await expect(rowsOf(file, { ...LIMITS, entryBytes: 1000 })).rejects.toBeInstanceOf(ImportLimitError);
    expect((await rowsOf(file, { ...LIMITS, rows: 49 }))[0].rows).toHaveLength(50);

    sheet.getCell('U3').value = 'x';
    await book.xlsx.writeFile(file);
    await expect(rowsOf(file)).rejects.toMatchObject({ limit: 'IMPORT_MAX_COLUMNS', status: 422 });
  });

  it('refuses a file that is not a zip, or a zip without a workbook, as not an .xlsx', async () => {
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5000, 1)]));
    await expect(rowsOf(junk)).rejects.toBeInstanceOf(WorkbookError);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['a']);
    const file = path.join(dir, 'cut.xlsx');
    await book.xlsx.writeFile(file);
    fs.truncateSync(file, fs.statSync(file).size - 30);
    await expect(rowsOf(file)).rejects.toBeInstanceOf(WorkbookError);
  });
});

describe('import limits', () => {
  it('default to 100 MB a part, 1,000,000 shared strings, 100,000 rows and 50 columns', () => {
    expect(importLimits({})).toEqual({ entryBytes: 104857600, sharedStrings: 1000000, rows: 100000, columns: 50 });
    expect(importLimits({ IMPORT_MAX_ROWS: '200000' }).rows).toBe(200000);
  });

  it('fail at start naming the variable that is not a whole number in range', () => {
    expect(() => importLimits({ IMPORT_MAX_ROWS: 'lots' })).toThrow(ConfigError);
    expect(() => importLimits({ IMPORT_MAX_ROWS: 'lots' })).toThrow(/^IMPORT_MAX_ROWS must be a whole number/);
    expect(() => importLimits({ IMPORT_MAX_ENTRY_BYTES: '0' })).toThrow(/^IMPORT_MAX_ENTRY_BYTES/);
    expect(() => importLimits({ IMPORT_MAX_COLUMNS: '20000' })).toThrow(/^IMPORT_MAX_COLUMNS/);
  });
});

describe('cells', () => {
  it('export text a spreadsheet would evaluate with a leading apostrophe, and read it back as stored', () => {
    for (const text of ['=1+2', '+86 531', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(inertText(text)).toBe(`'${text}`);
      expect(cellText(inertText(text))).toBe(text.trim());
    }
    expect(inertText('张三')).toBe('张三');
    expect(inertText(-5)).toBe(-5);
    expect(cellText("'张三")).toBe("'张三");
  });

  it('take a formula by its cached result only, never as text to evaluate', () => {
    expect(cellText({ formula: 'A1+1', result: 7 })).toBe('7');
    expect(cellText({ formula: 'A1+1' })).toBe('');
  });
});

describe('maskPersonalText', () => {
  it('masks every 身份证号 and mobile number in free text, leaving the rest', () => {
    expect(maskPersonalText('实际为：NOHEAD-S1-1、张三、370102199710227772、13912345678')).toBe('实际为：NOHEAD-S1-1、张三、370***********7772、139****5678');
    expect(maskPersonalText('班次编号「37010219810202001X」不存在')).toBe('班次编号「370***********001X」不存在');
    expect(maskPersonalText('旧证 370102971022777 与 S-2025-001、第 1,000,000 行')).toBe('旧证 370********2777 与 S-2025-001、第 1,000,000 行');
  });
});
