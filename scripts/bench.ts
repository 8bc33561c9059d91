import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { DEMO } from '../subgraphs/members/src/seed';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { demoId } from '@zjjt/kit';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { freePort, launchHub, restartSubgraph, RunningHub, SubgraphRestart } from './lib/launch';
import { demoIdNumber, demoPhone, LedgerWorkbookOptions, writeLedgerWorkbook } from './lib/ledger-workbook';
import { ROOT } from './lib/secrets';
import { mintToken } from './lib/tokens';
import { callGateway } from './lib/gateway';
import { SUBGRAPHS } from './services';

/**
 * `npm run bench`: starts the hub on a fresh copy of the demo data (plus 60 resources posted through
 * the gateway), drives it with autocannon on
 * 127.0.0.1 for a bounded time per scenario, and writes bench/results/latest.{json,md}.
 * BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default 10) tune the load.
 * Then it imports a 100,000-row roster workbook through the gateway into a new training base
 * (measured: rows/s and the bases process's peak memory), fills the base's year 2025 up to
 * BENCH_TRAINEES trainee rows (default 1,000,000, in steps of 2,000) with more generated workbooks,
 * and measures the ledger totals, the annual report's training section and the member page's
 * training summaries over that year.
 * Last, the annual report as a whole: the demo group's 2025 collection round is opened, the school's
 * return saved, submitted and approved (so `filled(NATIONAL_2025)` is not blocked), and the full
 * report — every section, the indicators, the targets and the filled national template — is
 * measured as the reporting bot. Then an authority registers 99 more groups (bench-001 …, three
 * member units each, registered by each group's secretariat) and the bench times building the
 * full report of all 100 groups through the gateway, one after another and ten at a time
 * (`reports100` in latest.json, a line under the table in latest.md).
 * Then the soak, for BENCH_SOAK_SECONDS (default 180; 0 skips it): a mixed workload through the
 * gateway (member-list page as the secretariat, resource search page as a member, ledger totals by
 * month, the annual report's membership and training totals as the reporter, and a write:
 * `markNoticeRead` on a demo notice as a member), BENCH_CONNECTIONS connections cycling through
 * the five, while the `resources` subgraph is restarted (SIGTERM, started again on the same port
 * and database) at a third of the time. It reports requests served, GraphQL error codes and HTTP
 * statuses (by phase: before, during and after the restart), how long the subgraph was down, every
 * process's RSS before and after and its peak, and whether the data is intact afterwards
 * (`soak` in latest.json, lines under the table in latest.md).
 */

const seconds = Number(process.env.BENCH_SECONDS || 10);
const connections = Number(process.env.BENCH_CONNECTIONS || 10);
const benchTrainees = Number(process.env.BENCH_TRAINEES || 1_000_000);
const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS || 180);
const YEAR = 2025;
const thousands = (n: number) => n.toLocaleString('en-US');

const MEMBER_PAGE = /* GraphQL */ `
  query MemberPage($groupId: ID!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        totalCount
        edges {
          node {
            id role status joinedOn councilTerm { number }
            organization { id name uscc type region industry aboveDesignatedSize memberships { role status joinedOn group { name } } }
          }
        }
      }
    }
  }
`;

const RESOURCE_PAGE = /* GraphQL */ `
  query ResourcePage {
    resources(first: 50) {
      totalCount
      edges { node { id kind title capacity capacityLeft periodStart periodEnd visibility provider { id name type region } } }
    }
  }
`;

const MEMBERS_WITH_RESOURCES = /* GraphQL */ `
  query MembersWithResources($groupId: ID!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        edges { node { id role organization { id name type resources { id kind title capacityLeft } } } }
      }
    }
  }
`;

const LEDGER_TOTALS = /* GraphQL */ `
  query LedgerTotals($baseId: ID!, $year: Int!) {
    trainingTotals(by: MONTH, filter: { year: $year, baseId: $baseId }) { key label sessions personTimes hours revenueWan }
  }
`;

const ANNUAL_TRAINING = /* GraphQL */ `
  query AnnualTraining($groupId: ID!, $year: Int!) {
    annualReport(groupId: $groupId, year: $year) {
      training { personTimes distinctPersons hours revenueWan candidates passed byCategory { category personTimes } byTargetGroup { targetGroup personTimes } }
    }
  }
`;

const MEMBERS_WITH_TRAINING = /* GraphQL */ `
  query MembersWithTraining($groupId: ID!, $year: Int!) {
    group(id: $groupId) {
      members(first: 50, orderBy: { field: ROLE }) {
        edges { node { organization { id name trainingSummary(year: $year) { sessions personTimes hours revenueWan candidates passed } } } }
      }
    }
  }
`;

/** The whole annual report: every section, the derived indicators, the targets and the filled national template. */
const FULL_REPORT = /* GraphQL */ `
  query FullReport($groupId: ID!, $year: Int!) {
    annualReport(groupId: $groupId, year: $year) {
      membership { total enterprises schools }
      sharing { orderClassStudents investment investmentReceived serviceIncome }
      training { personTimes distinctPersons revenueWan candidates passed }
      returns { approved enrolledStudents }
      indicators { trainingPerStudent serviceIncomePerTeacherWan enterpriseSharePercent }
      targets { indicator actual completionPercent }
      filled(template: "NATIONAL_2025") { blocked fields { code value } errors { field } warnings { field } }
    }
  }
`;

