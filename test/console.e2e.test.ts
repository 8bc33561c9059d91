import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import type { Page } from 'playwright-core';
import { demoIdNumber, writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { launchBrowser, type LoopbackPage } from './browser';
import { dataOf, registerTrainingBase, startTestHub, TestHub, usccOf } from './harness';

// The review console (web/console, docs/console.md) in headless Chromium against a test hub on the
// demo data: one browser, one hub, the secretariat's and a member unit's flows one after another.
// Every request that would leave the machine is aborted and must never happen (`blocked`), and the
// page must log no error. Screenshots: test-artifacts/screenshots/console-*.png.
/** The national platform, played by a real HTTP server on loopback: one receipt per idempotency key. */
const platform = {
  received: [] as { key: string; body: any }[],
  server: http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      if (!platform.received.some((r) => r.key === key)) platform.received.push({ key, body: JSON.parse(body) });
      const receipt = `RCPT-${platform.received.findIndex((r) => r.key === key) + 1}`;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ receipt }));
    });
  }),
};
let hub: TestHub;
let open: (url: string) => Promise<LoopbackPage>;
const tokens: Record<string, string> = {};
const G = DEMO.groupId;
const YEAR = 2025;
let consoleUrl: string;
const pages: LoopbackPage[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => platform.server.listen(0, '127.0.0.1', resolve));
  const platformUrl = `http://127.0.0.1:${(platform.server.address() as { port: number }).port}/api/submissions`;
  hub = await startTestHub({ NATIONAL_PLATFORM_URL: platformUrl, NATIONAL_PLATFORM_TOKEN: 'platform-token-console' });
  consoleUrl = hub.url.replace(/\/graphql$/, '/console/');
  tokens.secretariat = await hub.token({ sub: 'console-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.school = await hub.token({ sub: 'console-school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  const browser = await launchBrowser();
  open = (url) => browser.open(url);
}, 120000);

afterAll(async () => {
  await hub?.stop();
  platform.server.close();
});

afterEach(() => {
  for (const p of pages) {
    expect(p.blocked).toEqual([]);
    // A refused workbook is answered 422 by design, which Chromium logs as a failed load: nothing else may be logged.
    expect(p.errors.filter((e) => e !== 'Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)')).toEqual([]);
  }
});

/** Opens the console in a fresh browser context and signs in with `token` (kept in sessionStorage). */
async function signIn(token: string): Promise<LoopbackPage> {
  const loopback = await open(consoleUrl);
  pages.push(loopback);
  const { page } = loopback;
  await page.getByRole('heading', { name: '年报审核台' }).waitFor();
  await page.locator('textarea[name=token]').fill(token);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('input[name=year]').fill(String(YEAR));
  return loopback;
}

const row = (page: Page, unit: string) => page.locator(`[data-testid=returns] tr[data-unit="${unit}"]`);

