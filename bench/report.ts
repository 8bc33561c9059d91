import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../scripts/lib/secrets';
import { connections, seconds, thousands } from './config';
import { PeerComparison, peerLine } from './compare';
import { ImportMeasurement, Measurement } from './measure';
import { SoakPhase, SoakResult } from './soak';

/** What one bench run measured; a part left out was not run (`--peers-only`, a soak of 0 s …). */
export interface BenchRun {
  dataset: 'demo' | 'province';
  quick: boolean;
  database: string;
  peers?: PeerComparison;
  results: Measurement[];
  /** One group's full AnnualReport with a filled template, at BENCH_CONNECTIONS. */
  fullReport?: Measurement;
  /** The province roll-up: its seconds, or why it was not measured (the schema lacks it). */
  rollup?: { seconds: number } | { notAvailable: string };
  reports?: { sequentialSeconds: number; parallelSeconds: number; groups: number; sequentialReportsPerSecond: number; parallelReportsPerSecond: number };
  imported?: ImportMeasurement;
  /** Each service's resident memory (MB) after the bench, once it has been idle. */
  idleMemoryMB?: Record<string, number>;
  soak?: SoakResult;
}

export type Status = 'pass' | 'miss' | 'not available' | 'not measured';

/** One row of the table: an issue figure, its target, what was measured, and a note on a miss. */
export interface Figure {
  figure: string;
  target: string;
  measured: string;
  status: Status;
  note?: string;
}

/** pass when `value` is within `bound` (`at most` or `at least`); not measured when there is no value. */
export function judge(value: number | undefined, bound: { atMost?: number; atLeast?: number }): Status {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  if (bound.atMost !== undefined && value > bound.atMost) return 'miss';
  if (bound.atLeast !== undefined && value < bound.atLeast) return 'miss';
  return 'pass';
}

/** The report groups' target scales with their number (30 s for the issue's 100). */
export const SECONDS_PER_REPORT = 0.3;
/** Gateway memory counts as flat over the soak when its last sample is at most this much above its first (V8's heap saws; a leak grows). */
export const FLAT_GROWTH = 0.1;

/** The issue's figures from a run, each judged against its target. */
export function figures(run: BenchRun): Figure[] {
  const rows: Figure[] = [];
  const add = (figure: string, target: string, value: number | undefined, bound: Parameters<typeof judge>[1], measured: string, note: string) => {
    const status = judge(value, bound);
    rows.push({ figure, target, measured: status === 'not measured' ? '—' : measured, status, ...(status === 'miss' ? { note } : {}) });
  };
  const p = run.peers;
  const bounds = p
    ? `bounded by the subgraphs' CPU per request (${Object.entries(p.hub.cpuMsPerRequest ?? {})
        .filter(([name]) => name !== 'server')
        .map(([name, ms]) => `${name} ${ms} ms`)
        .join(
          ', ',
        )}) against the gateway's ${p.hub.cpuMsPerRequest?.server} ms (stock ${p.stock.cpuMsPerRequest?.server} ms) on a shared machine; profile with <NAME>_NODE_FLAGS=--cpu-prof, and the subgraphs' SQL with EXPLAIN`
    : '';
  add(
    'Gateway throughput on the member page with resources and training summaries, hub ÷ stock @apollo/gateway',
    '≥ 1.3×',
    p?.throughputVsStock,
    { atLeast: 1.3 },
    `${p?.throughputVsStock}× (${p?.hub.requestsPerSecond} vs ${p?.stock.requestsPerSecond} req/s)`,
    bounds,
  );
  add(`Gateway p95 on that page at ${p?.connections ?? 16} connections`, '≤ 100 ms', p?.hub.p95, { atMost: 100 }, `${p?.hub.p95} ms`, bounds);
  add(
    'Gateway overhead against the same fetches sent straight to the subgraphs (direct ÷ hub req/s)',
    '≤ 1.3×',
    p?.overheadVsDirect,
    { atMost: 1.3 },
    `${p?.overheadVsDirect}× (${p?.direct.requestsPerSecond} vs ${p?.hub.requestsPerSecond} req/s)`,
    `the gateway's CPU per request (${p?.hub.cpuMsPerRequest?.server} ms against the direct peer's ${p?.direct.cpuMsPerRequest?.server} ms) competes with the subgraphs for the same cores; profile the gateway with GATEWAY_NODE_FLAGS=--cpu-prof`,
  );
  const full = run.fullReport;
  add(
    `One group's full AnnualReport with a filled template, p95 at ${full?.connections ?? connections} connections`,
    '≤ 300 ms',
    full?.p95,
    { atMost: 300 },
    `${full?.p95} ms (${full?.requestsPerSecond} req/s)`,
    'the statistics subgraph assembles every section from the other subgraphs; profile it with STATISTICS_NODE_FLAGS=--cpu-prof and EXPLAIN the bases aggregates over the trainee rows',
  );
  if (run.rollup && 'notAvailable' in run.rollup)
    rows.push({ figure: 'Province roll-up (an authority’s)', target: '≤ 3 s', measured: '—', status: 'not available', note: run.rollup.notAvailable });
  else
    add(
      'Province roll-up (an authority’s)',
      '≤ 3 s',
      run.rollup?.seconds,
      { atMost: 3 },
      `${run.rollup?.seconds} s`,
      'EXPLAIN the roll-up’s aggregates; it sums every group’s sections',
    );
  const r = run.reports;
  add(
    `All ${r?.groups ?? 100} groups' full reports in sequence`,
    `≤ ${r ? Math.round(r.groups * SECONDS_PER_REPORT * 10) / 10 : 30} s`,
    r?.sequentialSeconds,
    { atMost: r ? r.groups * SECONDS_PER_REPORT : 30 },
    `${r?.sequentialSeconds} s (${r?.sequentialReportsPerSecond} reports/s; ten at a time ${r?.parallelSeconds} s)`,
    'each report is one request through the gateway to statistics and its fetches; see the full report’s p95',
  );
  const i = run.imported;
  add(
    `Ledger import of a ${thousands(i?.rows ?? 100_000)}-row roster workbook through the gateway`,
    '≥ 10,000 rows/s',
    i?.rowsPerSecond,
    { atLeast: 10_000 },
    `${thousands(i?.rowsPerSecond ?? 0)} rows/s (${i?.seconds} s; bases ${i?.basesCpuSeconds} s of CPU)`,
    'the bases subgraph reads, checks and seals every row and writes 500 at a time, in one transaction; profile it with BASES_NODE_FLAGS=--cpu-prof',
  );
  add(
    'Peak memory of the bases process during that import',
    '≤ 300 MB',
    i?.peakMemoryMB,
    { atMost: 300 },
    `${i?.peakMemoryMB} MB`,
    'the workbook is streamed, so this is V8’s heap growing with the garbage of the rows read (and the shared strings, kept whole); see it with BASES_NODE_FLAGS=--trace-gc',
  );
  const idle = run.idleMemoryMB;
  const [worst, worstMB] = Object.entries(idle ?? {}).sort((a, b) => b[1] - a[1])[0] ?? [];
  add(
    'Every service idle after the bench, resident memory',
    '≤ 150 MB each',
    worstMB,
    { atMost: 150 },
    Object.entries(idle ?? {})
      .map(([name, mb]) => `${name} ${mb}`)
      .join(', ') + ' MB',
    `${worst} holds the most; V8 keeps the heap it grew under load — see its heap with --heapsnapshot-signal`,
  );
  const g = run.soak?.memory.gateway;
  const first = g?.samplesMB[0];
  const growth = g && first ? (g.afterMB - first) / first : undefined;
  add(
    `Gateway memory over ${run.soak?.seconds ?? 300} s of mixed load (last sample against the first)`,
    `flat (≤ +${FLAT_GROWTH * 100} %)`,
    growth,
    { atMost: FLAT_GROWTH },
    g && first !== undefined
      ? `${first} → ${g.afterMB} MB (${growth! >= 0 ? '+' : ''}${Math.round(growth! * 1000) / 10} %), range ${g.lowMB}–${g.highMB} MB`
      : '—',
    'a growing gateway keeps something per request: compare two --heapsnapshot-signal snapshots',
  );
  return rows;
}