/** The template the full report fills. */
const TEMPLATE = 'NATIONAL_2025';

interface Scenario {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** True when the answer's data is right; the scenario is refused otherwise (see `fiftyRows`). */
  check: (data: any) => boolean;
}

/** The check of a page scenario: the rows `select` picks from the answer are exactly 50. */
const fiftyRows = (select: (data: any) => unknown[] | undefined) => (data: any) => select(data)?.length === 50;

interface Measurement {
  scenario: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function measure(scenario: Scenario): Promise<Measurement> {
  // One request first: the scenario must really return what it claims (50 rows …), or its numbers mean nothing.
  const check = await fetch(scenario.url, { method: 'POST', headers: scenario.headers, body: scenario.body });
  const json = (await check.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || !scenario.check(json.data)) throw new Error(`${scenario.name}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);

  const times: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url: scenario.url, method: 'POST', headers: scenario.headers, body: scenario.body, connections, duration: seconds }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) times.push(responseTime);
      else errors += 1;
    });
  });
  times.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    scenario: scenario.name,
    seconds,
    connections,
    requests: times.length,
    requestsPerSecond: round(times.length / (result.duration || seconds)),
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    errors: errors + result.errors + result.timeouts,
  };
}

/**
 * Makes the dataset fixed and big enough: 60 more published resources, posted through the gateway
 * by six demo enterprises, so the search page always has 50 rows.
 */
async function postBenchResources(gatewayUrl: string, jwtSecret: string) {
  const kinds = ['EQUIPMENT', 'TRAINING_FACILITY', 'TEACHER_WORKSTATION', 'JOB_MONITORING_STATION'];
  for (const [i, slug] of ['jnjgzb', 'jnskjc', 'jnsyqc', 'qdgkjx', 'zbdj', 'jndyjx'].entries()) {
    const token = await mintToken(jwtSecret, { sub: `bench-${slug}`, roles: ['MEMBER'], groups: [DEMO.groupId], org: demoId('organization', slug) });
    for (let n = 0; n < 10; n += 1) {
      const input = { groupId: DEMO.groupId, kind: kinds[(i + n) % kinds.length], title: `压测共享资源 ${i}-${n}`, capacity: 10 + n, periodStart: '2026-01-01', periodEnd: '2026-12-31', visibility: n % 3 ? 'GROUP' : 'PUBLIC' };
      const { createResource } = await callGateway(gatewayUrl, 'mutation($input: ResourceInput!) { createResource(input: $input) { id } }', { input }, token);
      await callGateway(gatewayUrl, 'mutation($id: ID!) { publishResource(id: $id) { id } }', { id: createResource.id }, token);
    }
  }
}

/**
 * Registers the training base the ledger scenarios import into, as the school (its lead), with the
 * demo enterprise as co-builder. Co-builders are given by USCC, read as the secretariat.
 */
async function registerBenchBase(gatewayUrl: string, schoolToken: string, secretariatToken: string): Promise<string> {
  const uscc = async (id: string) => (await callGateway(gatewayUrl, 'query($id: ID!) { organization(id: $id) { uscc } }', { id }, secretariatToken)).organization.uscc;
  const input = {
    groupId: DEMO.groupId, name: '压测培训基地（演示）', kind: 'TRAINING_BASE', occupations: ['数控车工', '工业机器人系统运维员'], capacity: 500,
    coBuilders: [{ uscc: await uscc(DEMO.schoolOrgId), role: 'LEAD' }, { uscc: await uscc(DEMO.memberOrgId), role: 'CO_BUILDER' }],
  };
  const { registerTrainingBase } = await callGateway(gatewayUrl, 'mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }', { input }, schoolToken);
  return registerTrainingBase.id;
}

/** Trainee rows of the measured workbook, and the most of any workbook that fills the year. */
const IMPORT_ROWS = 100_000;

/**
 * Writes a roster workbook of `rows` trainee rows for YEAR — 20 programs × `rows / 2,000` sessions
 * each × 100 trainees, so `rows` is a multiple of 2,000 — whose trainees are persons
 * `firstPerson + 1 …` (so the workbooks of one run hold distinct people).
 */
async function writeBenchWorkbook(file: string, prefix: string, rows: number, firstPerson: number) {
  const options: LedgerWorkbookOptions = { prefix, year: YEAR, programs: 20, sessionsPerProgram: rows / 2000, traineesPerSession: 100, certifications: 10 };
  // Trainee rows are [session, name, 身份证号, phone]; row 2 is the workbook's person 1.
  if (firstPerson) options.edit = (sheet, row, values) => (sheet === 'trainees' && row > 1 ? [values[0], values[1], demoIdNumber(firstPerson + row - 1), demoPhone(firstPerson + row - 1)] : values);
  const { trainees } = await writeLedgerWorkbook(file, options);
  return { trainees, programs: options.programs, sessions: options.programs * options.sessionsPerProgram, certifications: options.certifications };
}

/** Uploads a workbook through the gateway's /files route; fails the bench unless it is IMPORTED with `expected` counts. */
async function uploadWorkbook(gatewayUrl: string, baseId: string, file: string, token: string, expected: Record<string, number>) {
  const url = `${gatewayUrl.replace(/\/graphql$/, '/files/bases/imports')}?baseId=${encodeURIComponent(baseId)}&fileName=${encodeURIComponent(path.basename(file))}`;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${token}` }, body: fs.readFileSync(file) });
  const text = await response.text();
  let answer: { status?: string; import?: Record<string, unknown> } = {};
  try {
    answer = JSON.parse(text);
  } catch {
    // not JSON: reported below as it is
  }
  if (answer.status !== 'IMPORTED' || Object.entries(expected).some(([k, n]) => answer.import?.[k] !== n)) {
    throw new Error(`import of ${path.basename(file)}: expected IMPORTED with ${JSON.stringify(expected)}, got HTTP ${response.status} ${text.slice(0, 500)}`);
  }
}