describe('the review console', () => {
  let sec: LoopbackPage;
  let school: LoopbackPage;
  let schoolName: string;
  /** The units of the year's round. */
  let expected: number;

  it('is served by the gateway under /console with a self-only content security policy', async () => {
    const response = await fetch(consoleUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('<div id="root">');
    // /console is sent to /console/, and a client route below /console/ gets the page too.
    const bare = await fetch(consoleUrl.replace(/\/$/, ''), { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/']);
    expect((await fetch(`${consoleUrl}report`)).status).toBe(200);
  });

  it('is off in production unless CONSOLE=on', async () => {
    const production = { NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(32) };
    for (const [env, served] of [
      [production, false],
      [{ ...production, CONSOLE: 'on' }, true],
      [{ CONSOLE: 'off' }, false],
    ] as const) {
      const gateway = await hub.gateway(env);
      const response = await fetch(gateway.url.replace(/\/graphql$/, '/console/'));
      expect([env, (await response.text()).includes('<div id="root">')]).toEqual([env, served]);
      await gateway.kill();
    }
  }, 120000);

  it('collection progress: the secretariat opens the round, a unit submits, the secretariat returns it, approves it and reminds the rest', async () => {
    schoolName = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { name type } }`, { id: DEMO.schoolOrgId }, tokens.secretariat)).organization
      .name;
    sec = await signIn(tokens.secretariat);
    await sec.page.getByRole('button', { name: '开启数据采集' }).click();
    await row(sec.page, schoolName).waitFor();
    const units = await sec.page.locator('[data-testid=returns] tbody tr').count();
    expected = dataOf(await hub.gql(`query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { progress { expected } } }`, { g: G }, tokens.secretariat))
      .collectionRound.progress.expected;
    expect(units).toBe(expected);
    expect(await row(sec.page, schoolName).innerText()).toContain('未填写');

    // The school fills and submits its return in its own console (a smaller menu).
    school = await signIn(tokens.school);
    expect(await school.page.locator('nav.menu a').allInnerTexts()).toEqual(['本单位年报', '指标完成', '台账导入']);
    const form = school.page.getByTestId('my-return');
    await form.locator('input[name=enrolledStudents]').fill('9000');
    await form.locator('input[name=fullTimeTeachers]').fill('450');
    await form.locator('input[name=graduates]').fill('2800');
    await form.locator('input[name=employedGraduates]').fill('2650');
    await school.page.getByRole('button', { name: '提交年报' }).click();
    await form.getByText('已提交').waitFor();

    // Filtered by the school's unit type, the list shows that type only.
    await sec.page.reload();
    await row(sec.page, schoolName).getByText('已提交').waitFor();
    await sec.page.locator('select[name=unit-type]').selectOption({ index: 1 });
    const typeLabel = await sec.page.locator('select[name=unit-type] option:checked').innerText();
    const types = await sec.page.locator('[data-testid=returns] tbody tr td:nth-child(2)').allInnerTexts();
    expect(types.length).toBeGreaterThan(0);
    expect(types.length).toBeLessThan(units);
    for (const t of types) expect(t.startsWith(typeLabel)).toBe(true);
    await sec.page.locator('select[name=unit-type]').selectOption('');

    // Returned with a comment, the school sees the comment, corrects and submits again; then approved.
    await row(sec.page, schoolName).getByRole('button', { name: '查看' }).click();
    const detail = sec.page.getByTestId('return-detail');
    await detail.getByText('9000').waitFor();
    await detail.locator('textarea[name=comment]').fill('就业人数请与就业质量报告核对');
    await detail.getByRole('button', { name: '退回修改' }).click();
    await row(sec.page, schoolName).getByText('已退回').waitFor();
    await school.page.reload();
    await school.page.getByText('秘书处退回意见：就业人数请与就业质量报告核对').waitFor();
    await school.page.locator('input[name=employedGraduates]').fill('2640');
    await school.page.getByRole('button', { name: '提交年报' }).click();
    await school.page.getByTestId('my-return').getByText('已提交').waitFor();
    await sec.page.reload();
    await row(sec.page, schoolName).getByRole('button', { name: '查看' }).click();
    await sec.page.getByTestId('return-detail').getByText('2640').waitFor();
    await sec.page.getByRole('button', { name: '审核通过' }).click();
    await row(sec.page, schoolName).getByText('已通过').waitFor();

    // A reminder goes to the units that have not submitted: every unit but the school.
    await sec.page.getByRole('button', { name: '催报未提交单位' }).click();
    const reminded = await sec.page.getByTestId('reminder-result').innerText();
    expect(reminded).toContain(`已向 ${expected - 1} 家单位发送催报`);
    expect(reminded).not.toContain(schoolName);
    await sec.screenshot('console-progress');
    await school.screenshot('console-member-return');
  }, 120000);
  it('the report as the form: sections, codes, labels and units; a value’s ledger rows on click; errors beside their fields; completeness at the top', async () => {
    const {
      fields,
      completeness: { byCategory: completenessByCategory },
    } = dataOf(
      await hub.gql(
        `query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) { filled(template: "NATIONAL") { fields { code source value drillDown { rowCount } } completeness { byCategory { category missing } } } } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).annualReport.filled;
    const schoolsMissing = completenessByCategory.find((c: any) => c.category === 'SCHOOL').missing;
    expect(schoolsMissing).toBeGreaterThan(0);
    const social = fields.find((f: any) => f.source === 'training.socialPersonTimes');
    const enrolled = fields.find((f: any) => f.source === 'returns.enrolledStudents');
    expect(social.drillDown.rowCount).toBeGreaterThan(0);

    const { page } = sec;
    await page.getByRole('link', { name: '年度报表' }).click();
    const completeness = page.getByTestId('completeness');
    await completeness.locator('.stats').waitFor();
    expect(await completeness.locator('.stats').innerText()).toMatch(new RegExp(`${expected}\\s*应报单位\\s*1\\s*已审核通过\\s*${expected - 1}\\s*缺报`));
    const form = page.getByTestId('report-form');
    await form.getByText('一、成员情况').waitFor();
    const socialRow = form.locator(`tr[data-code=${social.code}]`);
    expect(await socialRow.innerText()).toContain(social.value);
    // The figure from the schools' returns is blocked while the other schools' returns are missing, said beside it.
    expect(await form.locator(`tr[data-code=${enrolled.code}] .blocking`).innerText()).toContain(`缺 ${schoolsMissing} 家的年报未审核通过`);

    await socialRow.click();
    const drill = page.getByTestId('drill-down');
    await drill.getByText('口径').waitFor();
    await drill.getByRole('button', { name: '列出台账行' }).click();
    expect(await drill.getByTestId('drill-rows').innerText()).toContain(`共 ${social.drillDown.rowCount} 行`);
    await page.evaluate('window.scrollTo(0, 0)');
    await sec.screenshot('console-report');

    // The secretariat confirms the gap with a reason: the returns' fields are no longer blocked, the reason is the report's 说明.
    await completeness.locator('textarea[name=gap-reason]').fill('其余成员单位年报尚在填报，按已审核年报报送（测试）');
    await completeness.getByRole('button', { name: '确认缺报' }).click();
    await completeness.getByText('报表说明：其余成员单位年报尚在填报，按已审核年报报送（测试）').waitFor();
    expect(await form.locator(`tr[data-code=${enrolled.code}] .blocking`).count()).toBe(0);
    expect(await form.locator(`tr[data-code=${enrolled.code}]`).innerText()).toContain('9000');
  }, 120000);
  it('charts drawn in the page: training by month and by category, revenue by source, year on year, target completion (a member sees its own)', async () => {
    for (const [indicator, scope, threshold] of [
      ['SOCIAL_TRAINING_PERSON_TIMES', 'GROUP', 70000],
      ['ENROLLED_STUDENTS', 'EACH_MEMBER', 8000],
    ] as const)
      dataOf(
        await hub.gql(
          `mutation($input: TargetInput!) { setTarget(input: $input) { id } }`,
          { input: { groupId: G, year: YEAR, indicator, scope, threshold } },
          tokens.secretariat,
        ),
      );
    const totals = dataOf(
      await hub.gql(
        `query($f: LedgerFilter) { trainingTotals(by: MONTH, filter: $f) { label personTimes } }`,
        { f: { groupId: G, year: YEAR } },
        tokens.secretariat,
      ),
    ).trainingTotals;
    expect(totals.length).toBeGreaterThan(0);

    const { page } = sec;
    await page.getByRole('link', { name: '统计图' }).click();
    // ECharts describes each chart and its data in the container's aria-label.
    const described = async (testId: string) => {
      const chart = page.getByTestId(testId);
      await chart.locator('canvas').waitFor();
      return (await chart.getAttribute('aria-label')) ?? '';
    };
    const month = await described('chart-month');
    for (const row of totals) expect(month).toMatch(new RegExp(`${row.label}的数据是\\d+，${row.personTimes}[，。]`));
    expect(await described('chart-category')).toContain('企业职工技能培训');
    expect(await described('chart-revenue')).toContain('横向技术服务');
    expect(await described('chart-yoy')).toContain('培训人次');
    const targets = page.getByTestId('targets');
    expect(await described('chart-targets')).toContain('社会培训人次');
    expect(await targets.locator('tbody tr').count()).toBeGreaterThan(2);
    await sec.screenshot('console-charts');

    // The school sees the group's target and its own row only, with its completion (9000 of 8000).
    await school.page.getByRole('link', { name: '指标完成' }).click();
    const own = school.page.getByTestId('targets');
    await own.locator('canvas').waitFor();
    const rows = await own.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBe(2);
    expect(rows.find((r) => r.includes(schoolName))).toMatch(/8000\s+9000\s+112\.50%/);
    await school.screenshot('console-member-targets');
  }, 120000);
  it('confirm and send: freeze, confirm each warning with a reason, send to the platform, follow it to the receipt; a new version shows its difference', async () => {
    const { page } = sec;
    await page.getByRole('link', { name: '确认报送' }).click();
    const freeze = page.getByTestId('freeze');
    await freeze.getByRole('button', { name: '冻结报表' }).click();
    await freeze.getByText('已冻结为第 1 版（待确认警告）').waitFor();
    const current = page.getByTestId('current');
    // Last year has no accepted submission: the figures are compared with 2024 computed from the ledgers, and warn.
    const warnings = current.locator('[data-testid=warnings] tr');
    // The frozen version's warnings are drawn after its status line: wait for them before counting.
    await warnings.first().waitFor();
    const count = await warnings.count();
    expect(count).toBeGreaterThan(0);
    const send = current.getByRole('button', { name: '确认警告' });
    for (let i = 0; i < count; i++) {
      expect(await send.isDisabled()).toBe(true);
      const field = await warnings.nth(i).getAttribute('data-field');
      await warnings.nth(i).locator('textarea').fill(`${field} 的变化已核实：2024 年台账只录入了部分月份（测试）`);
    }
    await send.click();
    await current.getByText('已校验，待发送').waitFor();
    await current.getByRole('button', { name: '发送到平台' }).click();
    await current.getByText('平台已接收').waitFor();
    expect(await current.getByTestId('receipt').innerText()).toMatch(/平台回执：.*RCPT-1/);
    expect(platform.received).toHaveLength(1);
    expect(platform.received[0].body).toMatchObject({ groupId: G, year: YEAR });
    const confirmed = dataOf(
      await hub.gql(
        `query($g: ID!) { submissions(groupId: $g, year: ${YEAR}) { version status warningList { field } warningsConfirmationReason } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).submissions;
    expect(confirmed).toHaveLength(1);
    for (const w of confirmed[0].warningList) expect(confirmed[0].warningsConfirmationReason).toContain(`${w.field} 的变化已核实`);

    // Another school's return is approved: the report changes, and its second version shows the difference.
    const other = dataOf(
      await hub.gql(
        `query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { returns { organization { id category } } } }`,
        { g: G },
        tokens.secretariat,
      ),
    ).collectionRound.returns.find((r: any) => r.organization.category === 'SCHOOL' && r.organization.id !== DEMO.schoolOrgId).organization.id;
    const otherToken = await hub.token({ sub: 'console-school-2', roles: ['MEMBER'], groups: [G], org: other });
    const figures = '{ enrolledStudents: 8000, fullTimeTeachers: 400, graduates: 2500, employedGraduates: 2400 }';
    dataOf(await hub.gql(`mutation($g: ID!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: ${figures}) { id } }`, { g: G }, otherToken));
    const submitted = dataOf(
      await hub.gql(`mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: ${YEAR}) { id } }`, { g: G }, otherToken),
    ).submitAnnualReturn;
    dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }`, { id: submitted.id }, tokens.secretariat));
    await page.reload();
    await page.getByTestId('freeze').getByRole('button', { name: '冻结报表' }).click();
    await page
      .getByTestId('freeze')
      .getByText(/已冻结为第 2 版/)
      .waitFor();
    const diff = await page.getByTestId('diff').innerText();
    expect(diff).toMatch(/在校生数\s+9000\s+17000/);
    const history = await page.getByTestId('history').locator('tbody tr').allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[1]).toContain('RCPT-1');
    await sec.screenshot('console-send');
  }, 120000);
  it('import results: a unit uploads a ledger workbook, sees it refused with every bad row (personal data masked), then imported; downloads the template', async () => {
    const uscc = await usccOf(hub, DEMO.schoolOrgId, tokens.secretariat);
    await registerTrainingBase(hub, tokens.school, { groupId: G, name: '数控技术培训基地（审核台导入）', coBuilders: [{ uscc, role: 'LEAD' }] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-console-'));
    const good = path.join(dir, '2025年培训台账.xlsx');
    const bad = path.join(dir, '2025年培训台账（有错）.xlsx');
    const options = { prefix: 'CON-', year: YEAR, programs: 2, sessionsPerProgram: 2, traineesPerSession: 3, certifications: 1 };
    await writeLedgerWorkbook(good, options);
    // Row 3 of the roster: a 身份证号 with a wrong check character; row 2 of the sessions: a negative count.
    const wrongId = demoIdNumber(2).slice(0, 17) + (demoIdNumber(2).endsWith('0') ? '1' : '0');
    await writeLedgerWorkbook(bad, {
      ...options,
      edit: (sheet, row, values) =>
        sheet === 'trainees' && row === 3
          ? [values[0], values[1], wrongId, values[3]]
          : sheet === 'sessions' && row === 2
            ? values.map((v, i) => (i === 4 ? -5 : v))
            : values,
    });

    const { page } = school;
    await page.getByRole('link', { name: '台账导入' }).click();
    const panel = page.getByTestId('import');
    // The bases the unit co-builds are marked; the new one is chosen.
    await panel.locator('select[name=base] option', { hasText: '数控技术培训基地（审核台导入）（本单位共建）' }).waitFor({ state: 'attached' });
    await panel.locator('select[name=base]').selectOption({ label: '数控技术培训基地（审核台导入）（本单位共建）' });
    await panel.locator('input[name=workbook]').setInputFiles(bad);
    await panel.getByRole('button', { name: '上传并导入' }).click();
    const result = panel.getByTestId('import-result');
    await result.getByText('工作簿未导入').waitFor();
    const rows = await panel.getByTestId('bad-rows').locator('tbody tr').allInnerTexts();
    expect(rows.length).toBe(2);
    expect(rows.find((r) => r.startsWith('培训班次\t2'))).toBeDefined();
    const roster = rows.find((r) => r.startsWith('学员名册\t3'))!;
    expect(roster).toContain('身份证号');
    expect(await result.innerText()).not.toContain(wrongId);
    expect(await page.getByTestId('import-history').innerText()).toContain('该基地还没有导入记录');
    await school.screenshot('console-imports');

    await panel.locator('input[name=workbook]').setInputFiles(good);
    await panel.getByRole('button', { name: '上传并导入' }).click();
    await result.getByText('导入成功：培训项目 2 个、班次 4 个、鉴定批次 1 个、学员 12 人。').waitFor();
    await page.getByTestId('import-history').getByText('2025年培训台账.xlsx').waitFor();

    const [file] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: '下载模板' }).click()]);
    expect(file.suggestedFilename()).toBe('培训台账模板.xlsx');
    const saved = path.join(dir, 'template.xlsx');
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 2).toString()).toBe('PK');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120000);
});
