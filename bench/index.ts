import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { isDeepStrictEqual } from 'node:util';
import { DEMO } from '@zjjt/demo';
import { freePorts, launchHub, RunningHub } from '../scripts/lib/launch';
import { devSecrets, ROOT } from '../scripts/lib/secrets';
import { mintToken } from '../scripts/lib/tokens';
import { SUBGRAPHS } from '../scripts/services';
import { callGateway } from '../bot/gateway';
import {
  benchTrainees,
  connections,
  dataset,
  idleSeconds,
  peersOnly,
  quick,
  seeded,
  reportGroups,
  seconds,
  soakSeconds,
  TEMPLATE,
  thousands,
  YEAR,
} from './config';
import { comparePeers, peerLine } from './compare';
import { approveSchoolReturn, BENCH_MEMBER_TYPES, fillYear, postBenchResources, registerBenchBase, registerBenchGroups, templateFieldCount } from './fixtures';
import { fiftyRows, measure, measureImport, Scenario, timeReports } from './measure';
import { ANNUAL_TRAINING, FULL_REPORT, LEDGER_TOTALS, MEMBER_PAGE, MEMBERS_WITH_RESOURCES, MEMBERS_WITH_TRAINING, RESOURCE_PAGE, ROLLUP } from './queries';
import { BenchRun, writeReport } from './report';
import { memoryMB } from './processes';
import { DEMO_SOAK_TARGET, findSoakTarget, soak, SOAK_RESTART, soakMemberToken, SoakTarget } from './soak';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';

/**
 * `npm run bench` (scripts/bench.ts runs `main`); docs/operations.md, "Benchmark", says what each
 * step measures. In short: the hub on a fresh copy of the demo data (or, with `--dataset province`,
 * on MariaDB after `npm run seed -- --scale province`); the gateway side by side with a stock
 * `@apollo/gateway` and the direct peer (compare.ts); the page scenarios; a 100,000-row import
 * and a year of BENCH_TRAINEES trainee rows; one group's full annual report; the province
 * roll-up when the schema has it; every group's report in sequence; the soak; each service's
 * memory once idle. Writes bench/results.json and bench/results.md, or bench/results-province.* (report.ts).
 */

/** The MariaDB the province dataset lives in: BENCH_DATABASE_URL, else DATABASE_URL. */
function provinceDatabase(): string {
  const url = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL;
  if (!url?.startsWith('mysql://'))
    throw new Error(
      '--dataset province 需要 MariaDB/MySQL：请设置 BENCH_DATABASE_URL 或 DATABASE_URL=mysql://… (the province dataset needs a MySQL-compatible database)',
    );
  return url;
}

