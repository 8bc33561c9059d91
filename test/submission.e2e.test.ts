import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { DEMO } from '@zjjt/demo';
import { stopChild } from '../scripts/lib/launch';
import { runOnce } from '../bot';
import { codesOf, dataOf, startTestHub, TestHub } from './harness';

/** The national platform, played by a real HTTP server: one record per idempotency key. */
class FakePlatform {
  records = new Map<string, { receipt: string; body: unknown }>();
  requests: { key: string; authorization?: string }[] = [];
  /** What to do with the next requests, in order; then 'ok'. */
  script: ('ok' | '500' | 'hang' | '409' | '422' | 'accept-slow')[] = [];
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      this.requests.push({ key, authorization: req.headers.authorization });
      const mode = this.script.shift() ?? 'ok';
      if (mode === 'hang') return;
      if (mode === '500') return void res.writeHead(500).end('<html>Internal Server Error</html>');
      if (mode === '409' || mode === '422') return void res.writeHead(Number(mode), { 'content-type': 'application/json' }).end(JSON.stringify({ message: mode === '409' ? '该集团本年度报表已由其他渠道报送' : 'JT0210 企业投入格式不正确' }));
      const record = this.records.get(key) ?? { receipt: `RCPT-${this.records.size + 1}`, body: JSON.parse(body) };
      this.records.set(key, record);
      const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ receipt: record.receipt }));
      if (mode === 'accept-slow') setTimeout(answer, 4000);
      else answer();
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
    NATIONAL_PLATFORM_URL: platform.url, NATIONAL_PLATFORM_TOKEN: 'platform-token-123', PROVINCIAL_OUTBOX_DIR: outbox,
    SUBMISSION_BACKOFF_MS: '100', SUBMISSION_BACKOFF_CAP_MS: '200', SUBMISSION_TIMEOUT_MS: '1000', SUBMISSION_MAX_ATTEMPTS: '3',
    SUBMISSION_RETRY_INTERVAL_MS: '0', SUBMISSION_LOCK_MS: '1500',
  };
  hub = await startTestHub(statisticsEnv);
  tokens.secretariat = await hub.token({ sub: 'sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  tokens.school = await hub.token({ sub: 'school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
  tokens.bot = await hub.token({ sub: 'reporting-bot', roles: ['REPORTER'], groups: [G] });
  // Approved returns, so the templates' required figures are there.
  dataOf(await hub.gql(`mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${YEAR}, dueOn: "2026-03-31" }) { id } }`, { g: G }, tokens.secretariat));
  dataOf(await hub.gql(`mutation($g: ID!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: { enrolledStudents: 9000, fullTimeTeachers: 450, graduates: 2800, employedGraduates: 2650 }) { id } }`, { g: G }, tokens.school));
  const submitted = dataOf(await hub.gql(`mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: ${YEAR}) { id } }`, { g: G }, tokens.school)).submitAnnualReturn;
  dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }`, { id: submitted.id }, tokens.secretariat));
}, 120000);

afterAll(async () => {
  await hub?.stop();
  platform.server.closeAllConnections();
  platform.server.close();
  fs.rmSync(outbox, { recursive: true, force: true });
});

const botOutput: string[] = [];
const bot = (target = 'national', dryRun = false) => runOnce({ gateway: hub.url, token: tokens.bot, groupId: G, year: YEAR, target, dryRun, say: (line) => botOutput.push(line) });
const SUB = `id status version attempts receipt platformMessage lastError idempotencyKey payloadSha256 changes { code from to }`;
const submission = async (id: string) => dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { ${SUB} } }`, { g: G }, tokens.secretariat)).submissions.find((s: any) => s.id === id);

/**
 * A correction as it happens: a unit records one more ledger row with a co-developed course
 * (JT0207 + 1), then the bot freezes a new version of what the hub now computes.
 */
