import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DEMO } from '@zjjt/demo';
import { freePorts, launchHub } from '../scripts/lib/launch';
import { mintToken } from '../scripts/lib/tokens';
import { SUBGRAPHS } from '../scripts/services';
import { benchTrainees, connections, peersOnly, seconds, soakSeconds, TEMPLATE, thousands, YEAR } from './config';
import { comparePeers, peerLine } from './compare';
import {
  approveSchoolReturn,
  BENCH_MEMBER_TYPES,
  fillYear,
  IMPORT_ROWS,
  postBenchResources,
  registerBenchBase,
  registerBenchGroups,
  REPORT_GROUPS,
  templateFieldCount,
} from './fixtures';
import { fiftyRows, measure, Measurement, measureImport, Scenario, timeReports } from './measure';
import { ANNUAL_TRAINING, FULL_REPORT, LEDGER_TOTALS, MEMBER_PAGE, MEMBERS_WITH_RESOURCES, MEMBERS_WITH_TRAINING, RESOURCE_PAGE } from './queries';
import { writeReport } from './report';
import { soak, SOAK_RESTART, SoakResult } from './soak';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';

/**
 * `npm run bench` (scripts/bench.ts runs `main`): starts the hub on a fresh copy of the demo data (plus 60 resources posted through
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

/** Runs the whole bench and writes bench/results/latest.{json,md}. */
export async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bench-'));
  // The load comes from one client: the per-client rate limit would measure itself, not the hub.
  const env = {
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
  };
  const output = (service: string, line: string) => process.stderr.write(`[${service}] ${line}\n`);
  const [gatewayPort, ...ports] = await freePorts(SUBGRAPHS.length + 1);
  const subgraphPorts = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, ports[i]]));
  process.stdout.write(`starting the hub (data in ${dataDir}) …\n`);
  const hub = await launchHub({
    env,
    gatewayPort,
    subgraphPorts,
    seed: true,
    onOutput: output,
  });
  try {
    await postBenchResources(hub.gatewayUrl, env.JWT_SECRET);
    const claims = { sub: 'bench-secretariat', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId };
    const token = await mintToken(env.JWT_SECRET, claims);
    const gateway = { url: hub.gatewayUrl, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
    const peers = await comparePeers(hub, env.GATEWAY_SECRET, claims, token, DEMO.groupId, output);
    process.stdout.write(`${peerLine(peers)}\n`);
    if (peersOnly) return;
    const variables = { groupId: DEMO.groupId };
    const memberRows = (data: any) => data?.group?.members?.edges;
    const scenarios: Scenario[] = [
      {
        name: 'member list page (50 rows with memberships) via gateway',
        ...gateway,
        body: JSON.stringify({ query: MEMBER_PAGE, variables }),
        check: fiftyRows(memberRows),
      },
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
      {
        name: 'resource search page (50 rows with provider names through federation) via gateway',
        ...gateway,
        body: JSON.stringify({ query: RESOURCE_PAGE }),
        check: fiftyRows((data: any) => data?.resources?.edges),
      },
      {
        name: 'member list page with each member’s resources via gateway',
        ...gateway,
        body: JSON.stringify({ query: MEMBERS_WITH_RESOURCES, variables }),
        check: fiftyRows(memberRows),
      },
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
        check: (data: any) =>
          data?.trainingTotals?.length === 12 && data.trainingTotals.reduce((sum: number, row: any) => sum + row.personTimes, 0) === trainees,
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
    const authority = await mintToken(env.JWT_SECRET, { sub: 'bench-authority', roles: ['AUTHORITY'], groups: [], region: '37' });
    process.stdout.write(`registering ${REPORT_GROUPS - 1} more groups with ${BENCH_MEMBER_TYPES.length} member units each\n`);
    const groupIds = [DEMO.groupId, ...(await registerBenchGroups(hub.gatewayUrl, env.JWT_SECRET, authority, REPORT_GROUPS - 1))];
    process.stdout.write(`measuring: full annual reports of ${groupIds.length} groups, one after another and ten at a time\n`);
    // Read by a secretariat of all the groups: the gateway's region list (regions.ts) shows the
    // authority groups registered in this run only once it is read again (REGION_DIRECTORY_TTL_MS).
    const reader = await mintToken(env.JWT_SECRET, { sub: 'bench-reports', roles: ['SECRETARIAT'], groups: groupIds });
    const sequentialSeconds = await timeReports(hub.gatewayUrl, reader, groupIds, 1, fieldCount);
    const parallelSeconds = await timeReports(hub.gatewayUrl, reader, groupIds, 10, fieldCount);
    const perSecond = (s: number) => Math.round((groupIds.length / s) * 10) / 10;
    const reports100 = {
      sequentialSeconds,
      parallelSeconds,
      groups: groupIds.length,
      sequentialReportsPerSecond: perSecond(sequentialSeconds),
      parallelReportsPerSecond: perSecond(parallelSeconds),
    };
    let soakResult: SoakResult | undefined;
    if (soakSeconds > 0) {
      const member = await mintToken(env.JWT_SECRET, { sub: 'bench-member', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
      process.stdout.write(`soak: mixed workload for ${soakSeconds}s (${connections} connections), ${SOAK_RESTART} restarted at a third of the time\n`);
      soakResult = await soak(hub, env, { secretariat: token, member, reporter });
    }
    writeReport({ results, imported, reports100, soak: soakResult });
  } finally {
    await hub.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
