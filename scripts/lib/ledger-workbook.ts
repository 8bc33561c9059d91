import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { idCheckCharacter } from '../../subgraphs/bases/src/trainee/pii';
import { SHEET_ORDER, SHEETS } from '../../subgraphs/bases/src/imports/sheets';

export interface LedgerWorkbookOptions {
  /** Prefix of every code, so several workbooks can go into one base. */
  prefix: string;
  year: number;
  programs: number;
  sessionsPerProgram: number;
  traineesPerSession: number;
  certifications: number;
  /** Changes a generated row before it is written: return the row to write (1-based row numbers, header is row 1). */
  edit?: (sheet: (typeof SHEET_ORDER)[number], row: number, values: (string | number)[]) => (string | number)[];
}

const CATEGORIES = ['企业职工技能培训', '重点人群就业创业培训', '在校生证书培训', '师资培训', '失业人员再就业培训'];
const TARGETS = ['企业职工', '退役军人、农民工/新型农民', '在校生', '高校毕业生、失业人员', '企业职工、脱贫劳动力'];
const MODES = ['线下', '线上线下混合', '线上'];
const OCCUPATIONS = ['车工', '钳工', '电工', '焊工', '数控车工', '工业机器人系统运维员'];
const LEVELS = ['初级', '中级', '高级', '技师', '高级技师'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '海燕', '志强', '秀兰', '明辉', '晓东', '立新', '春梅', '国栋', '丽娟'];

/** A valid 身份证号 for person n, distinct for every n below 1,890,000 (fictional: Jinan, born 1980–1999). */
export function demoIdNumber(n: number): string {
  const birth = `${1980 + (n % 20)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
  const district = String(2 + (Math.floor(n / 21000) % 90)).padStart(2, '0');
  const first17 = `3701${district}${birth}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A fictional mobile number for person n. */
export const demoPhone = (n: number) => `138${String(n % 100000000).padStart(8, '0')}`;

/**
 * Writes a ledger workbook in the hub's template shape, streamed row by row (a 100,000-row roster
 * never sits in memory). Every value is valid unless `edit` changes it.
 */
export async function writeLedgerWorkbook(file: string, o: LedgerWorkbookOptions): Promise<{ trainees: number }> {
  // Our own stream, so we can wait until the file is really on disk (commit() resolves earlier).
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => out.on('close', () => resolve()).on('error', reject));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const sheets = Object.fromEntries(SHEET_ORDER.map((key) => [key, workbook.addWorksheet(SHEETS[key].name)])) as Record<
    (typeof SHEET_ORDER)[number],
    ExcelJS.Worksheet
  >;
  const rowNumber = Object.fromEntries(SHEET_ORDER.map((k) => [k, 1])) as Record<(typeof SHEET_ORDER)[number], number>;
  const write = (key: (typeof SHEET_ORDER)[number], values: (string | number)[]) => {
    rowNumber[key] += 1;
    sheets[key].addRow(o.edit ? o.edit(key, rowNumber[key], values) : values).commit();
  };
  for (const key of SHEET_ORDER) {
    rowNumber[key] = 0;
    write(key, [...SHEETS[key].headers]);
  }

  let person = 0;
  for (let p = 0; p < o.programs; p += 1) {
    write('programs', [
      `${o.prefix}P${p + 1}`,
      `${OCCUPATIONS[p % OCCUPATIONS.length]}技能提升培训（${p + 1}期）`,
      CATEGORIES[p % CATEGORIES.length],
      TARGETS[p % TARGETS.length],
      MODES[p % MODES.length],
      '济南示范数控机床股份有限公司（演示）',
      '',
      p % 2 ? '是' : '否',
      o.year,
    ]);
  }
  for (let p = 0; p < o.programs; p += 1) {
    for (let s = 0; s < o.sessionsPerProgram; s += 1) {
      const month = String(1 + ((p * o.sessionsPerProgram + s) % 12)).padStart(2, '0');
      write('sessions', [
        `${o.prefix}S${p + 1}-${s + 1}`,
        `${o.prefix}P${p + 1}`,
        `${o.year}-${month}-05`,
        `${o.year}-${month}-20`,
        o.traineesPerSession,
        40 + (s % 5) * 8,
        `${(o.traineesPerSession * 350).toFixed(2)}`,
      ]);
    }
  }
  for (let c = 0; c < o.certifications; c += 1) {
    const candidates = 20 + (c % 30);
    write('certifications', [
      `${o.prefix}C${c + 1}`,
      OCCUPATIONS[c % OCCUPATIONS.length],
      LEVELS[c % LEVELS.length],
      candidates,
      candidates - (c % 7),
      `${o.year}-${String(1 + (c % 12)).padStart(2, '0')}-18`,
      `${(candidates * 120).toFixed(2)}`,
    ]);
  }
  for (let p = 0; p < o.programs; p += 1) {
    for (let s = 0; s < o.sessionsPerProgram; s += 1) {
      for (let t = 0; t < o.traineesPerSession; t += 1) {
        person += 1;
        write('trainees', [
          `${o.prefix}S${p + 1}-${s + 1}`,
          `${SURNAMES[person % SURNAMES.length]}${GIVEN[person % GIVEN.length]}`,
          demoIdNumber(person),
          demoPhone(person),
        ]);
      }
    }
  }
  await workbook.commit();
  await closed;
  return { trainees: person };
}
