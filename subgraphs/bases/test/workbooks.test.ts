import path from 'node:path';
import ExcelJS from 'exceljs';
import { cellCount, cellDate, cellIdNumber, cellText, excelSerialDate, ID_NUMBER_AS_NUMBER, numberText } from '../src/imports/cells';
import { ImportLimits } from '../src/imports/limits';
import { readWorksheets } from '../src/imports/reader';

const LIMITS: ImportLimits = { entryBytes: 10 * 1024 * 1024, sharedStrings: 100_000, rows: 10_000, columns: 20 };
const FIXTURES = path.join(__dirname, 'fixtures');

/** The raw cell values of each sheet of a committed fixture, as the importer's reader hands them on. */
async function valuesOf(file: string) {
  const sheets = new Map<string, ExcelJS.CellValue[][]>();
  for await (const sheet of readWorksheets(path.join(FIXTURES, file), LIMITS)) {
    const rows: ExcelJS.CellValue[][] = [];
    for await (const row of sheet.rows) rows.push((row.values as ExcelJS.CellValue[]).slice(1));
    sheets.set(sheet.name, rows);
  }
  return sheets;
}

describe('cells as real spreadsheets save them', () => {
  it('reads an Excel serial date in the 1900 system, around its 1900-02-29 that never was', () => {
    expect(excelSerialDate(45717)).toBe('2025-03-01');
    expect(excelSerialDate(45717.75)).toBe('2025-03-01');
    expect(excelSerialDate(1)).toBe('1900-01-01');
    expect(excelSerialDate(59)).toBe('1900-02-28');
    expect(excelSerialDate(60)).toBeNull();
    expect(excelSerialDate(61)).toBe('1900-03-01');
    expect(excelSerialDate(2958465)).toBe('9999-12-31');
    expect([0, -1, 2958466, NaN].map(excelSerialDate)).toEqual([null, null, null, null]);
  });

  it('reads dates as numbers, formula results and text in the spellings people type', () => {
    expect(cellDate(45717)).toBe('2025-03-01');
    expect(cellDate({ formula: 'DATE(2025,3,1)', result: 45717 })).toBe('2025-03-01');
    expect(cellDate(new Date(Date.UTC(2025, 2, 1)))).toBe('2025-03-01');
    const texts = [
      '2025-03-01',
      '2025-3-1',
      '2025/3/1',
      '2025.3.1',
      '2025年3月1日',
      '2025 年 3 月 1 日',
      '２０２５年３月１日',
      '\u30002025/03/01 ',
      '２０２５－０３－０１',
    ];
    expect(texts.map(cellDate)).toEqual(texts.map(() => '2025-03-01'));
    expect(['2025-02-29', '2025/13/1', '25/3/1', '3/1/2025', '2025年3月', '明天', ''].map(cellDate)).toEqual([null, null, null, null, null, null, null]);
  });

  it('reads counts and amounts stored as text, in full-width digits, with spaces and thousands separators', () => {
    expect([12, '12', ' 12 ', '\u300012\u3000', '１２', '1,200', '１，２００'].map(cellCount)).toEqual([12, 12, 12, 12, 12, 1200, 1200]);
    expect(['-1', '1.5', '1,2', '12,00', 'x', ''].map(cellCount)).toEqual([null, null, null, null, null, null]);
    expect(['8000.00', '８０００．５', '12,000.50', ' 1500 ', ''].map(numberText)).toEqual(['8000.00', '8000.5', '12000.50', '1500', '']);
    expect(numberText('1,20.5')).toBeNull();
  });

  it('refuses a 身份证号 stored as a number, or shown as one in scientific notation, saying how to fix the column', () => {
    expect(cellIdNumber(Number('370102199001011237'))).toEqual({ problem: ID_NUMBER_AS_NUMBER });
    expect(cellIdNumber({ formula: 'A1', result: Number('370102199001011237') })).toEqual({ problem: ID_NUMBER_AS_NUMBER });
    expect(cellIdNumber('3.70102E+17')).toEqual({ problem: ID_NUMBER_AS_NUMBER });
    expect(cellIdNumber('3.70102e17')).toEqual({ problem: ID_NUMBER_AS_NUMBER });
    expect(ID_NUMBER_AS_NUMBER).toMatch(/^身份证号被存成了数字（ID number stored as a number）.*单元格格式设为「文本」（text），再重新录入/);
    expect(cellIdNumber(' ３７０１０２１９９００１０１１２３ｘ\u3000')).toEqual({ idNumber: '37010219900101123X' });
  });
});

describe('the committed workbooks saved by LibreOffice Calc', () => {
  it('arrive with date cells as serial numbers, and a 身份证号 typed as a number as a number', async () => {
    const good = await valuesOf('real-ledger.xlsx');
    expect([...good.keys()]).toEqual(['培训项目', '培训班次', '鉴定批次', '学员名册']);
    const sessions = good.get('培训班次')!;
    expect(sessions).toHaveLength(4);
    // LibreOffice writes the date cell as a number with a date format; the reader sees the number.
    expect(typeof sessions[1][2]).toBe('number');
    expect(sessions.slice(1).map((r) => [cellDate(r[2]), cellDate(r[3]), cellCount(r[4]), cellCount(r[5]), numberText(r[6])])).toEqual([
      ['2025-03-01', '2025-03-20', 3, 40, '12000.5'],
      ['2025-03-01', '2025-03-21', 2, 32, '8000.00'],
      ['2025-04-01', '2025-04-30', 1, 16, '1500'],
    ]);
    const bad = await valuesOf('id-as-number.xlsx');
    const roster = bad.get('学员名册')!;
    expect(roster).toHaveLength(4);
    expect(typeof roster[2][2]).toBe('number');
    expect(roster.slice(1).map((r) => cellIdNumber(r[2]).problem ?? cellText(r[2]).length)).toEqual([18, ID_NUMBER_AS_NUMBER, ID_NUMBER_AS_NUMBER]);
  });
});
