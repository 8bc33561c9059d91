import fs from 'node:fs';
import autocannon from 'autocannon';
import { callGateway } from '../bot/gateway';
import { connections, seconds, TEMPLATE, YEAR } from './config';
import { IMPORT_ROWS, uploadWorkbook, writeBenchWorkbook } from './fixtures';
import { cpuSeconds, peakRssMB } from './processes';
import { FULL_REPORT } from './queries';

/** One measured scenario: a request autocannon repeats for `seconds` over `connections`, after one checked answer. */
export interface Scenario {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** True when the answer's data is right; the scenario is refused otherwise (see `fiftyRows`). */
  check: (data: any) => boolean;
  /** Connections for this scenario; BENCH_CONNECTIONS otherwise. */
  connections?: number;
  /** Processes whose CPU time is measured per request answered (cpuMsPerRequest), by name. */
  pids?: Record<string, number | undefined>;
}

/** The check of a page scenario: the rows `select` picks from the answer are exactly 50. */
export const fiftyRows = (select: (data: any) => unknown[] | undefined) => (data: any) => select(data)?.length === 50;

export interface Measurement {
  scenario: string;
  seconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  /** CPU milliseconds per request answered of each process in Scenario.pids. */
  cpuMsPerRequest?: Record<string, number>;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** One request first: the scenario must really return what it claims (50 rows …), or its numbers mean nothing. */
async function checkAnswer(scenario: Scenario): Promise<void> {
  const check = await fetch(scenario.url, { method: 'POST', headers: scenario.headers, body: scenario.body });
  const json = (await check.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || !scenario.check(json.data)) throw new Error(`${scenario.name}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);
}

interface Load {
  times: number[];
  errors: number;
  seconds: number;
  cpuSeconds: Record<string, number>;
}

/** Runs autocannon on the scenario for `duration` seconds; the latencies of 200 answers, the failures, and the CPU time of `scenario.pids`. */
async function load(scenario: Scenario, duration: number, into: Load): Promise<void> {
  const open = scenario.connections ?? connections;
  const cpuBefore = Object.fromEntries(Object.entries(scenario.pids ?? {}).map(([name, pid]) => [name, cpuSeconds(pid)]));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: scenario.url, method: 'POST', headers: scenario.headers, body: scenario.body, connections: open, duration },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) into.times.push(responseTime);
      else into.errors += 1;
    });
  });
  into.errors += result.errors + result.timeouts;
  into.seconds += result.duration || duration;
  for (const [name, pid] of Object.entries(scenario.pids ?? {})) into.cpuSeconds[name] = (into.cpuSeconds[name] ?? 0) + cpuSeconds(pid) - cpuBefore[name];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function summarize(scenario: Scenario, { times, errors, seconds: elapsed, cpuSeconds: cpu }: Load): Measurement {
  times.sort((a, b) => a - b);
  return {
    scenario: scenario.name,
    seconds: round2(elapsed),
    connections: scenario.connections ?? connections,
    requests: times.length,
    requestsPerSecond: round2(times.length / elapsed),
    p50: round2(percentile(times, 50)),
    p95: round2(percentile(times, 95)),
    p99: round2(percentile(times, 99)),
    errors,
    ...(scenario.pids
      ? { cpuMsPerRequest: Object.fromEntries(Object.entries(cpu).map(([name, s]) => [name, round2((s * 1000) / Math.max(1, times.length))])) }
      : {}),
  };
}

const empty = (): Load => ({ times: [], errors: 0, seconds: 0, cpuSeconds: {} });

export async function measure(scenario: Scenario): Promise<Measurement> {
  await checkAnswer(scenario);
  const measured = empty();
  await load(scenario, seconds, measured);
  return summarize(scenario, measured);
}

/**
 * Measures scenarios side by side on a shared, noisy machine: each checked, warmed for a second,
 * then `rounds` rounds in which each runs `perRound` seconds in turn, so a burst of load from
 * elsewhere, or a subgraph's JIT warming up, falls on all of them alike. Returns one measurement
 * per scenario over all its rounds.
 */
export async function measureSideBySide(scenarios: Scenario[], rounds: number, perRound: number): Promise<Measurement[]> {
  for (const scenario of scenarios) {
    await checkAnswer(scenario);
    await load(scenario, 1, empty());
  }
  const loads = scenarios.map(empty);
  for (let r = 0; r < rounds; r += 1) for (const [i, scenario] of scenarios.entries()) await load(scenario, perRound, loads[i]);
  return scenarios.map((scenario, i) => summarize(scenario, loads[i]));
}

/**
 * Builds the full report of every group, `parallel` at a time, through the gateway; fails the
 * bench on an answer with errors or without every field of the template. Returns the seconds taken.
 */
export async function timeReports(gatewayUrl: string, token: string, groupIds: string[], parallel: number, fieldCount: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < groupIds.length) {
      const groupId = groupIds[next++];
      const data = await callGateway(gatewayUrl, FULL_REPORT, { groupId, year: YEAR }, token).catch((error: Error) => {
        throw new Error(`full report of group ${groupId}: ${error.message}`);
      });
      const fields = data?.annualReport?.filled?.fields;
      if (fields?.length !== fieldCount)
        throw new Error(`full report of group ${groupId}: expected ${fieldCount} ${TEMPLATE} fields, got ${JSON.stringify(data).slice(0, 300)}`);
    }
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: parallel }, worker));
  return Math.round((Number(process.hrtime.bigint() - started) / 1e9) * 100) / 100;
}

export interface ImportMeasurement {
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakMemoryMB: number;
  memoryGrowthMB: number;
  /** CPU seconds the bases process spent meanwhile: steadier than the time on a shared machine. */
  basesCpuSeconds: number;
}

/** Imports one 100,000-row workbook and measures its time and the bases process's peak memory. */
export async function measureImport(gatewayUrl: string, baseId: string, file: string, token: string, basesPid: number): Promise<ImportMeasurement> {
  const expected = await writeBenchWorkbook(file, 'B1-', IMPORT_ROWS, 0);
  const before = peakRssMB(basesPid);
  const cpuBefore = cpuSeconds(basesPid);
  const started = process.hrtime.bigint();
  await uploadWorkbook(gatewayUrl, baseId, file, token, expected);
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  fs.rmSync(file, { force: true });
  const peak = peakRssMB(basesPid);
  return {
    rows: expected.trainees,
    seconds: Math.round(elapsed * 100) / 100,
    rowsPerSecond: Math.round(expected.trainees / elapsed),
    peakMemoryMB: peak,
    memoryGrowthMB: peak - before,
    basesCpuSeconds: Math.round((cpuSeconds(basesPid) - cpuBefore) * 100) / 100,
  };
}
