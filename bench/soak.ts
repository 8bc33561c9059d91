import autocannon from 'autocannon';
import { DEMO, demoId } from '@zjjt/demo';
import { restartSubgraph, RunningHub, SubgraphRestart } from '../scripts/lib/launch';
import { mintToken } from '../scripts/lib/tokens';
import { callGateway } from '../bot/gateway';
import { connections, soakSeconds, YEAR } from './config';
import { memoryMB } from './processes';
import { MEMBER_PAGE, RESOURCE_PAGE } from './queries';

/** The soak's read of the annual report: the membership and training totals. */
export const SOAK_ANNUAL = /* GraphQL */ `
  query SoakAnnual($groupId: ID!, $year: Int!) {
    annualReport(groupId: $groupId, year: $year) { membership { total } training { personTimes } }
  }
`;

/** The soak's ledger read: totals by month over every base the viewer sees. */
export const SOAK_TOTALS = /* GraphQL */ `
  query SoakTotals($year: Int!) {
    trainingTotals(by: MONTH, filter: { year: $year }) { key sessions personTimes }
  }
`;

/** The soak's write: idempotent (a unit's second read of a notice changes nothing). */
export const SOAK_MARK_READ = 'mutation SoakMarkRead($id: ID!) { markNoticeRead(id: $id) { id } }';

/** What the soak reads and writes: a group, an active member unit of it, and a notice of the group that unit marks read. */
export interface SoakTarget {
  groupId: string;
  /** Every notice of a group is addressed to its member units (Group.notices: 本集团用户可见); the soak's member token is this unit's. */
  memberOrgId: string;
  noticeId: string;
}

/** The demo data's target: the demo group, its enterprise jnjgzb and the group's fourth notice, the newest, which no unit has read in the seed. */
export const DEMO_SOAK_TARGET: SoakTarget = { groupId: DEMO.groupId, memberOrgId: DEMO.memberOrgId, noticeId: demoId('notice', `${DEMO.groupCode}:4`) };

/** A member unit's token for the soak: MEMBER of the target's group, its organization the target's unit. */
export function soakMemberToken(jwtSecret: string, target: Pick<SoakTarget, 'groupId' | 'memberOrgId'>): Promise<string> {
  return mintToken(jwtSecret, { sub: 'bench-member', roles: ['MEMBER'], groups: [target.groupId], org: target.memberOrgId });
}

const ACTIVE_MEMBERS = /* GraphQL */ `
  query SoakMembers($id: ID!) {
    group(id: $id) { members(first: 100, filter: { statuses: [ACTIVE] }, orderBy: { field: ROLE }) { edges { node { organization { id type } } } } }
  }
`;
const NOTICES_AS_UNIT = /* GraphQL */ `
  query SoakNotices($id: ID!) {
    group(id: $id) { notices(first: 100) { edges { node { id readByMyOrganization } } } }
  }
`;

/**
 * Finds the soak's target in `groupId` through the gateway, as discoverGroup in index.ts finds the
 * group: an active member unit (`preferredOrgId` if it is one, else the first enterprise among the
 * first 100 by role, else the first unit), then, read with that unit's token, the newest of the
 * group's 100 newest notices it has not read, else the newest (marked read twice, it changes
 * nothing either way; the soak's state check expects the read count accordingly).
 */
export async function findSoakTarget(gatewayUrl: string, jwtSecret: string, groupId: string, preferredOrgId?: string): Promise<SoakTarget> {
  const secretariat = await mintToken(jwtSecret, { sub: 'bench-discovery', roles: ['SECRETARIAT'], groups: [groupId] });
  const { group } = await callGateway(gatewayUrl, ACTIVE_MEMBERS, { id: groupId }, secretariat);
  const units: { id: string; type: string }[] = (group?.members.edges ?? []).map(
    (e: { node: { organization: { id: string; type: string } } }) => e.node.organization,
  );
  const unit = units.find((u) => u.id === preferredOrgId) ?? units.find((u) => u.type === 'ENTERPRISE') ?? units[0];
  if (!unit) throw new Error(`soak：集团 ${groupId} 没有正式成员单位，无法标记通知已读 (no active member unit to mark a notice read)`);
  const member = await soakMemberToken(jwtSecret, { groupId, memberOrgId: unit.id });
  const read = await callGateway(gatewayUrl, NOTICES_AS_UNIT, { id: groupId }, member);
  const notices: { id: string; readByMyOrganization: boolean }[] = (read.group?.notices?.edges ?? []).map(
    (e: { node: { id: string; readByMyOrganization: boolean } }) => e.node,
  );
  const notice = notices.find((n) => !n.readByMyOrganization) ?? notices[0];
  if (!notice) throw new Error(`soak：集团 ${groupId} 没有通知可供成员单位 ${unit.id} 标记已读 (the group has no notice)`);
  return { groupId, memberOrgId: unit.id, noticeId: notice.id };
}

/** The subgraph the soak restarts. */
export const SOAK_RESTART = 'resources';

/** What the soak checks is unchanged afterwards, read through the gateway. */
export const SOAK_STATE = /* GraphQL */ `
  query SoakState($groupId: ID!, $year: Int!, $noticeId: ID!) {
    group(id: $groupId) { members(first: 1) { totalCount } }
    resources(first: 1) { totalCount }
    trainingTotals(by: MONTH, filter: { year: $year }) { key sessions personTimes }
    annualReport(groupId: $groupId, year: $year) { membership { total } training { personTimes } }
    notice(id: $noticeId) { readCount }
  }
`;