/** The Markdown page: the figures' table, the machine, then every scenario and the soak. */
export function markdown(run: BenchRun, rows: Figure[], machine: { cpus: number; cpu?: string; node: string }, date: string): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  return [
    `# Bench results (${run.dataset} data${run.quick ? ', --quick' : ''})`,
    '',
    `${date} · ${machine.cpus} CPUs · ${machine.cpu} · Node ${machine.node} · ${run.database}`,
    '',
    '| figure | target | measured | result | machine | Node |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (f) => `| ${cell(f.figure)} | ${f.target} | ${cell(f.measured)} | ${f.status} | ${machine.cpus} × ${cell(machine.cpu ?? '?')} | ${machine.node} |`,
    ),
    '',
    ...rows.filter((f) => f.note).map((f) => `- **${f.status}: ${f.figure}** — ${f.note}.`),
    '',
    ...(run.peers ? [peerLine(run.peers), ''] : []),
    ...(run.results.length
      ? [
          `Scenarios (${seconds} s × ${connections} connections each):`,
          '',
          '| scenario | req/s | p50 ms | p95 ms | p99 ms | requests | errors |',
          '|---|---:|---:|---:|---:|---:|---:|',
          ...[...run.results, ...(run.fullReport ? [run.fullReport] : [])].map(
            (r) => `| ${cell(r.scenario)} | ${r.requestsPerSecond} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.requests} | ${r.errors} |`,
          ),
          '',
        ]
      : []),
    ...(run.soak ? soakLines(run.soak) : []),
  ].join('\n');
}

/**
 * Writes the run's files and prints the table: bench/results.json (everything) and bench/results.md
 * (the table) for the demo data, bench/results-province.json and .md for the province dataset, so
 * the last run of each stays side by side.
 */
export function writeReport(run: BenchRun, dir = path.join(ROOT, 'bench')): Figure[] {
  const date = new Date().toISOString();
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version };
  const rows = figures(run);
  const page = markdown(run, rows, machine, date);
  const stem = run.dataset === 'province' ? 'results-province' : 'results';
  fs.writeFileSync(path.join(dir, `${stem}.json`), `${JSON.stringify({ date, machine, figures: rows, ...run }, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, `${stem}.md`), `${page}\n`);
  process.stdout.write(`\n${page}\n\nwritten to bench/${stem}.json and bench/${stem}.md\n`);
  return rows;
}

/** Lines about the soak under the table in results.md (and on stdout). */
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
    `Soak data intact: ${s.intact ? 'yes' : `NO — ${s.problems.join('; ')}`} (members ${(s.after as any)?.group?.members?.totalCount}, resources ${(s.after as any)?.resources?.totalCount}, notice read count ${(s.before as any)?.notice?.readCount} → ${(s.after as any)?.notice?.readCount}${(s.before as any)?.readByMember ? ' (its unit had read it before)' : ''}, gateway /ready ${s.gatewayReady}).`,
  ];
}
