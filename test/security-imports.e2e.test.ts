import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { DEMO } from '@zjjt/demo';
import { demoIdNumber, demoPhone, LedgerWorkbookOptions, writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { dataOf, startTestHub, TestHub } from './harness';
import { eventually } from './processes';

/*
 * SECURITY.md, "Imports (ledgers from Excel)": hostile workbooks through the gateway's file route
 * into the real bases process. Every hostile file is made here, small, by hand: a zip whose parts
 * inflate to far more than they weigh.
 */

let hub: TestHub;
let school: string;
let uscc: string;
let baseId: string;
let basesPid: number;
const supervision: string[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-sec-imports-'));
const ID = /(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/;

beforeAll(async () => {
  hub = await startTestHub();
  school = await hub.token({ sub: 'sec-imports-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  const secretariat = await hub.token({ sub: 'sec-imports-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId] });
  uscc = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { uscc } }`, { id: DEMO.schoolOrgId }, secretariat)).organization.uscc;
  baseId = await registerBase('导入安全测试基地');
  basesPid = hub.hub.processes.get('bases')!.pid!;
  // As under `npm start`: a process that dies is started again (and expectServiceUp notices the new pid).
  hub.hub.supervise((message) => supervision.push(message));
}, 120000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const registerBase = async (name: string): Promise<string> =>
  dataOf(
    await hub.gql(
      `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`,
      {
        input: { groupId: DEMO.groupId, name, kind: 'PRACTICE_BASE', occupations: ['钳工'], capacity: 10, coBuilders: [{ uscc, role: 'LEAD' }] },
      },
      school,
    ),
  ).registerTrainingBase.id;

const privateDir = () => path.join(hub.env.DATA_DIR as string, 'tmp', 'bases');

/**
 * Posts a workbook on a connection of its own: building a large hostile workbook blocks this
 * process for seconds, long enough for the gateway to close an idle pooled connection that the
 * client would otherwise reuse (and then fail writing to with EPIPE).
 */
async function upload(body: Buffer, base = baseId): Promise<{ status: number; text: string; json: any }> {
  const url = new URL(`${hub.url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${base}&fileName=x.xlsx`);
  const headers = {
    'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'content-length': body.length,
    authorization: `Bearer ${school}`,
  };
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: response.statusCode ?? 0, text, json: JSON.parse(text) });
        } catch (error) {
          reject(error);
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The same bases process is alive, and a query through the gateway that needs it answers. */
async function expectServiceUp() {
  const bases = hub.hub.processes.get('bases')!;
  expect(bases.pid).toBe(basesPid);
  expect(bases.exitCode).toBeNull();
  expect(bases.signalCode).toBeNull();
  const answer = await hub.gql(`query($g: ID!) { trainingBases(groupId: $g) { id } }`, { g: DEMO.groupId }, school);
  const ids = dataOf(answer).trainingBases.map((b: { id: string }) => b.id);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids).toContain(baseId);
}

/** No file of an import anywhere: the private folder is empty and the OS temp folder holds nothing of the bases process. */
function expectNoLeftovers() {
  expect(fs.readdirSync(privateDir())).toEqual([]);
  const pid = hub.hub.processes.get('bases')!.pid;
  expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`tmp-${pid}-`) || name.startsWith(`tmp-${basesPid}-`))).toEqual([]);
}

// --- a small zip writer: the parts of a workbook, each deflated, with a correct CRC and sizes

interface Part {
  name: string;
  compressed: Buffer;
  crc: number;
  size: number;
}

const part = (name: string, text: string): Part => {
  const data = Buffer.from(text);
  return { name, compressed: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
};

/**
 * head + unit × times + tail, deflated as independent full-flush segments (the unit's segment is
 * compressed once and repeated), so a part of gigabytes weighs a megabyte and is made in a moment.
 */
function repeatedPart(name: string, head: string, unit: string, times: number, tail: string): Part {
  const flushed = (data: Buffer) => zlib.deflateRawSync(data, { finishFlush: zlib.constants.Z_FULL_FLUSH });
  const [h, u, t] = [head, unit, tail].map((s) => Buffer.from(s));
  const segment = flushed(u);
  let crc = zlib.crc32(h);
  for (let i = 0; i < times; i += 1) crc = zlib.crc32(u, crc);
  crc = zlib.crc32(t, crc);
  const compressed = Buffer.concat([flushed(h), ...new Array<Buffer>(times).fill(segment), flushed(t), zlib.deflateRawSync(Buffer.alloc(0))]);
  return { name, compressed, crc, size: h.length + u.length * times + t.length };
}

function zip(parts: Part[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(0x21, 12);
    header.writeUInt32LE(p.crc >>> 0, 14);
    header.writeUInt32LE(p.compressed.length, 18);
    header.writeUInt32LE(p.size, 22);
    header.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(p.crc >>> 0, 16);
    entry.writeUInt32LE(p.compressed.length, 20);
    entry.writeUInt32LE(p.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    local.push(header, name, p.compressed);
    central.push(entry, name);
    offset += header.length + name.length + p.compressed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const SHEET_NAMES = ['培训项目', '培训班次', '鉴定批次', '学员名册'];
const HEADERS = [
  ['项目编号', '项目名称', '培训类别', '培训对象', '培训方式', '委托/合作单位', '委托单位统一社会信用代码', '是否补贴性培训', '年度'],
  ['班次编号', '项目编号', '开班日期', '结业日期', '培训人次', '课时', '到账金额（元）'],
  ['批次编号', '工种', '等级', '参加人数', '通过人数', '鉴定日期'],
  ['班次编号', '姓名', '身份证号', '手机号'],
];
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
const cell = (ref: string, v: string | number) =>
  typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`;
const rowXml = (r: number, values: (string | number)[]) => `<row r="${r}">${values.map((v, i) => cell(`${column(i)}${r}`, v)).join('')}</row>`;
const sheetXml = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;
const headerRow = (sheet: number) => rowXml(1, HEADERS[sheet]);

/** A workbook of the template's four sheets: `sheets[i]` is sheet i's part (the header row alone when missing), `extra` goes before the sheets. */
function workbook(sheets: Partial<Record<number, Part>>, extra: Part[] = []): Buffer {
  const names = SHEET_NAMES.map((_, i) => `xl/worksheets/sheet${i + 1}.xml`);
  return zip([
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${names.map((n) => `<Override PartName="/${n}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    ...extra,
    // The sheets before workbook.xml, as streamed writers order them.
    ...SHEET_NAMES.map((_, i) => sheets[i] ?? part(names[i], sheetXml(headerRow(i)))),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((n, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${n.slice(3)}"/>`).join('')}</Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${SHEET_NAMES.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ),
  ]);
}

const traineesSheet = (rows: string) => part('xl/worksheets/sheet4.xml', sheetXml(headerRow(3) + rows));

async function ledgerWorkbook(name: string, options: Partial<LedgerWorkbookOptions>): Promise<Buffer> {
  const file = path.join(dir, `${name}.xlsx`);
  await writeLedgerWorkbook(file, { prefix: `${name}-`, year: 2025, programs: 1, sessionsPerProgram: 2, traineesPerSession: 3, certifications: 1, ...options });
  return fs.readFileSync(file);
}

describe('hostile workbooks are refused while streaming, and the service stays up', () => {
  it('refuses a workbook whose sharedStrings.xml holds 150 million strings at the shared-string limit', async () => {
    const strings = repeatedPart(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="150000000" uniqueCount="150000000">`,
      '<si/>'.repeat(209716),
      716,
      '</sst>',
    );
    const body = workbook({}, [strings]);
    expect(body.length).toBeLessThan(2 * 1024 * 1024);
    const answer = await upload(body);
    expect(answer.status).toBe(413);
    expect(answer.json.errors).toHaveLength(1);
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'IMPORT_MAX_SHARED_STRINGS', max: 1000000 });
    expect(answer.json.errors[0].message).toMatch(/^共享字符串过多（too many shared strings）.*1,000,000/);
    await expectServiceUp();
    expectNoLeftovers();
  }, 120000);

  it('refuses a zip bomb (1 MB that inflates to a 1 GiB sheet) at the entry limit, leaving no file behind', async () => {
    const bomb = repeatedPart(
      'xl/worksheets/sheet1.xml',
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>`,
      ' '.repeat(1024 * 1024),
      1024,
      '</sheetData></worksheet>',
    );
    expect(bomb.size).toBeGreaterThan(1024 ** 3);
    const body = workbook({ 0: bomb });
    expect(body.length).toBeLessThan(1.5 * 1024 * 1024);
    const answer = await upload(body);
    expect(answer.status).toBe(413);
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limit: 'IMPORT_MAX_ENTRY_BYTES', max: 104857600 });
    expect(answer.json.errors[0].message).toMatch(/^工作簿内容过大（workbook part too large）.*100 MB/);
    await expectServiceUp();
    expectNoLeftovers();
  }, 120000);

  it('refuses a row past the row limit and a value past the column limit', async () => {
    const farRow = await upload(workbook({ 3: traineesSheet(rowXml(1000000, ['S1', '张三', '', ''])) }));
    expect(farRow.status).toBe(422);
    expect(farRow.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'IMPORT_MAX_ROWS', max: 100000 });
    expect(farRow.json.errors[0].message).toMatch(/^行数过多（too many rows）：工作表「学员名册」.*100,000/);

    const wide = await upload(
      workbook({ 1: part('xl/worksheets/sheet2.xml', sheetXml(headerRow(1) + `<row r="2">${cell('A2', 'S1')}${cell('ZZ2', 'x')}</row>`)) }),
    );
    expect(wide.status).toBe(422);
    expect(wide.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'IMPORT_MAX_COLUMNS', max: 50 });
    expect(wide.json.errors[0].message).toMatch(/^列数过多（too many columns）：工作表「培训班次」.*50/);

    // Past Excel's last column (XFD): the same answer, not an unreadable file.
    const beyond = await upload(workbook({ 1: part('xl/worksheets/sheet2.xml', sheetXml(headerRow(1) + `<row r="2">${cell('XFE2', 'x')}</row>`)) }));
    expect(beyond.status).toBe(422);
    expect(beyond.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'IMPORT_MAX_COLUMNS' });
    await expectServiceUp();
    expectNoLeftovers();
  }, 60000);

  it('stops 300,000 failing rows at the row limit', async () => {
    const rows: string[] = [];
    for (let r = 2; r <= 300001; r += 1) rows.push(rowXml(r, [`NOPE-${r}`, '张三', 'x', '']));
    const body = workbook({ 3: traineesSheet(rows.join('')) });
    expect(body.length).toBeLessThan(5 * 1024 * 1024);
    const answer = await upload(body);
    expect(answer.status).toBe(422);
    expect(answer.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'IMPORT_MAX_ROWS', max: 100000 });
    await expectServiceUp();
    expectNoLeftovers();
  }, 120000);
});