/** Runs `npm run seed -- --scale province` into the bench's database, its output passed through; fails the bench if it fails. */
function seedProvince(env: NodeJS.ProcessEnv): Promise<void> {
  process.stdout.write('seeding the province dataset: npm run seed -- --scale province …\n');
  const child = spawn('npm', ['run', 'seed', '--', '--scale', 'province'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: 'inherit' });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run seed -- --scale province failed (exit ${code})`)))),
  );
}

/** True when the composed supergraph has `Query.<field>` (a scenario whose query is not there yet is "not available"). */
function supergraphHas(field: string): boolean {
  const sdl = fs.readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8');
  const query = /\ntype Query[^{]*\{([\s\S]*?)\n\}/.exec(sdl)?.[1] ?? '';
  return new RegExp(`^\\s+${field}[(:]`, 'm').test(query);
}

/** The group the page scenarios read and a school and an enterprise among its members (the import's base), read through the gateway. */
async function discoverGroup(hub: RunningHub, jwtSecret: string) {
  const service = await mintToken(jwtSecret, { sub: 'bench-discovery', roles: ['AUTHORITY'], groups: [], region: '37' });
  const { groups } = await callGateway(hub.gatewayUrl, '{ groups { id } }', {}, service);
  if (!groups?.length) throw new Error('no group found through the gateway: was the province dataset seeded?');
  const groupIds: string[] = groups.map((g: { id: string }) => g.id);
  const reader = await mintToken(jwtSecret, { sub: 'bench-discovery', roles: ['SECRETARIAT'], groups: [groupIds[0]] });
  const { group } = await callGateway(
    hub.gatewayUrl,
    'query($id: ID!) { group(id: $id) { members(first: 100) { edges { node { organization { id type } } } } } }',
    { id: groupIds[0] },
    reader,
  );
  const orgs: { id: string; type: string }[] = group.members.edges.map((e: any) => e.node.organization);
  const school = orgs.find((o) => o.type !== 'ENTERPRISE');
  const enterprise = orgs.find((o) => o.type === 'ENTERPRISE');
  return { groupId: groupIds[0], groupIds, schoolOrgId: school?.id, memberOrgId: enterprise?.id };
}

/**
 * The soak's group, member unit and notice: on the province dataset found through the gateway
 * (findSoakTarget); on the demo data DEMO_SOAK_TARGET, which findSoakTarget must find too (from the
 * demo enterprise), so the finding the province run relies on is exercised by every demo run.
 * Read before the bench writes anything.
 */
async function soakTargetOf(hub: RunningHub, jwtSecret: string, province: boolean, groupId: string): Promise<SoakTarget> {
  if (province) return findSoakTarget(hub.gatewayUrl, jwtSecret, groupId);
  const found = await findSoakTarget(hub.gatewayUrl, jwtSecret, DEMO_SOAK_TARGET.groupId, DEMO_SOAK_TARGET.memberOrgId);
  if (!isDeepStrictEqual(found, DEMO_SOAK_TARGET))
    throw new Error(
      `soak：在演示数据上找到的目标 ${JSON.stringify(found)} 不是 ${JSON.stringify(DEMO_SOAK_TARGET)} (findSoakTarget disagrees with the demo target)`,
    );
  return DEMO_SOAK_TARGET;
}

/** Runs the whole bench and writes its results (report.ts, writeReport). */
export async function main(): Promise<void> {
  const province = dataset === 'province';
  const databaseUrl = province ? provinceDatabase() : undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bench-'));
  // The load comes from one client: the per-client rate limit would measure itself, not the hub.
  const env: NodeJS.ProcessEnv = {
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    // The province data's personal fields are sealed with the key the seed and `npm start` use (data/dev-secrets.json).
    PII_KEY: province ? devSecrets().PII_KEY : randomBytes(32).toString('base64'),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const output = (service: string, line: string) => process.stderr.write(`[${service}] ${line}\n`);
  if (province && !seeded) await seedProvince(env);
  const [gatewayPort, ...ports] = await freePorts(SUBGRAPHS.length + 1);
  const subgraphPorts = Object.fromEntries(SUBGRAPHS.map((s, i) => [s.name, ports[i]]));
  process.stdout.write(`starting the hub (${province ? 'province dataset on MariaDB' : `demo data in ${dataDir}`}) …\n`);
  const hub = await launchHub({ env, gatewayPort, subgraphPorts, seed: !province, onOutput: output });
  const run: BenchRun = { dataset, quick, database: province ? 'MariaDB (province dataset)' : 'SQLite (embedded, demo data)', results: [] };
  try {
    const target = province
      ? await discoverGroup(hub, env.JWT_SECRET!)
      : { groupId: DEMO.groupId, groupIds: [DEMO.groupId], schoolOrgId: DEMO.schoolOrgId, memberOrgId: DEMO.memberOrgId };
    const soakTarget = soakSeconds > 0 && !peersOnly ? await soakTargetOf(hub, env.JWT_SECRET!, province, target.groupId) : undefined;
    if (!province) await postBenchResources(hub.gatewayUrl, env.JWT_SECRET!);
    const claims = { sub: 'bench-secretariat', roles: ['SECRETARIAT'], groups: [target.groupId], org: province ? null : DEMO.secretariatOrgId };
    const token = await mintToken(env.JWT_SECRET!, claims);
    const gateway = { url: hub.gatewayUrl, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
    run.peers = await comparePeers(hub, env.GATEWAY_SECRET!, claims, token, target.groupId, output);
    process.stdout.write(`${peerLine(run.peers)}\n`);
    if (peersOnly) return void writeReport(run);

    const variables = { groupId: target.groupId };
    const memberRows = (data: any) => data?.group?.members?.edges;
    // The page scenarios are not issue figures: --quick and the province run leave them out.
    const pages: Scenario[] =
      province || quick
        ? []
        : [
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
                return {
                  'content-type': 'application/json',
                  [SECRET_HEADER]: env.GATEWAY_SECRET!,
                  [IDENTITY_HEADER]: signIdentity(claims, env.GATEWAY_SECRET!),
                };
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
    for (const scenario of pages) {
      process.stdout.write(`measuring: ${scenario.name} (${seconds}s, ${connections} connections)\n`);
      run.results.push(await measure(scenario));
    }

    // Ledgers: one measured import into a base of the group's school; on the demo data, then a year of BENCH_TRAINEES trainee rows to query.
    const reporter = await mintToken(env.JWT_SECRET!, { sub: 'bench-reporter', roles: ['REPORTER'], groups: [target.groupId] });
    let trainees = 0;
    let school: string | undefined;
    if (target.schoolOrgId && target.memberOrgId) {
      school = await mintToken(env.JWT_SECRET!, { sub: 'bench-school', roles: ['MEMBER'], groups: [target.groupId], org: target.schoolOrgId });
      const baseId = await registerBenchBase(hub.gatewayUrl, school, token, target.groupId, target.schoolOrgId, target.memberOrgId);
      process.stdout.write(`measuring: import of a 100,000-row roster workbook through the gateway\n`);
      run.imported = await measureImport(hub.gatewayUrl, baseId, path.join(dataDir, 'bench-ledger-1.xlsx'), school, hub.processes.get('bases')!.pid!);
      if (!province) {
        trainees = await fillYear(hub.gatewayUrl, baseId, dataDir, school, run.imported.rows, Math.ceil(benchTrainees / 2000) * 2000);
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
            body: JSON.stringify({ query: ANNUAL_TRAINING, variables: { groupId: target.groupId, year: YEAR } }),
            check: (data: any) => data?.annualReport?.training?.personTimes >= trainees,
          },
          {
            name: 'Organization.trainingSummary for a page of 50 members via gateway',
            ...gateway,
            body: JSON.stringify({ query: MEMBERS_WITH_TRAINING, variables: { groupId: target.groupId, year: YEAR } }),
            check: (data: any) => fiftyRows(memberRows)(data) && memberRows(data).every((edge: any) => edge.node.organization?.trainingSummary),
          },
        ];
        for (const scenario of ledgerScenarios) {
          process.stdout.write(`measuring: ${scenario.name} (${seconds}s, ${connections} connections)\n`);
          run.results.push(await measure(scenario));
        }
      }
    }

    // One group's full annual report (on the demo data once its school's return is approved), then every group's.
    if (!province) await approveSchoolReturn(hub.gatewayUrl, token, school!);
    const fieldCount = templateFieldCount();
    const fullReport: Scenario = {
      name: `full annual report with filled(${TEMPLATE}), one group${trainees ? `, ${thousands(trainees)} trainee rows` : ''}`,
      ...gateway,
      headers: { ...gateway.headers, authorization: `Bearer ${reporter}` },
      body: JSON.stringify({ query: FULL_REPORT, variables: { groupId: target.groupId, year: YEAR } }),
      check: (data: any) => data?.annualReport?.filled?.fields?.length === fieldCount && data.annualReport.training?.personTimes >= trainees,
    };
    process.stdout.write(`measuring: ${fullReport.name} (${seconds}s, ${connections} connections)\n`);
    run.fullReport = await measure(fullReport);

    const authority = await mintToken(env.JWT_SECRET!, { sub: 'bench-authority', roles: ['AUTHORITY'], groups: [], region: '37' });
    if (!supergraphHas('regionReport')) run.rollup = { notAvailable: 'the supergraph has no Query.regionReport (the authority’s roll-up) yet' };
    else {
      process.stdout.write('measuring: the province roll-up (regionReport) as an authority\n');
      const started = process.hrtime.bigint();
      await callGateway(hub.gatewayUrl, ROLLUP, { year: YEAR, region: '37' }, authority);
      run.rollup = { seconds: Math.round((Number(process.hrtime.bigint() - started) / 1e9) * 100) / 100 };
    }

    let groupIds = target.groupIds.slice(0, reportGroups);
    if (!province) {
      process.stdout.write(`registering ${reportGroups - 1} more groups with ${BENCH_MEMBER_TYPES.length} member units each\n`);
      groupIds = [DEMO.groupId, ...(await registerBenchGroups(hub.gatewayUrl, env.JWT_SECRET!, authority, reportGroups - 1))];
    }
    process.stdout.write(`measuring: full annual reports of ${groupIds.length} groups, one after another and ten at a time\n`);
    // Read by a secretariat of all the groups, as each group's own users read their reports.
    const reader = await mintToken(env.JWT_SECRET!, { sub: 'bench-reports', roles: ['SECRETARIAT'], groups: groupIds });
    const sequentialSeconds = await timeReports(hub.gatewayUrl, reader, groupIds, 1, fieldCount);
    const parallelSeconds = await timeReports(hub.gatewayUrl, reader, groupIds, 10, fieldCount);
    const perSecond = (s: number) => Math.round((groupIds.length / s) * 10) / 10;
    run.reports = {
      sequentialSeconds,
      parallelSeconds,
      groups: groupIds.length,
      sequentialReportsPerSecond: perSecond(sequentialSeconds),
      parallelReportsPerSecond: perSecond(parallelSeconds),
    };
    if (soakTarget) {
      const member = await soakMemberToken(env.JWT_SECRET!, soakTarget);
      process.stdout.write(`soak: mixed workload for ${soakSeconds}s (${connections} connections), ${SOAK_RESTART} restarted at a third of the time\n`);
      run.soak = await soak(hub, env, soakTarget, { secretariat: token, member, reporter });
    }
    run.idleMemoryMB = await idleMemory(hub);
    writeReport(run);
  } finally {
    await hub.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Each process's resident memory after `idleSeconds` without load. */
async function idleMemory(hub: RunningHub): Promise<Record<string, number>> {
  process.stdout.write(`idle: ${idleSeconds}s without load, then each service's memory\n`);
  await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
  return Object.fromEntries([...hub.processes].map(([name, child]) => [name, memoryMB(child.pid).rss]));
}
