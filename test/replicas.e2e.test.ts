import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { DEMO } from '@zjjt/demo';
import { spawnScript } from '../scripts/lib/launch';
import { ROOT } from '../scripts/lib/secrets';
import { writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { approveSchoolReturn, confirmReturnGaps, dataOf, recordAcceptedSubmission, registerTrainingBase, startTestHub, TestHub, usccOf } from './harness';
import { eventually, takeOver, TestProcess } from './processes';

// More than one machine (docs/operations.md#what-scales-how): two gateways and two processes each of
// bases and statistics on one MariaDB and one Redis behave as one hub. MySQL/MariaDB only (the
// replicas of a service share its database; the embedded SQLite file is one host's).
const mysql = process.env.DATABASE_URL;
const suite = mysql ? describe : describe.skip;
const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
const RATE = 40;
const G = DEMO.groupId;
const YEAR = 2025;

/** The national platform, a real HTTP server: every request it gets, by idempotency key; the first answers 500. */
class Platform {
  requests: string[] = [];
  failFirst = 1;
  server = http.createServer((req, res) => {
    req.resume().on('end', () => {
      this.requests.push(String(req.headers['idempotency-key']));
      if (this.failFirst-- > 0) return void res.writeHead(500).end('busy');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ receipt: `RCPT-${this.requests.length}` }));
    });
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}/api/submissions`;
  }
}

const platform = new Platform();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-replicas-'));
let hub: TestHub;
/** The second gateway, in front of the second bases and statistics processes (each itself two workers). */
let second: TestProcess & { url: string };
const tokens: Record<string, string> = {};

/** A query through one gateway (`url`), as TestHub.gql does through the first. */
async function gql(url: string, query: string, variables: Record<string, unknown>, token: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string }[] } };
}
const gateways = () => [hub.url, second.url];
/** A token of its own for each look while waiting, so waiting never counts against the rate limit of a user under test. */
const watcher = () => hub.token({ sub: `watch-${randomUUID()}`, roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });

suite('two replicas of the gateway, bases and statistics on one MariaDB and one Redis', () => {
  beforeAll(async () => {
    await platform.start();
    const env = {
      REDIS_URL,
      RATE_LIMIT_PER_MINUTE: String(RATE),
      NATIONAL_PLATFORM_URL: platform.url,
      SUBMISSION_BACKOFF_MS: '100',
      SUBMISSION_BACKOFF_CAP_MS: '200',
      SUBMISSION_MAX_ATTEMPTS: '4',
      SUBMISSION_RETRY_INTERVAL_MS: '100',
    };
    hub = await startTestHub(env);
    const bases = await hub.replica('bases', { BASES_WORKERS: '2' });
    const statistics = await hub.replica('statistics', { STATISTICS_WORKERS: '2' });
    second = await hub.gateway({ GATEWAY_WORKERS: '2' }, { bases: bases.url, statistics: statistics.url });
    // Each of the three is a primary with two workers sharing its port.
    for (const service of ['gateway', 'bases', 'statistics'])
      await eventually(() => hub.logs.some((line) => line.startsWith(`[${service}] [${service}] 2 workers listening`)), { timeout: 60000, interval: 200 });
    tokens.secretariat = await hub.token({ sub: 'sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
    tokens.school = await hub.token({ sub: 'school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
    tokens.bot = await hub.token({ sub: 'reporting-bot', roles: ['REPORTER'], groups: [G] });
  }, 180000);

  afterAll(async () => {
    await hub?.stop();
    platform.server.closeAllConnections();
    platform.server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts one rate limit across both gateways (in Redis, under the hub’s key prefix)', async () => {
    const subject = `counted-${randomUUID()}`;
    const token = await hub.token({ sub: subject, roles: ['MEMBER'], groups: [G], org: DEMO.memberOrgId });
    const ask = (url: string) => gql(url, `query($g: ID!) { group(id: $g) { name } }`, { g: G }, token);
    // Half of the minute's requests through each gateway: all served.
    for (let i = 0; i < RATE; i += 1) expect((await ask(gateways()[i % 2])).status).toBe(200);
    // The next one is refused by either: each knows what the other counted.
    for (const url of gateways()) {
      const refused = await ask(url);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0].message).toContain(`每分钟最多 ${RATE} 次`);
    }
    // The count is one key in Redis, under this hub's prefix (REDIS_PREFIX, set per test hub by the harness).
    const redis = await createClient({ url: REDIS_URL }).connect();
    try {
      const keys = await redis.keys(`${hub.env.REDIS_PREFIX}rl:graphql:sub:${subject}`);
      expect(keys).toHaveLength(1);
      expect(Number(await redis.get(keys[0]))).toBe(RATE + 2);
    } finally {
      await redis.close();
    }
  });

  it('sends one reminder when the secretariat clicks on both replicas at once, several times', async () => {
    await approveSchoolReturn(hub, G, YEAR, { secretariat: tokens.secretariat, school: tokens.school });
    const round = dataOf(await hub.gql(`query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { id } }`, { g: G }, tokens.secretariat)).collectionRound;
    const remind = `mutation($r: ID!) { sendReminder(roundId: $r) { notice { id } reminded { id } skipped { id } } }`;
    // Four clicks on each gateway at once: they reach three statistics processes (the first, and the second one's two workers).
    const answers = await Promise.all(
      [...gateways(), ...gateways(), ...gateways(), ...gateways()].map((url) => gql(url, remind, { r: round.id }, tokens.secretariat)),
    );
    const outcomes = answers.map((answer) => {
      expect(answer.body.errors).toBeUndefined();
      return answer.body.data.sendReminder;
    });
    const sent = outcomes.filter((o) => o.notice);
    expect(sent).toHaveLength(1);
    const reminded = sent[0].reminded.map((u: { id: string }) => u.id).sort();
    for (const twin of outcomes.filter((o) => !o.notice)) {
      expect(twin.reminded).toEqual([]);
      expect(twin.skipped.map((u: { id: string }) => u.id).sort()).toEqual(reminded);
    }
    expect(sent[0].reminded.length).toBeGreaterThan(0);
    const notices = dataOf(await hub.gql(`query($g: ID!) { sentGroupNotices(groupId: $g, kind: REMINDER) { id } }`, { g: G }, await watcher()));
    expect(notices.sentGroupNotices).toEqual([{ id: sent[0].notice.id }]);
  });

  it('imports a workbook sent to both replicas at once exactly once', async () => {
    const uscc = await usccOf(hub, DEMO.schoolOrgId, tokens.secretariat);
    const base = {
      id: await registerTrainingBase(hub, tokens.school, { groupId: G, name: '数控技术培训基地（多副本）', coBuilders: [{ uscc, role: 'LEAD' }] }),
    };
    const file = path.join(dir, 'ledger.xlsx');
    const { trainees } = await writeLedgerWorkbook(file, {
      prefix: 'R-',
      year: YEAR,
      programs: 4,
      sessionsPerProgram: 5,
      traineesPerSession: 40,
      certifications: 5,
    });
    const body = fs.readFileSync(file);
    const upload = async (url: string) => {
      const response = await fetch(`${url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${base.id}&fileName=ledger.xlsx`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${tokens.school}` },
        body,
      });
      return { status: response.status, json: (await response.json()) as { status: string; import: { id: string; trainees: number } } };
    };
    const answers = await Promise.all(gateways().map(upload));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.json.status).sort()).toEqual(['ALREADY_IMPORTED', 'IMPORTED']);
    expect(answers[0].json.import.id).toBe(answers[1].json.import.id);
    const imports = dataOf(await hub.gql(`query($b: ID!) { ledgerImports(baseId: $b) { id trainees } }`, { b: base.id }, tokens.school)).ledgerImports;
    expect(imports).toEqual([{ id: answers[0].json.import.id, trainees }]);
  });

  it('retries a failed submission once, from whichever statistics process claims it first', async () => {
    await confirmReturnGaps(hub, G, YEAR, tokens.secretariat);
    // Last year accepted with today's figures, so this year's report raises no year-on-year warning.
    const { fields } = dataOf(
      await hub.gql(
        `query($g: ID!) { annualReport(groupId: $g, year: ${YEAR}) { filled(template: "NATIONAL_2025") { fields { code value } } } }`,
        { g: G },
        tokens.bot,
      ),
    ).annualReport.filled;
    await recordAcceptedSubmission(hub, { groupId: G, year: YEAR - 1, target: 'national', template: 'NATIONAL_2024', version: 1, fields });
    const frozen = dataOf(
      await gql(
        second.url,
        `mutation($g: ID!) { freezeReport(groupId: $g, year: ${YEAR}, template: "NATIONAL_2025") { submission { id status idempotencyKey } } }`,
        { g: G },
        tokens.bot,
      ),
    ).freezeReport.submission;
    expect(frozen.status).toBe('VALIDATED');
    // The platform answers the first attempt 500: the row is FAILED, and every statistics process's retry loop sees it due.
    const failed = dataOf(await hub.gql(`mutation($id: ID!) { sendSubmission(id: $id) { status attempts } }`, { id: frozen.id }, tokens.bot)).sendSubmission;
    expect(failed).toEqual({ status: 'FAILED', attempts: 1 });
    const accepted = await eventually(
      async () => {
        const all = dataOf(await hub.gql(`query($g: ID!) { submissions(groupId: $g) { id status attempts receipt } }`, { g: G }, await watcher())).submissions;
        const s = all.find((row: { id: string }) => row.id === frozen.id);
        return s.status === 'ACCEPTED' && s;
      },
      { timeout: 20000, interval: 200 },
    );
    expect(accepted.attempts).toBe(2);
    expect(accepted.receipt).toContain('RCPT-2');
    // Three retry loops (the first statistics process and the second one's two workers) raced for it: one sent it.
    expect(platform.requests).toEqual([frozen.idempotencyKey, frozen.idempotencyKey]);
  });
});

describe('several processes of one service', () => {
  it('refuses GATEWAY_WORKERS above 1 without REDIS_URL, saying why', async () => {
    const env = { ...process.env, GATEWAY_SECRET: 'x'.repeat(32), JWT_SECRET: 'y'.repeat(32), GATEWAY_WORKERS: '2', REDIS_URL: '' };
    const gateway = await takeOver('gateway', () => spawnScript('gateway', path.join(ROOT, 'dist', 'gateway', 'src', 'index.js'), env));
    expect(await gateway.exited).toEqual({ code: 1, signal: null });
    expect(gateway.output.join('\n')).toContain('GATEWAY_WORKERS=2 需要 REDIS_URL');
  });

  it('refuses a number of workers that is not one', async () => {
    const env = { ...process.env, GATEWAY_SECRET: 'x'.repeat(32), STATISTICS_WORKERS: 'many' };
    const statistics = await takeOver('statistics', () =>
      spawnScript('statistics', path.join(ROOT, 'dist', 'subgraphs', 'statistics', 'src', 'index.js'), env),
    );
    expect(await statistics.exited).toEqual({ code: 1, signal: null });
    expect(statistics.output.join('\n')).toContain('STATISTICS_WORKERS 应为 1 到 64 的整数');
  });
});