async function freezeCorrection(n: number) {
  const partner = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { uscc } }`, { id: DEMO.memberOrgId }, tokens.secretariat)).organization.uscc;
  dataOf(await hub.gql(`mutation($input: CooperationInput!) { recordCooperation(input: $input) { id } }`, { input: { groupId: G, partnerUscc: partner, year: YEAR, projectName: `课程共建更正 ${n}（测试）`, coCourses: 1 } }, tokens.school));
  const frozen = dataOf(await hub.gql(`mutation($g: ID!) { freezeReport(groupId: $g, year: ${YEAR}, template: "NATIONAL_2025") { unchanged submission { ${SUB} } } }`, { g: G }, tokens.bot)).freezeReport;
  expect(frozen.unchanged).toBe(false);
  if (frozen.submission.status === 'GENERATED') dataOf(await hub.gql(`mutation($id: ID!) { confirmSubmissionWarnings(id: $id, reason: "比值偏高已核实") { id } }`, { id: frozen.submission.id }, tokens.secretariat));
  return frozen.submission;
}
const send = (id: string) => hub.gql(`mutation($id: ID!) { sendSubmission(id: $id) { ${SUB} } }`, { id }, tokens.bot);

describe('automatic submission to the national platform', () => {
  it('fills, freezes and sends once; unchanged data is not sent again', async () => {
    expect(await bot('national', true)).toBe(0);
    let code = await bot();
    if (code === 3) {
      const pending = dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { id status } }`, { g: G }, tokens.secretariat)).submissions[0];
      const byBot = await hub.gql(`mutation($id: ID!) { confirmSubmissionWarnings(id: $id, reason: "已核实") { id } }`, { id: pending.id }, tokens.bot);
      expect(codesOf(byBot)).toEqual(['FORBIDDEN']);
      dataOf(await hub.gql(`mutation($id: ID!) { confirmSubmissionWarnings(id: $id, reason: "培训人次与在校生之比偏高，已核对台账") { warningsConfirmedBy } }`, { id: pending.id }, tokens.secretariat));
      code = await bot();
    }
    expect(code).toBe(0);
    const [first] = dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { ${SUB} } }`, { g: G }, tokens.secretariat)).submissions;
    expect(first).toMatchObject({ status: 'ACCEPTED', version: 1, attempts: 1, receipt: JSON.stringify({ receipt: 'RCPT-1' }) });
    expect(platform.records.size).toBe(1);
    expect(platform.requests[0]).toEqual({ key: first.idempotencyKey, authorization: 'Bearer platform-token-123' });
    const sent = [...platform.records.values()][0].body as { fields: { code: string; value: string }[]; sha256: string };
    expect(sent.sha256).toBe(first.payloadSha256);
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
    await new Promise((r) => setTimeout(r, 300));
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
    for (let i = 0; i < 2; i += 1) {
      await new Promise((r) => setTimeout(r, 300));
      await send(s.id);
    }
    expect(await submission(s.id)).toMatchObject({ status: 'DEAD', attempts: 3 });
    expect(hub.logs.some((l) => l.includes('submission DEAD'))).toBe(true);
  });

  it('stops on 409 and 422, keeps the platform’s message, never sends again', async () => {
    for (const [n, answer] of [[3, '409'], [4, '422']] as const) {
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
    // A call that comes after the winner finished is told the submission is already accepted.
    expect(results.flatMap((r) => codesOf(r)).every((c) => c === 'CONFLICT')).toBe(true);
    expect(platform.requests.length - before).toBe(1);
    expect((await submission(s.id)).status).toBe('ACCEPTED');
  });

  it('resends with the same key after a crash between the platform accepting and the receipt being recorded', async () => {
    const s = await freezeCorrection(6);
    platform.script = ['accept-slow'];
    const recordsBefore = platform.records.size;
    const pending = send(s.id);
    await new Promise((r) => setTimeout(r, 700));
    expect(platform.records.size).toBe(recordsBefore + 1); // the platform holds it …
    hub.hub.processes.get('statistics')!.kill('SIGKILL'); // … and statistics dies before recording
    await pending;
    expect((await submission(s.id).catch(() => null))?.status ?? 'SUBMITTED').toBe('SUBMITTED');

    const port = new URL(hub.hub.subgraphUrls.statistics).port;
    const restarted = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'subgraphs', 'statistics', 'src', 'index.js')], {
      env: { ...process.env, ...hub.env, ...statisticsEnv, SUBMISSION_RETRY_INTERVAL_MS: '300', MEMBERS_URL: hub.hub.subgraphUrls.members, GATEWAY_URL: hub.url, STATISTICS_PORT: port },
      stdio: 'ignore',
    });
    hub.hub.processes.set('statistics', restarted);
    let status = '';
    for (let i = 0; i < 60 && status !== 'ACCEPTED'; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await submission(s.id).catch(() => null))?.status ?? '';
    }
    expect(status).toBe('ACCEPTED');
    expect(platform.records.size).toBe(recordsBefore + 1);
    expect(platform.requests.filter((r) => r.key === s.idempotencyKey)).toHaveLength(2);
  });
});

describe('scheduled mode', () => {
  it('runs the bot on its cron schedule (here: every second) until stopped', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'scripts', 'report.js'), '--group', G, '--year', String(YEAR), '--target', 'national', '--schedule', '* * * * * *'], {
      env: { ...process.env, GATEWAY_URL: hub.url, REPORTER_TOKEN: tokens.bot },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    try {
      for (let i = 0; i < 60 && (output.match(/不重复报送|发送结果/g) ?? []).length < 2; i += 1) await new Promise((r) => setTimeout(r, 100));
      expect((output.match(/下次报送：/g) ?? []).length).toBeGreaterThanOrEqual(2);
      expect((output.match(/不重复报送|发送结果/g) ?? []).length).toBeGreaterThanOrEqual(2);
    } finally {
      await stopChild(child);
    }
  });
});

describe('the provincial platform takes uploads', () => {
  it('writes the workbook and payload into the outbox; the secretariat records the outcome', async () => {
    expect(await bot('provincial')).toBe(0);
    const files = fs.readdirSync(outbox);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(1);
    const s = dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { id template status receipt } }`, { g: G }, tokens.secretariat)).submissions.find((x: any) => x.template === 'SHANDONG_2025');
    expect(s.status).toBe('SUBMITTED');
    const recorded = dataOf(await hub.gql(`mutation($id: ID!) { recordSubmissionOutcome(id: $id, accepted: true, message: "省平台回执 SD-2026-0042") { status receipt } }`, { id: s.id }, tokens.secretariat)).recordSubmissionOutcome;
    expect(recorded).toEqual({ status: 'ACCEPTED', receipt: '省平台回执 SD-2026-0042' });
  });
});
