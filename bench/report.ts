import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../scripts/lib/secrets';
import { connections, seconds, thousands } from './config';
import { ImportMeasurement, Measurement } from './measure';
import { SoakPhase, SoakResult } from './soak';

/** What one bench run measured. */
export interface BenchRun {
  results: Measurement[];
  imported: ImportMeasurement;
  reports100: { sequentialSeconds: number; parallelSeconds: number; groups: number; sequentialReportsPerSecond: number; parallelReportsPerSecond: number };
  soak?: SoakResult;
}

/** Writes bench/results/latest.json (everything) and latest.md (the table and a line per measurement), and prints the table. */
export function writeReport({ results, imported, reports100, soak: soakResult }: BenchRun): void {
  const { sequentialSeconds, parallelSeconds } = reports100;
  const [viaGateway, direct] = results; // the first two scenarios: the same query with and without the gateway
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, database: 'SQLite (embedded)' },
    results,
    gatewayOverhead: {
      throughputRatio: Math.round((direct.requestsPerSecond / viaGateway.requestsPerSecond) * 100) / 100,
      p50Ratio: Math.round((viaGateway.p50 / direct.p50) * 100) / 100,
    },
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
}

/** Lines about the soak under the table in latest.md (and on stdout). */
export function soakLines(s: SoakResult): string[] {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([k, n]) => `${k} ${thousands(n)}`)
      .join(', ') || 'none';
  const r = s.restart;
  const phase = (p: SoakPhase) =>
    `${thousands(s.byPhase[p].failed)} of ${thousands(s.byPhase[p].requests)}${s.byPhase[p].failed ? ` (${list(s.byPhase[p].errorsByCode)})` : ''}`;
  return [
    `Soak: ${s.seconds} s × ${s.connections} connections of mixed reads and writes through the gateway: ${thousands(s.requests)} requests (${s.requestsPerSecond} req/s); HTTP statuses ${list(s.statusCounts)}; GraphQL errors by code ${list(s.errorsByCode)}; connection errors ${s.connectionErrors}, timeouts ${s.timeouts}.`,
    `Soak restart of ${r.subgraph} at ${r.atSeconds} s: ${r.graceful ? 'exited by itself' : `killed (code ${r.exitCode}, signal ${r.exitSignal})`} ${r.stopSeconds} s after SIGTERM, ready again after ${r.downSeconds} s. Failed responses before the restart ${phase('beforeRestart')}, while it was down ${phase('duringRestart')}, after it was ready ${phase('afterRestart')}${s.lastFailureAfterReadySeconds !== null ? `; the last failure came ${s.lastFailureAfterReadySeconds} s after it was ready` : ''}.`,
    `Soak memory (RSS before → after, range of 5-s samples, process peak; MB): ${Object.entries(s.memory)
      .map(
        ([name, m]) =>
          `${name} ${m.beforeMB} → ${m.afterMB} (${m.growthMB >= 0 ? '+' : ''}${m.growthMB}), ${m.lowMB}–${m.highMB}, peak ${m.peakMB}${m.restarted ? ` [restarted: new process ${m.restarted.readyMB} when ready, ${m.restarted.growthSinceReadyMB >= 0 ? '+' : ''}${m.restarted.growthSinceReadyMB} since; old process peak ${m.restarted.oldPeakMB}]` : ''}`,
      )
      .join('; ')}.`,
    `Soak data intact: ${s.intact ? 'yes' : `NO — ${s.problems.join('; ')}`} (members ${(s.after as any)?.group?.members?.totalCount}, resources ${(s.after as any)?.resources?.totalCount}, notice read count ${(s.before as any)?.notice?.readCount} → ${(s.after as any)?.notice?.readCount}, gateway /ready ${s.gatewayReady}).`,
  ];
}