export type SoakPhase = 'beforeRestart' | 'duringRestart' | 'afterRestart';

export interface SoakMemory {
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

export interface SoakResult {
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
  /** The group, member unit and notice the soak read and wrote (DEMO_SOAK_TARGET, or found by findSoakTarget). */
  target: SoakTarget;
  before: unknown;
  after: unknown;
  gatewayReady: number;
  intact: boolean;
  problems: string[];
}

/**
 * The soak: BENCH_SOAK_SECONDS of mixed reads and writes through the gateway on `target` while
 * SOAK_RESTART is restarted at a third of the time. `tokens`: a secretariat and a reporter of the
 * target's group, and the target unit's member token (soakMemberToken).
 */
export async function soak(
  hub: RunningHub,
  env: NodeJS.ProcessEnv,
  target: SoakTarget,
  tokens: { secretariat: string; member: string; reporter: string },
): Promise<SoakResult> {
  const gatewayUrl = new URL(hub.gatewayUrl);
  const readyUrl = new URL('/ready', gatewayUrl).toString();
  const vars = { groupId: target.groupId, year: YEAR };
  const headers = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const state = async () => {
    const data = await callGateway(hub.gatewayUrl, SOAK_STATE, { ...vars, noticeId: target.noticeId }, tokens.secretariat);
    const read = await callGateway(hub.gatewayUrl, 'query($id: ID!) { notice(id: $id) { readByMyOrganization } }', { id: target.noticeId }, tokens.member);
    return { ...data, readByMember: read.notice?.readByMyOrganization };
  };
  const before = await state();
  if (typeof before.notice?.readCount !== 'number')
    throw new Error(`soak：找不到通知 ${target.noticeId}，或秘书处看不到其已读单位数 (notice or its readCount not found)`);

  const requestDefs = [
    { name: 'member list page (secretariat)', token: tokens.secretariat, body: { query: MEMBER_PAGE, variables: { groupId: target.groupId } } },
    { name: 'resource search page (member)', token: tokens.member, body: { query: RESOURCE_PAGE } },
    { name: 'trainingTotals by month (secretariat)', token: tokens.secretariat, body: { query: SOAK_TOTALS, variables: { year: YEAR } } },
    { name: 'annualReport membership+training (reporter)', token: tokens.reporter, body: { query: SOAK_ANNUAL, variables: vars } },
    { name: 'markNoticeRead (member, write)', token: tokens.member, body: { query: SOAK_MARK_READ, variables: { id: target.noticeId } } },
  ];
  // Every kind answers without errors before the soak, or its counts would mean nothing.
  for (const def of requestDefs)
    await callGateway(hub.gatewayUrl, def.body.query, (def.body as { variables?: Record<string, unknown> }).variables ?? {}, def.token);

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
  const restartTimer = setTimeout(
    () => {
      oldPeakMB = memoryMB(pidOf(SOAK_RESTART)).hwm;
      process.stdout.write(`soak: restarting the ${SOAK_RESTART} subgraph (SIGTERM, same port and database)\n`);
      restartStarted = performance.now();
      restart = restartSubgraph(hub, SOAK_RESTART, env, (service, line) => process.stderr.write(`[${service}] ${line}\n`)).then(
        (ok) => {
          restartReady = performance.now();
          readyMB = memoryMB(pidOf(SOAK_RESTART)).rss;
          process.stdout.write(
            `soak: ${SOAK_RESTART} back after ${ok.downSeconds} s (${ok.graceful ? 'exited by itself on SIGTERM' : `killed: code ${ok.exitCode}, signal ${ok.exitSignal}`})\n`,
          );
          return { ok };
        },
        (error: Error) => ({ error }),
      );
    },
    (soakSeconds * 1000) / 3,
  );

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
      if (name === SOAK_RESTART)
        m.restarted = {
          oldPid: beforeMemory[name].pid,
          oldPeakMB,
          newPid: afterMemory[name].pid,
          readyMB,
          growthSinceReadyMB: afterMemory[name].rss - readyMB,
        };
      return [name, m];
    }),
  );

  // Nothing lost: the same counts, the notice read exactly once, the gateway ready, every kind answering.
  const problems: string[] = [];
  const gatewayReady = await fetch(readyUrl).then(
    (r) => r.status,
    () => 0,
  );
  if (gatewayReady !== 200) problems.push(`gateway /ready answered ${gatewayReady}`);
  const after = await state();
  const expectedAfter = { ...before, notice: { readCount: before.readByMember ? before.notice.readCount : before.notice.readCount + 1 }, readByMember: true };
  if (JSON.stringify(after) !== JSON.stringify(expectedAfter))
    problems.push(`state after the soak ${JSON.stringify(after)} is not ${JSON.stringify(expectedAfter)}`);
  for (const def of requestDefs) {
    await callGateway(hub.gatewayUrl, def.body.query, (def.body as { variables?: Record<string, unknown> }).variables ?? {}, def.token).catch((error: Error) =>
      problems.push(`${def.name} after the soak: ${error.message.slice(0, 300)}`),
    );
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
    target,
    before,
    after,
    gatewayReady,
    intact: problems.length === 0,
    problems,
  };
}
