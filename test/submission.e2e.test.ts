import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { DEMO } from '@zjjt/demo';
import { spawnScript } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/secrets';
import { runOnce } from '../bot';
import { approveSchoolReturn, codesOf, confirmReturnGaps, dataOf, expectEach, recordAcceptedSubmission, startTestHub, TestHub, usccOf } from './harness';
import { eventually, takeOver } from './processes';

/** The national platform, played by a real HTTP server: one record per idempotency key. */
class FakePlatform {
  records = new Map<string, { receipt: string; body: unknown }>();
  requests: { key: string; authorization?: string }[] = [];
  /** What to do with the next requests, in order; then 'ok'. */
  script: ('ok' | '500' | 'hang' | '409' | '422' | 'accept-silently')[] = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      this.requests.push({ key, authorization: req.headers.authorization });
      const mode = this.script.shift() ?? 'ok';
      if (mode === 'hang') return;
      if (mode === '500') return void res.writeHead(500).end('<html>Internal Server Error</html>');
      if (mode === '409' || mode === '422')
        return void res
          .writeHead(Number(mode), { 'content-type': 'application/json' })
          .end(JSON.stringify({ message: mode === '409' ? '该集团本年度报表已由其他渠道报送' : 'JT0210 企业投入格式不正确' }));
      const record = this.records.get(key) ?? { receipt: `RCPT-${this.records.size + 1}`, body: JSON.parse(body) };
      this.records.set(key, record);
      // 'accept-silently' records the report but never answers: the sender dies before it hears back.
      if (mode !== 'accept-silently') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ receipt: record.receipt }));
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/api/submissions`;
  }
}

const platform = new FakePlatform();
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-outbox-'));
let hub: TestHub;
const tokens: Record<string, string> = {};
const G = DEMO.groupId;
const YEAR = 2025;
let statisticsEnv: NodeJS.ProcessEnv;

beforeAll(async () => {
  await platform.start();
  statisticsEnv = {
    NATIONAL_PLATFORM_URL: platform.url,
    NATIONAL_PLATFORM_TOKEN: 'platform-token-123',
    PROVINCIAL_OUTBOX_DIR: outbox,
    SUBMISSION_BACKOFF_MS: '100',
    SUBMISSION_BACKOFF_CAP_MS: '200',
    SUBMISSION_TIMEOUT_MS: '1000',
    SUBMISSION_MAX_ATTEMPTS: '3',
    SUBMISSION_RETRY_INTERVAL_MS: '0',
    SUBMISSION_LOCK_MS: '1500',
  };
  hub = await startTestHub(statisticsEnv);
  tokens.secretariat = await hub.token({ sub: 'sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.school = await hub.token({ sub: 'school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  tokens.bot = await hub.token({ sub: 'reporting-bot', roles: ['REPORTER'], groups: [G] });
  await approveSchoolReturn(hub, G, YEAR, { secretariat: tokens.secretariat, school: tokens.school });
  // The other members' returns are missing: the secretariat confirms the gap (its reason is the report's 说明).
  await confirmReturnGaps(hub, G, YEAR, tokens.secretariat);
  // The demo's 2024 ledgers cover only part of that year, so against the computed 2024 report the
  // 2025 figures would jump. Here last year was accepted with today's figures: no year-on-year warning.
  for (const [target, template] of [
    ['national', 'NATIONAL_2025'],
    ['provincial', 'SHANDONG_2025'],
  ]) {
    const { fields } = dataOf(
      await hub.gql(
        `query($g: ID!, $t: String!) { annualReport(groupId: $g, year: ${YEAR}) { filled(template: $t) { fields { code value } } } }`,
        { g: G, t: template },
        tokens.bot,
      ),
    ).annualReport.filled;
    await recordAcceptedSubmission(hub, { groupId: G, year: YEAR - 1, target, template: template.replace('2025', '2024'), version: 1, fields });
  }
}, 120000);

afterAll(async () => {
  await hub?.stop();
  platform.server.closeAllConnections();
  platform.server.close();
  fs.rmSync(outbox, { recursive: true, force: true });
});

const botOutput: string[] = [];
const bot = (target = 'national', dryRun = false) =>
  runOnce({ gateway: hub.url, token: tokens.bot, groupId: G, year: YEAR, target, dryRun, say: (line) => botOutput.push(line) });
const SUB = `id status version attempts receipt platformMessage lastError idempotencyKey payloadSha256 changes { code from to }`;
const submission = async (id: string) =>
  dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { ${SUB} } }`, { g: G }, tokens.secretariat)).submissions.find((s: any) => s.id === id);

/**
 * A correction as it happens: a unit records one more ledger row with a co-developed course
 * (JT0207 + 1), then the bot freezes a new version of what the hub now computes.
 */