describe('no personal data in answers, logs or temporary files', () => {
  it('masks 身份证号 and phone in the answer to a missing header row, and keeps no roster on disk', async () => {
    const body = await ledgerWorkbook('NOHEAD', {
      edit: (sheet, row, values) => (sheet === 'trainees' && row === 1 ? ['NOHEAD-S1-1', '张三', demoIdNumber(7), demoPhone(7)] : values),
    });
    const answer = await upload(body);
    expect(answer.status).toBe(400);
    expect(answer.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(answer.json.errors[0].message).toContain('工作表「学员名册」的表头（header row）应为：班次编号、姓名、身份证号、手机号');
    expect(answer.json.errors[0].message).toContain(`${demoIdNumber(7).slice(0, 3)}***********${demoIdNumber(7).slice(14)}`);
    expect(answer.json.errors[0].message).toContain(`${demoPhone(7).slice(0, 3)}****${demoPhone(7).slice(7)}`);
    expect(answer.text).not.toMatch(ID);
    expect(answer.text).not.toMatch(MOBILE);
    await expectServiceUp();
    expectNoLeftovers();
  });

  it('masks 身份证号 and phone in the row errors of shifted columns', async () => {
    const body = await ledgerWorkbook('SHIFT', {
      edit: (sheet, row, values) => (sheet === 'trainees' && row === 2 ? [values[2], values[3], values[1], ''] : values),
    });
    const answer = await upload(body);
    expect(answer.status).toBe(422);
    expect(answer.json.status).toBe('REJECTED');
    expect(answer.json.errors).toHaveLength(1);
    const [error] = answer.json.errors;
    expect(error.row).toBe(2);
    expect(error.reasons).toContain(
      `班次编号「${demoIdNumber(1).slice(0, 3)}***********${demoIdNumber(1).slice(14)}」不存在（unknown session code）：请先在「培训班次」表中列出该班次`,
    );
    expect(answer.text).not.toMatch(ID);
    expect(answer.text).not.toMatch(MOBILE);
    expectNoLeftovers();
  });

  it('keeps the upload in a private folder under DATA_DIR, and a restart after a crash clears it', async () => {
    const body = await ledgerWorkbook('CRASH', { programs: 10, sessionsPerProgram: 20, traineesPerSession: 100, certifications: 0 });
    const pending = upload(body).catch((error: Error) => error);
    // The workbook is on disk in the private folder while it is imported.
    const spooled = await eventually(
      () =>
        fs
          .readdirSync(privateDir())
          .map((n) => path.join(privateDir(), n))
          .find((f) => fs.statSync(f).size === body.length),
      { timeout: 30000, interval: 10 },
    );
    expect(fs.statSync(privateDir()).mode & 0o777).toBe(0o700);
    expect(fs.statSync(spooled).mode & 0o777).toBe(0o600);
    const killed = hub.hub.processes.get('bases')!;
    killed.kill('SIGKILL');
    expect(((await pending) as { status: number }).status).toBe(502);
    expect(fs.existsSync(spooled)).toBe(true);

    // The supervisor starts it again, and the new process clears the folder before it listens.
    await eventually(
      async () => supervision.length >= 2 && hub.hub.processes.get('bases') !== killed && (await fetch(new URL('/ready', hub.hub.subgraphUrls.bases))).ok,
      { timeout: 60000 },
    );
    expect(supervision).toEqual([
      'bases stopped unexpectedly (SIGKILL); starting it again in 500 ms',
      expect.stringMatching(/^bases is running again \(pid \d+\)$/),
    ]);
    basesPid = hub.hub.processes.get('bases')!.pid!;
    expect(fs.existsSync(spooled)).toBe(false);
    expect(fs.statSync(privateDir()).mode & 0o777).toBe(0o700);
    await expectServiceUp();
    expectNoLeftovers();
    expect(dataOf(await hub.gql(`query($b: ID!) { ledgerImports(baseId: $b) { id } trainees(baseId: $b) { totalCount } }`, { b: baseId }, school))).toEqual({
      ledgerImports: [],
      trainees: { totalCount: 0 },
    });
  }, 120000);
});

describe('formula-like cells (OWASP CSV injection)', () => {
  it('stores them as text and exports them as text cells a spreadsheet does not evaluate', async () => {
    const names: Record<number, string> = { 2: '=1+2', 3: '-2+3', 4: '@SUM(A1)', 5: '+86 531', 6: '\t=HYPERLINK("http://evil.example","点我")' };
    const body = await ledgerWorkbook('CSV', {
      sessionsPerProgram: 2,
      edit: (sheet, row, values) => {
        if (sheet === 'trainees' && names[row]) return [values[0], names[row], values[2], values[3]];
        if (sheet === 'programs' && row === 2) return [values[0], "=cmd|' /C calc'!A0", ...values.slice(2)];
        return values;
      },
    });
    const csvBase = await registerBase('公式单元格测试基地');
    const imported = await upload(body, csvBase);
    expect(imported.status).toBe(200);
    expect(imported.json.status).toBe('IMPORTED');

    const stored = dataOf(
      await hub.gql(`query($b: ID!) { trainees(baseId: $b, first: 50) { edges { node { name } } } }`, { b: csvBase }, school),
    ).trainees.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(stored).toHaveLength(6);
    expect(stored).toEqual(expect.arrayContaining(['=1+2', '-2+3', '@SUM(A1)', '+86 531', '=HYPERLINK("http://evil.example","点我")']));

    const exported = await fetch(`${hub.url.replace(/\/graphql$/, '/files/bases')}/export.xlsx?baseId=${csvBase}`, {
      headers: { authorization: `Bearer ${school}` },
    });
    expect(exported.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await exported.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => cells.push(c))));
    expect(cells.length).toBeGreaterThan(20);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula || c.formula)).toEqual([]);
    const texts = cells.filter((c) => typeof c.value === 'string').map((c) => c.value as string);
    expect(texts.filter((t) => /^[=+\-@\t\r]/.test(t))).toEqual([]);
    const roster = book.getWorksheet('学员名册')!;
    const exportedNames = roster.getColumn(2).values.slice(2) as string[];
    expect(exportedNames).toHaveLength(6);
    expect(exportedNames).toEqual(expect.arrayContaining(["'=1+2", "'-2+3", "'@SUM(A1)", "'+86 531", '\'=HYPERLINK("http://evil.example","点我")']));
    expect(book.getWorksheet('培训项目')!.getRow(2).getCell(2).value).toBe("'=cmd|' /C calc'!A0");
  });
});

describe('logs', () => {
  it('hold no 身份证号 or mobile number after all of the above', () => {
    expect(hub.logs.filter((line) => line.startsWith('[bases]')).length).toBeGreaterThan(0);
    expect(hub.logs.filter((line) => ID.test(line) || MOBILE.test(line))).toEqual([]);
  });
});