/** How many fields `TEMPLATE` has, read from the JSON file the statistics subgraph loads (TEMPLATES_DIR or subgraphs/statistics/templates). */
function templateFieldCount(): number {
  const dir = process.env.TEMPLATES_DIR ? path.resolve(process.env.TEMPLATES_DIR) : path.join(ROOT, 'subgraphs', 'statistics', 'templates');
  return (JSON.parse(fs.readFileSync(path.join(dir, `${TEMPLATE}.json`), 'utf8')) as { fields: unknown[] }).fields.length;
}

/**
 * Completes the demo group's returns for YEAR: the secretariat opens the collection round, the
 * school saves and submits its return, the secretariat approves it. Fails the bench, printing the
 * errors, if `filled(TEMPLATE)` is still blocked.
 */
async function approveSchoolReturn(gatewayUrl: string, secretariatToken: string, schoolToken: string) {
  const vars = { groupId: DEMO.groupId, year: YEAR };
  await callGateway(gatewayUrl, 'mutation($input: OpenRoundInput!) { openCollectionRound(input: $input) { id } }', { input: { ...vars, dueOn: `${YEAR + 1}-03-31` } }, secretariatToken);
  const input = { enrolledStudents: 8000, fullTimeTeachers: 400, graduates: 2500, employedGraduates: 2350 };
  await callGateway(gatewayUrl, 'mutation($groupId: ID!, $year: Int!, $input: AnnualReturnInput!) { saveAnnualReturn(groupId: $groupId, year: $year, input: $input) { id } }', { ...vars, input }, schoolToken);
  const { submitAnnualReturn } = await callGateway(gatewayUrl, 'mutation($groupId: ID!, $year: Int!) { submitAnnualReturn(groupId: $groupId, year: $year) { id } }', vars, schoolToken);
  await callGateway(gatewayUrl, 'mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }', { id: submitAnnualReturn.id }, secretariatToken);
  const { annualReport } = await callGateway(gatewayUrl, `query($groupId: ID!, $year: Int!) { annualReport(groupId: $groupId, year: $year) { filled(template: "${TEMPLATE}") { blocked errors { field message } } } }`, vars, secretariatToken);
  if (annualReport?.filled?.blocked !== false) throw new Error(`${TEMPLATE} for the demo group is blocked after the school's return was approved: ${JSON.stringify(annualReport?.filled?.errors)}`);
}

/** Groups the report-building measurement covers: the demo group and the ones `registerBenchGroups` adds. */
const REPORT_GROUPS = 100;

/** The member units each bench group gets: a school and two enterprises. */
const BENCH_MEMBER_TYPES = ['HIGHER_VOCATIONAL', 'ENTERPRISE', 'ENTERPRISE'];