async function freezeCorrection(n: number) {
  const partner = await usccOf(hub, DEMO.memberOrgId, tokens.secretariat);
  dataOf(
    await hub.gql(
      `mutation($input: CooperationInput!) { recordCooperation(input: $input) { id } }`,
      { input: { groupId: G, partnerUscc: partner, year: YEAR, projectName: `课程共建更正 ${n}（测试）`, coCourses: 1 } },
      tokens.school,
    ),
  );
  const frozen = dataOf(
    await hub.gql(
      `mutation($g: ID!) { freezeReport(groupId: $g, year: ${YEAR}, template: "NATIONAL_2025") { unchanged submission { ${SUB} } } }`,
      { g: G },
      tokens.bot,
    ),
  ).freezeReport;
  expect(frozen.unchanged).toBe(false);
  // The demo figures raise no warning, so a new version is ready to send without a confirmation.
  expect(frozen.submission.status).toBe('VALIDATED');
  return frozen.submission;
}
/** Waits until a FAILED submission's back-off is over (its nextAttemptAt), when a send is allowed again. */
const due = async (id: string) => {
  const { nextAttemptAt } = dataOf(
    await hub.gql(`query($g: ID!) { submissions(groupId: $g) { id nextAttemptAt } }`, { g: G }, tokens.secretariat),
  ).submissions.find((s: any) => s.id === id);
  expect(nextAttemptAt).toEqual(expect.any(String));
  await eventually(() => Date.now() >= Date.parse(nextAttemptAt));
};
const send = (id: string) => hub.gql(`mutation($id: ID!) { sendSubmission(id: $id) { ${SUB} } }`, { id }, tokens.bot);

describe('automatic submission to the national platform', () => {
  it('fills, freezes and sends once; unchanged data is not sent again', async () => {
    expect(await bot('national', true)).toBe(0);
    // The demo figures raise no warning: the bot fills, freezes and sends in one run.
    expect(await bot()).toBe(0);
    const [first] = dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { ${SUB} } }`, { g: G }, tokens.secretariat)).submissions;
    expect(first).toMatchObject({ status: 'ACCEPTED', version: 1, attempts: 1, receipt: JSON.stringify({ receipt: 'RCPT-1' }) });
    expect(platform.records.size).toBe(1);
    expect(platform.requests[0]).toEqual({ key: first.idempotencyKey, authorization: 'Bearer platform-token-123' });
    // Confirming warnings is the secretariat's: the bot is refused whatever the submission's state.
    const byBot = await hub.gql(`mutation($id: ID!) { confirmSubmissionWarnings(id: $id, reason: "已核实") { id } }`, { id: first.id }, tokens.bot);
    expect(codesOf(byBot)).toEqual(['FORBIDDEN']);
    const sent = [...platform.records.values()][0].body as {
      fields: { code: string; value: string }[];
      sha256: string;
      note: string;
      completeness: { expected: number; approved: number; missing: number };
    };
    expect(sent.sha256).toBe(first.payloadSha256);
    // The secretariat's reason for the missing returns reaches the platform with the figures, as the report's 说明.
    expect(sent.note).toBe('其余成员单位年报尚未报送，按已审核年报填报（测试）');
    expect(sent.completeness).toMatchObject({ approved: 1, missing: sent.completeness.expected - 1 });
    expect(botOutput).toContainEqual(expect.stringMatching(/成员年报：应报 \d+ 家，已审核通过 1 家，缺 \d+ 家；说明：其余成员单位年报尚未报送/));
    expect(JSON.stringify(sent)).not.toMatch(/\d{17}[\dX]/);

    expect(await bot()).toBe(0);
    expect(platform.requests).toHaveLength(1);
    expect(botOutput.at(-1)).toMatch(/数据与第 1 版相同（ACCEPTED），不重复报送/);
  });

  it('retries a 500 with the same key, and a correction is a new version with a diff', async () => {
    const s = await freezeCorrection(1);
    expect(s.version).toBe(2);
    expect(s.changes).toEqual([{ code: 'JT0207', from: expect.any(String), to: expect.any(String) }]);
    platform.script = ['500'];
    const failed = dataOf(await send(s.id)).sendSubmission;
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, lastError: 'HTTP 500' });
    expect(JSON.stringify(failed)).not.toContain('<html>');
    await due(s.id);
    expect(dataOf(await send(s.id)).sendSubmission).toMatchObject({ status: 'ACCEPTED', attempts: 2 });
    const keys = platform.requests.slice(-2).map((r) => r.key);
    expect(keys).toEqual([s.idempotencyKey, s.idempotencyKey]);
  });

  it('gives a timeout up as FAILED within the deadline, and gives up for good after the last attempt', async () => {
    const s = await freezeCorrection(2);
    platform.script = ['hang'];
    const started = Date.now();
    expect(dataOf(await send(s.id)).sendSubmission).toMatchObject({ status: 'FAILED', lastError: expect.stringMatching(/timeout/) });
    expect(Date.now() - started).toBeLessThan(3000);
    platform.script = ['500', '500'];
    await due(s.id);
    expect(dataOf(await send(s.id)).sendSubmission).toMatchObject({ status: 'FAILED', attempts: 2, lastError: 'HTTP 500' });
    await due(s.id);
    expect(dataOf(await send(s.id)).sendSubmission).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect(await submission(s.id)).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect(hub.logs.filter((l) => l.includes('submission DEAD'))).toHaveLength(1);
  });

  it('stops on 409 and 422, keeps the platform’s message, never sends again', async () => {
    for (const [n, answer] of [
      [3, '409'],
      [4, '422'],
    ] as const) {
      const s = await freezeCorrection(n);
      platform.script = [answer];
      const rejected = dataOf(await send(s.id)).sendSubmission;
      expect(rejected.status).toBe('REJECTED');
      expect(rejected.platformMessage).toMatch(answer === '409' ? /其他渠道报送/ : /格式不正确/);
      const before = platform.requests.length;
      expect(codesOf(await send(s.id))).toEqual(['CONFLICT']);
      expect(platform.requests).toHaveLength(before);
    }
  });

  it('never lets two workers send the same submission', async () => {
    const s = await freezeCorrection(5);
    const before = platform.requests.length;
    const results = await Promise.all([send(s.id), send(s.id), send(s.id)]);
    // One call sends and answers ACCEPTED; a call that lost the claim answers the row as it is then
    // (SUBMITTED or ACCEPTED), and one that comes after the winner finished is told CONFLICT.
    const outcomes = results.map((r) => (r.body.errors ? codesOf(r).join() : r.body.data.sendSubmission.status));
    expectEach(outcomes, (o) => ['ACCEPTED', 'SUBMITTED', 'CONFLICT'].includes(o as string), 3);
    expect(outcomes).toContain('ACCEPTED');
    expect(platform.requests.length - before).toBe(1);
    expect((await submission(s.id)).status).toBe('ACCEPTED');
  });

  it('resends with the same key after a crash between the platform accepting and the receipt being recorded', async () => {
    const s = await freezeCorrection(6);
    platform.script = ['accept-silently'];
    const recordsBefore = platform.records.size;
    const statistics = await hub.process('statistics');
    const pending = send(s.id);
    await eventually(() => platform.records.size === recordsBefore + 1); // the platform holds it …
    await statistics.kill('SIGKILL'); // … and statistics dies before recording
    expect(await statistics.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(codesOf(await pending).length).toBeGreaterThan(0);
    expect(codesOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { id } }`, { g: G }, tokens.secretariat)).length).toBeGreaterThan(0);

    // Started again without the retry loop, it shows what the crash left: sent once, not recorded.
    await statistics.restart();
    expect(await submission(s.id)).toMatchObject({ status: 'SUBMITTED', attempts: 1, receipt: null });
    expect(platform.requests.filter((r) => r.key === s.idempotencyKey)).toHaveLength(1);

    // With the retry loop, the row left SUBMITTED by a dead worker is sent again with the same key.
    await statistics.kill();
    await hub.process('statistics', { SUBMISSION_RETRY_INTERVAL_MS: '300' });
    await eventually(async () => (await submission(s.id)).status === 'ACCEPTED', { timeout: 20000 });
    expect(platform.records.size).toBe(recordsBefore + 1);
    expect(platform.requests.filter((r) => r.key === s.idempotencyKey)).toHaveLength(2);
  });
});

