import fs from 'node:fs';
import autocannon from 'autocannon';
import { callGateway } from '../bot/gateway';
import { connections, seconds, TEMPLATE, YEAR } from './config';
import { IMPORT_ROWS, uploadWorkbook, writeBenchWorkbook } from './fixtures';
import { peakRssMB } from './processes';
import { FULL_REPORT } from './queries';

/** One measured scenario: a request autocannon repeats for `seconds` over `connections`, after one checked answer. */
export interface Scenario {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** True when the answer's data is right; the scenario is refused otherwise (see `fiftyRows`). */
  check: (data: any) => boolean;
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
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

export async function measure(scenario: Scenario): Promise<Measurement> {
  // One request first: the scenario must really return what it claims (50 rows …), or its numbers mean nothing.
  const check = await fetch(scenario.url, { method: 'POST', headers: scenario.headers, body: scenario.body });
  const json = (await check.json()) as { data?: unknown; errors?: unknown };
  if (json.errors || !scenario.check(json.data)) throw new Error(`${scenario.name}: unexpected answer ${JSON.stringify(json).slice(0, 300)}`);

  const times: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: scenario.url, method: 'POST', headers: scenario.headers, body: scenario.body, connections, duration: seconds },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
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
}

/** Imports one 100,000-row workbook and measures its time and the bases process's peak memory. */
export async function measureImport(gatewayUrl: string, baseId: string, file: string, token: string, basesPid: number): Promise<ImportMeasurement> {
  const expected = await writeBenchWorkbook(file, 'B1-', IMPORT_ROWS, 0);
  const before = peakRssMB(basesPid);
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
  };
}