/** A valid USCC unique in the bench: '91370100MA', the 7-digit `n`, the check character. */
function benchUscc(n: number): string {
  const first17 = `91370100MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

/**
 * Registers `count` more groups as an authority (codes bench-001 …, REGIONAL), each with the
 * member units of BENCH_MEMBER_TYPES registered by the group's own secretariat (joined in YEAR,
 * so they count in its report). Returns the new groups' ids.
 */
async function registerBenchGroups(gatewayUrl: string, jwtSecret: string, authorityToken: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let g = 1; g <= count; g += 1) {
    const code = `bench-${String(g).padStart(3, '0')}`;
    const input = { code, name: `压测区域职业教育集团 ${code}（演示）`, type: 'REGIONAL', region: '370100' };
    const { registerGroup } = await callGateway(gatewayUrl, 'mutation($input: RegisterGroupInput!) { registerGroup(input: $input) { id } }', { input }, authorityToken);
    const secretariat = await mintToken(jwtSecret, { sub: `bench-secretariat-${code}`, roles: ['SECRETARIAT'], groups: [registerGroup.id] });
    for (const [m, type] of BENCH_MEMBER_TYPES.entries()) {
      const organization = { uscc: benchUscc((g - 1) * BENCH_MEMBER_TYPES.length + m + 1), name: `压测成员单位 ${code}-${m + 1}（演示）`, type, region: '370102', industry: type === 'ENTERPRISE' ? '通用设备制造业' : '职业教育' };
      await callGateway(gatewayUrl, 'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }', { input: { groupId: registerGroup.id, organization, joinedOn: `${YEAR}-01-15` } }, secretariat);
    }
    ids.push(registerGroup.id);
  }
  return ids;
}

/**
 * Builds the full report of every group, `parallel` at a time, through the gateway; fails the
 * bench on an answer with errors or without every field of the template. Returns the seconds taken.
 */
async function timeReports(gatewayUrl: string, token: string, groupIds: string[], parallel: number, fieldCount: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < groupIds.length) {
      const groupId = groupIds[next++];
      const data = await callGateway(gatewayUrl, FULL_REPORT, { groupId, year: YEAR }, token).catch((error: Error) => {
        throw new Error(`full report of group ${groupId}: ${error.message}`);
      });
      const fields = data?.annualReport?.filled?.fields;
      if (fields?.length !== fieldCount) throw new Error(`full report of group ${groupId}: expected ${fieldCount} ${TEMPLATE} fields, got ${JSON.stringify(data).slice(0, 300)}`);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: parallel }, worker));
  return Math.round((Number(process.hrtime.bigint() - started) / 1e9) * 100) / 100;
}

/** Peak resident set (VmHWM) of a process in MB, from /proc (Linux; NaN elsewhere). */
function peakRssMB(pid: number): number {
  try {
    const kB = /^VmHWM:\s*(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB ? Math.round(Number(kB) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

interface ImportMeasurement {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakMemoryMB: number;
  memoryGrowthMB: number;
}

/** Imports one 100,000-row workbook and measures its time and the bases process's peak memory. */
async function measureImport(gatewayUrl: string, baseId: string, file: string, token: string, basesPid: number): Promise<ImportMeasurement> {
  const expected = await writeBenchWorkbook(file, 'B1-', IMPORT_ROWS, 0);
  const before = peakRssMB(basesPid);
  const started = process.hrtime.bigint();
  await uploadWorkbook(gatewayUrl, baseId, file, token, expected);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(file, { force: true });
  const peak = peakRssMB(basesPid);
  return { rows: expected.trainees, seconds: Math.round(elapsed * 100) / 100, rowsPerSecond: Math.round(expected.trainees / elapsed), peakMemoryMB: peak, memoryGrowthMB: peak - before };
}

/**
 * Fills the base's year up to `target` trainee rows (`imported` are there already) with more
 * generated workbooks of up to 100,000 rows (not measured). Returns the rows now in the year.
 */
async function fillYear(gatewayUrl: string, baseId: string, dir: string, token: string, imported: number, target: number): Promise<number> {
  for (let n = 2; imported < target; n += 1) {
    const rows = Math.min(IMPORT_ROWS, target - imported);
    const file = path.join(dir, `bench-ledger-${n}.xlsx`);
    const expected = await writeBenchWorkbook(file, `B${n}-`, rows, imported);
    await uploadWorkbook(gatewayUrl, baseId, file, token, expected);
    fs.rmSync(file, { force: true });
    imported += expected.trainees;
    process.stdout.write(`filling ${YEAR}: ${thousands(imported)} / ${thousands(target)} trainee rows\n`);
  }
  return imported;
}

/** The soak's read of the annual report: the membership and training totals. */
const SOAK_ANNUAL = /* GraphQL */ `
  query SoakAnnual($groupId: ID!, $year: Int!) {
    annualReport(groupId: $groupId, year: $year) { membership { total } training { personTimes } }
  }
`;

/** The soak's ledger read: totals by month over every base the viewer sees. */
const SOAK_TOTALS = /* GraphQL */ `
  query SoakTotals($year: Int!) {
    trainingTotals(by: MONTH, filter: { year: $year }) { key sessions personTimes }
  }
`;

/** The soak's write: idempotent (a unit's second read of a notice changes nothing). */
const SOAK_MARK_READ = 'mutation SoakMarkRead($id: ID!) { markNoticeRead(id: $id) { id } }';

/** The demo group's fourth notice, which no unit has read in the seed. */
const SOAK_NOTICE_ID = demoId('notice', `${DEMO.groupCode}:4`);

/** The subgraph the soak restarts. */
const SOAK_RESTART = 'resources';

/** What the soak checks is unchanged afterwards, read through the gateway. */
const SOAK_STATE = /* GraphQL */ `
  query SoakState($groupId: ID!, $year: Int!, $noticeId: ID!) {
    group(id: $groupId) { members(first: 1) { totalCount } }
    resources(first: 1) { totalCount }
    trainingTotals(by: MONTH, filter: { year: $year }) { key sessions personTimes }
    annualReport(groupId: $groupId, year: $year) { membership { total } training { personTimes } }
    notice(id: $noticeId) { readCount }
  }
`;

/** Resident set (VmRSS) and its peak (VmHWM) of a process in MB, from /proc (Linux; NaN elsewhere). */
function memoryMB(pid: number | undefined): { rss: number; hwm: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => {
      const kB = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(status)?.[1];
      return kB ? Math.round(Number(kB) / 1024) : NaN;
    };
    return { rss: mb('VmRSS'), hwm: mb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

type SoakPhase = 'beforeRestart' | 'duringRestart' | 'afterRestart';

interface SoakMemory {
  pid?: number;
  beforeMB: number;
  afterMB: number;
  peakMB: number;
  growthMB: number;
  /** RSS every 5 s during the soak (the restarted subgraph's new process once it is up). */
  samplesMB: number[];
  /** The lowest and highest of the samples (RSS saws up and down with V8's collections: before → after alone can mislead). */
  lowMB: number;
  highMB: number;
  /** The restarted subgraph only: its old process's peak, its new pid and RSS when it was ready, and growth since then. */
  restarted?: { oldPid?: number; oldPeakMB: number; newPid?: number; readyMB: number; growthSinceReadyMB: number };
}

interface SoakResult {
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  /** Responses whose GraphQL errors carry the code (each code counted once per response). */
  errorsByCode: Record<string, number>;
  statusCounts: Record<string, number>;
  /** Connection errors and timeouts as autocannon counts them (no response at all). */
  connectionErrors: number;
  timeouts: number;
  byRequest: Record<string, { requests: number; withErrors: number; non2xx: number }>;
  /** Responses with errors (or non-2xx) before SIGTERM, between SIGTERM and /ready, and after. */
  byPhase: Record<SoakPhase, { requests: number; failed: number; errorsByCode: Record<string, number> }>;
  /** Seconds after the restarted subgraph was ready when the last failed response arrived; null if none came after. */
  lastFailureAfterReadySeconds: number | null;
  restart: SubgraphRestart & { atSeconds: number };
  memory: Record<string, SoakMemory>;
  before: unknown;
  after: unknown;
  gatewayReady: number;
  intact: boolean;
  problems: string[];
}

/**
 * The soak: BENCH_SOAK_SECONDS of mixed reads and writes through the gateway while SOAK_RESTART is
 * restarted at a third of the time; see the comment at the top.
 */
async function soak(hub: RunningHub, env: NodeJS.ProcessEnv, tokens: { secretariat: string; member: string; reporter: string }): Promise<SoakResult> {
  const gatewayUrl = new URL(hub.gatewayUrl);
  const readyUrl = new URL('/ready', gatewayUrl).toString();
  const vars = { groupId: DEMO.groupId, year: YEAR };
  const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const state = async () => {
    const data = await callGateway(hub.gatewayUrl, SOAK_STATE, { ...vars, noticeId: SOAK_NOTICE_ID }, tokens.secretariat);
    const read = await callGateway(hub.gatewayUrl, 'query($id: ID!) { notice(id: $id) { readByMyOrganization } }', { id: SOAK_NOTICE_ID }, tokens.member);
    return { ...data, readByMember: read.notice?.readByMyOrganization };
  };
  const before = await state();
  if (!before.notice) throw new Error(`soak: demo notice ${SOAK_NOTICE_ID} not found`);

  const requestDefs = [
    { name: 'member list page (secretariat)', token: tokens.secretariat, body: { query: MEMBER_PAGE, variables: { groupId: DEMO.groupId } } },
    { name: 'resource search page (member)', token: tokens.member, body: { query: RESOURCE_PAGE } },
    { name: 'trainingTotals by month (secretariat)', token: tokens.secretariat, body: { query: SOAK_TOTALS, variables: { year: YEAR } } },
    { name: 'annualReport membership+training (reporter)', token: tokens.reporter, body: { query: SOAK_ANNUAL, variables: vars } },
    { name: 'markNoticeRead (member, write)', token: tokens.member, body: { query: SOAK_MARK_READ, variables: { id: SOAK_NOTICE_ID } } },
  ];
  // Every kind answers without errors before the soak, or its counts would mean nothing.
  for (const def of requestDefs) await callGateway(hub.gatewayUrl, def.body.query, (def.body as { variables?: Record<string, unknown> }).variables ?? {}, def.token);

  const statusCounts: Record<string, number> = {};
  const errorsByCode: Record<string, number> = {};
  const byRequest: SoakResult['byRequest'] = Object.fromEntries(requestDefs.map((d) => [d.name, { requests: 0, withErrors: 0, non2xx: 0 }]));
  const byPhase: SoakResult['byPhase'] = {
    beforeRestart: { requests: 0, failed: 0, errorsByCode: {} },
    duringRestart: { requests: 0, failed: 0, errorsByCode: {} },
    afterRestart: { requests: 0, failed: 0, errorsByCode: {} },
  };
  let restartStarted = Infinity;
  let restartReady = Infinity;
  let lastFailure = -Infinity;
  let total = 0;
  const count = (target: Record<string, number>, key: string) => (target[key] = (target[key] ?? 0) + 1);
  const onResponse = (name: string) => (status: number, body: string) => {
    const now = performance.now();
    const phase: SoakPhase = now < restartStarted ? 'beforeRestart' : now < restartReady ? 'duringRestart' : 'afterRestart';
    total += 1;
    byRequest[name].requests += 1;
    byPhase[phase].requests += 1;
    count(statusCounts, String(status));
    let codes: string[] = [];
    if (status < 200 || status >= 300) {
      byRequest[name].non2xx += 1;
      codes = [`HTTP_${status}`];
    } else if (body.includes('"errors"')) {
      try {
        const json = JSON.parse(body) as { errors?: { extensions?: { code?: string } }[] };
        codes = [...new Set((json.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE'))];
      } catch {
        codes = ['UNPARSEABLE_BODY'];
      }
      if (codes.length) byRequest[name].withErrors += 1;
    }
    if (!codes.length) return;
    byPhase[phase].failed += 1;
    lastFailure = now;
    for (const code of codes) {
      if (!code.startsWith('HTTP_')) count(errorsByCode, code);
      count(byPhase[phase].errorsByCode, code);
    }
  };

  // Memory before, then a sample every 5 s of whichever process each name has now.
  const names = [...hub.processes.keys()];
  const pidOf = (name: string) => hub.processes.get(name)?.pid;
  const beforeMemory = Object.fromEntries(names.map((name) => [name, { pid: pidOf(name), ...memoryMB(pidOf(name)) }]));
  const samples: Record<string, number[]> = Object.fromEntries(names.map((name) => [name, []]));
  const sampler = setInterval(() => names.forEach((name) => samples[name].push(memoryMB(pidOf(name)).rss)), 5000);

  let oldPeakMB = NaN;
  let readyMB = NaN;
  let restart: Promise<{ ok?: SubgraphRestart; error?: Error }> | undefined;
  const soakStarted = performance.now();
  const restartTimer = setTimeout(() => {
    oldPeakMB = memoryMB(pidOf(SOAK_RESTART)).hwm;
    process.stdout.write(`soak: restarting the ${SOAK_RESTART} subgraph (SIGTERM, same port and database)\n`);
    restartStarted = performance.now();
    restart = restartSubgraph(hub, SOAK_RESTART, env, (service, line) => process.stderr.write(`[${service}] ${line}\n`)).then(
      (ok) => {
        restartReady = performance.now();
        readyMB = memoryMB(pidOf(SOAK_RESTART)).rss;
        process.stdout.write(`soak: ${SOAK_RESTART} back after ${ok.downSeconds} s (${ok.graceful ? 'exited by itself on SIGTERM' : `killed: code ${ok.exitCode}, signal ${ok.exitSignal}`})\n`);
        return { ok };
      },
      (error: Error) => ({ error }),
    );
  }, (soakSeconds * 1000) / 3);

  let result: autocannon.Result;
  try {
    result = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: hub.gatewayUrl,
          connections,
          duration: soakSeconds,
          requests: requestDefs.map((def) => ({
            method: 'POST' as const,
            path: gatewayUrl.pathname,
            headers: headers(def.token),
            body: JSON.stringify(def.body),
            onResponse: onResponse(def.name),
          })),
        },
        (error, done) => (error ? reject(error) : resolve(done)),
      );
    });
  } finally {
    clearTimeout(restartTimer);
  }
  const outcome = restart ? await restart : { error: new Error(`the soak ended before the ${SOAK_RESTART} restart began`) };
  clearInterval(sampler);
  if (!outcome.ok) throw new Error(`soak: restarting ${SOAK_RESTART} failed: ${outcome.error?.message}`);

  const afterMemory = Object.fromEntries(names.map((name) => [name, { pid: pidOf(name), ...memoryMB(pidOf(name)) }]));
  const memory: Record<string, SoakMemory> = Object.fromEntries(
    names.map((name) => {
      const m: SoakMemory = {
        pid: afterMemory[name].pid,
        beforeMB: beforeMemory[name].rss,
        afterMB: afterMemory[name].rss,
        peakMB: afterMemory[name].hwm,
        growthMB: afterMemory[name].rss - beforeMemory[name].rss,
        samplesMB: samples[name],
        lowMB: Math.min(...samples[name], afterMemory[name].rss),
        highMB: Math.max(...samples[name], afterMemory[name].rss),
      };
      if (name === SOAK_RESTART) m.restarted = { oldPid: beforeMemory[name].pid, oldPeakMB, newPid: afterMemory[name].pid, readyMB, growthSinceReadyMB: afterMemory[name].rss - readyMB };
      return [name, m];
    }),
  );

  // Nothing lost: the same counts, the notice read exactly once, the gateway ready, every kind answering.
  const problems: string[] = [];
  const gatewayReady = await fetch(readyUrl).then((r) => r.status, () => 0);
  if (gatewayReady !== 200) problems.push(`gateway /ready answered ${gatewayReady}`);
  const after = await state();
  const expectedAfter = { ...before, notice: { readCount: before.readByMember ? before.notice.readCount : before.notice.readCount + 1 }, readByMember: true };
  if (JSON.stringify(after) !== JSON.stringify(expectedAfter)) problems.push(`state after the soak ${JSON.stringify(after)} is not ${JSON.stringify(expectedAfter)}`);
  for (const def of requestDefs) {
    await callGateway(hub.gatewayUrl, def.body.query, (def.body as { variables?: Record<string, unknown> }).variables ?? {}, def.token).catch((error: Error) => problems.push(`${def.name} after the soak: ${error.message.slice(0, 300)}`));
  }

  const round = (n: number) => Math.round(n * 100) / 100;
  const duration = result.duration || soakSeconds;
  return {
    seconds: soakSeconds,
    connections,
    requests: total,
    requestsPerSecond: round(total / duration),
    errorsByCode,
    statusCounts,
    connectionErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    byRequest,
    byPhase,
    lastFailureAfterReadySeconds: lastFailure > restartReady ? round((lastFailure - restartReady) / 1000) : null,
    restart: { ...outcome.ok, atSeconds: round((restartStarted - soakStarted) / 1000) },
    memory,
    before,
    after,
    gatewayReady,
    intact: problems.length === 0,
    problems,
  };
}

/** Lines about the soak under the table in latest.md (and on stdout). */
function soakLines(s: SoakResult): string[] {
  const list = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${k} ${thousands(n)}`).join(', ') || 'none';
  const r = s.restart;
  const phase = (p: SoakPhase) => `${thousands(s.byPhase[p].failed)} of ${thousands(s.byPhase[p].requests)}${s.byPhase[p].failed ? ` (${list(s.byPhase[p].errorsByCode)})` : ''}`;
  return [
    `Soak: ${s.seconds} s × ${s.connections} connections of mixed reads and writes through the gateway: ${thousands(s.requests)} requests (${s.requestsPerSecond} req/s); HTTP statuses ${list(s.statusCounts)}; GraphQL errors by code ${list(s.errorsByCode)}; connection errors ${s.connectionErrors}, timeouts ${s.timeouts}.`,
    `Soak restart of ${r.subgraph} at ${r.atSeconds} s: ${r.graceful ? 'exited by itself' : `killed (code ${r.exitCode}, signal ${r.exitSignal})`} ${r.stopSeconds} s after SIGTERM, ready again after ${r.downSeconds} s. Failed responses before the restart ${phase('beforeRestart')}, while it was down ${phase('duringRestart')}, after it was ready ${phase('afterRestart')}${s.lastFailureAfterReadySeconds !== null ? `; the last failure came ${s.lastFailureAfterReadySeconds} s after it was ready` : ''}.`,
    `Soak memory (RSS before → after, range of 5-s samples, process peak; MB): ${Object.entries(s.memory)
      .map(([name, m]) => `${name} ${m.beforeMB} → ${m.afterMB} (${m.growthMB >= 0 ? '+' : ''}${m.growthMB}), ${m.lowMB}–${m.highMB}, peak ${m.peakMB}${m.restarted ? ` [restarted: new process ${m.restarted.readyMB} when ready, ${m.restarted.growthSinceReadyMB >= 0 ? '+' : ''}${m.restarted.growthSinceReadyMB} since; old process peak ${m.restarted.oldPeakMB}]` : ''}`)
      .join('; ')}.`,
    `Soak data intact: ${s.intact ? 'yes' : `NO — ${s.problems.join('; ')}`} (members ${(s.after as any)?.group?.members?.totalCount}, resources ${(s.after as any)?.resources?.totalCount}, notice read count ${(s.before as any)?.notice?.readCount} → ${(s.after as any)?.notice?.readCount}, gateway /ready ${s.gatewayReady}).`,
  ];
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bench-'));
  // The load comes from one client: the per-client rate limit would measure itself, not the hub.
  const env = { GATEWAY_SECRET: randomBytes(32).toString('base64url'), JWT_SECRET: randomBytes(32).toString('base64url'), PII_KEY: randomBytes(32).toString('base64'), DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000' };
  const subgraphPorts = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (s) => [s.name, await freePort()] as const)));
  process.stdout.write(`starting the hub (data in ${dataDir}) …\n`);
  const hub = await launchHub({ env, gatewayPort: await freePort(), subgraphPorts, seed: true, onOutput: (service, line) => process.stderr.write(`[${service}] ${line}\n`) });
  try {
    await postBenchResources(hub.gatewayUrl, env.JWT_SECRET);
    const claims = { sub: 'bench-secretariat', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId };
    const token = await mintToken(env.JWT_SECRET, claims);
    const gateway = { url: hub.gatewayUrl, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
    const variables = { groupId: DEMO.groupId };
    const memberRows = (data: any) => data?.group?.members?.edges;
    const scenarios: Scenario[] = [
      { name: 'member list page (50 rows with memberships) via gateway', ...gateway, body: JSON.stringify({ query: MEMBER_PAGE, variables }), check: fiftyRows(memberRows) },
      {
        name: 'same query straight to the members subgraph',
        url: hub.subgraphUrls.members,
        // Signed when the scenario is measured: a signed identity is accepted for IDENTITY_MAX_AGE_MS (60 s), so BENCH_SECONDS stays below that.
        get headers() {
          return { 'content-type': 'application/json', [SECRET_HEADER]: env.GATEWAY_SECRET, [IDENTITY_HEADER]: signIdentity(claims, env.GATEWAY_SECRET) };
        },
        body: JSON.stringify({ query: MEMBER_PAGE, variables }),
        check: fiftyRows(memberRows),
      },
      { name: 'resource search page (50 rows with provider names through federation) via gateway', ...gateway, body: JSON.stringify({ query: RESOURCE_PAGE }), check: fiftyRows((data: any) => data?.resources?.edges) },
      { name: 'member list page with each member’s resources via gateway', ...gateway, body: JSON.stringify({ query: MEMBERS_WITH_RESOURCES, variables }), check: fiftyRows(memberRows) },
    ];
    const results: Measurement[] = [];
    for (const scenario of scenarios) {
      process.stdout.write(`measuring: ${scenario.name} (${seconds}s, ${connections} connections)\n`);
      results.push(await measure(scenario));
    }

    // Ledgers: one measured import, then a year of BENCH_TRAINEES trainee rows to query.
    const school = await mintToken(env.JWT_SECRET, { sub: 'bench-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
    const baseId = await registerBenchBase(hub.gatewayUrl, school, token);
    process.stdout.write(`measuring: import of a ${thousands(IMPORT_ROWS)}-row roster workbook through the gateway\n`);
    const imported = await measureImport(hub.gatewayUrl, baseId, path.join(dataDir, 'bench-ledger-1.xlsx'), school, hub.processes.get('bases')!.pid!);
    const trainees = await fillYear(hub.gatewayUrl, baseId, dataDir, school, imported.rows, Math.ceil(benchTrainees / 2000) * 2000);
    const reporter = await mintToken(env.JWT_SECRET, { sub: 'bench-reporter', roles: ['REPORTER'], groups: [DEMO.groupId] });
    const ledgerScenarios: Scenario[] = [
      {
        name: `ledger totals by month over a year of ${thousands(trainees)} trainee rows`,
        ...gateway,
        body: JSON.stringify({ query: LEDGER_TOTALS, variables: { baseId, year: YEAR } }),
        check: (data: any) => data?.trainingTotals?.length === 12 && data.trainingTotals.reduce((sum: number, row: any) => sum + row.personTimes, 0) === trainees,
      },
      {
        name: `annual report training section (${thousands(trainees)} trainee rows)`,
        ...gateway,
        headers: { ...gateway.headers, authorization: `Bearer ${reporter}` },
        body: JSON.stringify({ query: ANNUAL_TRAINING, variables: { groupId: DEMO.groupId, year: YEAR } }),
        check: (data: any) => data?.annualReport?.training?.personTimes >= trainees,
      },
      {
        name: 'Organization.trainingSummary for a page of 50 members via gateway',
        ...gateway,
        body: JSON.stringify({ query: MEMBERS_WITH_TRAINING, variables: { groupId: DEMO.groupId, year: YEAR } }),
        check: (data: any) => fiftyRows(memberRows)(data) && memberRows(data).every((edge: any) => edge.node.organization?.trainingSummary),
      },
    ];
    for (const scenario of ledgerScenarios) {
      process.stdout.write(`measuring: ${scenario.name} (${seconds}s, ${connections} connections)\n`);
      results.push(await measure(scenario));
    }

    // The full annual report: the demo group's returns approved, then one group, then 100 groups.
    await approveSchoolReturn(hub.gatewayUrl, token, school);
    const fieldCount = templateFieldCount();
    const fullReport: Scenario = {
      name: `full annual report with filled(${TEMPLATE}), one group, ${thousands(trainees)} trainee rows`,
      ...gateway,
      headers: { ...gateway.headers, authorization: `Bearer ${reporter}` },
      body: JSON.stringify({ query: FULL_REPORT, variables: { groupId: DEMO.groupId, year: YEAR } }),
      check: (data: any) => data?.annualReport?.filled?.fields?.length === fieldCount && data.annualReport.training?.personTimes >= trainees,
    };
    process.stdout.write(`measuring: ${fullReport.name} (${seconds}s, ${connections} connections)\n`);
    results.push(await measure(fullReport));
    const authority = await mintToken(env.JWT_SECRET, { sub: 'bench-authority', roles: ['AUTHORITY'], groups: [] });
    process.stdout.write(`registering ${REPORT_GROUPS - 1} more groups with ${BENCH_MEMBER_TYPES.length} member units each\n`);
    const groupIds = [DEMO.groupId, ...(await registerBenchGroups(hub.gatewayUrl, env.JWT_SECRET, authority, REPORT_GROUPS - 1))];
    process.stdout.write(`measuring: full annual reports of ${groupIds.length} groups, one after another and ten at a time\n`);
    const sequentialSeconds = await timeReports(hub.gatewayUrl, authority, groupIds, 1, fieldCount);
    const parallelSeconds = await timeReports(hub.gatewayUrl, authority, groupIds, 10, fieldCount);
    const perSecond = (s: number) => Math.round((groupIds.length / s) * 10) / 10;
    const reports100 = { sequentialSeconds, parallelSeconds, groups: groupIds.length, sequentialReportsPerSecond: perSecond(sequentialSeconds), parallelReportsPerSecond: perSecond(parallelSeconds) };
    let soakResult: SoakResult | undefined;
    if (soakSeconds > 0) {
      const member = await mintToken(env.JWT_SECRET, { sub: 'bench-member', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
      process.stdout.write(`soak: mixed workload for ${soakSeconds}s (${connections} connections), ${SOAK_RESTART} restarted at a third of the time\n`);
      soakResult = await soak(hub, env, { secretariat: token, member, reporter });
    }
    const [viaGateway, direct] = results; // the first two scenarios: the same query with and without the gateway
    const report = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, database: 'SQLite (embedded)' },
      results,
      gatewayOverhead: { throughputRatio: Math.round((direct.requestsPerSecond / viaGateway.requestsPerSecond) * 100) / 100, p50Ratio: Math.round((viaGateway.p50 / direct.p50) * 100) / 100 },
      import: imported,
      reports100,
      ...(soakResult ? { soak: soakResult } : {}),
    };
    const table = [
      '| scenario | req/s | p50 ms | p95 ms | p99 ms | requests | errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...results.map((r) => `| ${r.scenario} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.requests} | ${r.errors} |`),
      '',
      `Gateway overhead: the subgraph alone serves ${report.gatewayOverhead.throughputRatio}× the gateway's requests/s; gateway p50 is ${report.gatewayOverhead.p50Ratio}× the subgraph's.`,
      `Import of a ${thousands(imported.rows)}-row roster workbook through the gateway: ${thousands(imported.rowsPerSecond)} rows/s (${imported.seconds} s); bases process peak RSS ${imported.peakMemoryMB} MB (+${imported.memoryGrowthMB} MB).`,
      `Full annual reports of ${reports100.groups} groups through the gateway: ${sequentialSeconds} s one after another (${reports100.sequentialReportsPerSecond} reports/s), ${parallelSeconds} s ten at a time (${reports100.parallelReportsPerSecond} reports/s).`,
      ...(soakResult ? soakLines(soakResult) : []),
      `${report.date} · ${report.machine.cpus} CPUs · ${report.machine.cpu} · Node ${report.machine.node} · ${report.machine.database} · ${seconds}s × ${connections} connections per scenario`,
    ].join('\n');
    const out = path.join(ROOT, 'bench', 'results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(path.join(out, 'latest.md'), `${table}\n`);
    process.stdout.write(`\n${table}\n\nwritten to bench/results/latest.json and latest.md\n`);
  } finally {
    await hub.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