describe('scheduled mode', () => {
  it('runs the bot on its cron schedule (here: every second) until stopped', async () => {
    const scheduled = await takeOver('report', () =>
      spawnScript('report', path.join(ROOT, 'dist', 'scripts', 'report.js'), { ...process.env, GATEWAY_URL: hub.url, REPORTER_TOKEN: tokens.bot }, undefined, [
        '--group',
        G,
        '--year',
        String(YEAR),
        '--target',
        'national',
        '--schedule',
        '* * * * * *',
      ]),
    );
    const runs = () => scheduled.output.filter((line) => /不重复报送|发送结果/.test(line));
    await eventually(() => runs().length >= 2, { timeout: 10000 });
    expect(scheduled.output.filter((line) => line.includes('下次报送：')).length).toBeGreaterThanOrEqual(2);
    await scheduled.kill();
  });
});

describe('the provincial platform takes uploads', () => {
  it('writes the workbook and payload into the outbox; the secretariat records the outcome', async () => {
    expect(await bot('provincial')).toBe(0);
    const files = fs.readdirSync(outbox);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const s = dataOf(
      await hub.gql(`query($g: ID!) { submissions(groupId: $g) { id template status receipt } }`, { g: G }, tokens.secretariat),
    ).submissions.find((x: any) => x.template === 'SHANDONG_2025');
    expect(s.status).toBe('SUBMITTED');
    const recorded = dataOf(
      await hub.gql(
        `mutation($id: ID!) { recordSubmissionOutcome(id: $id, accepted: true, message: "省平台回执 SD-2026-0042") { status receipt } }`,
        { id: s.id },
        tokens.secretariat,
      ),
    ).recordSubmissionOutcome;
    expect(recorded).toEqual({ status: 'ACCEPTED', receipt: '省平台回执 SD-2026-0042' });
  });
});
