import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchRun, figures, judge, writeReport } from '../bench/report';
import { Measurement } from '../bench/measure';

// The bench's results writer (bench/report.ts): each issue figure judged against its target.
const measurement = (scenario: string, requestsPerSecond: number, p95: number, cpu: Record<string, number>): Measurement => ({
  scenario,
  seconds: 7.5,
  connections: 16,
  requests: Math.round(requestsPerSecond * 7.5),
  requestsPerSecond,
  p50: p95 / 2,
  p95,
  p99: p95 * 1.2,
  errors: 0,
  cpuMsPerRequest: cpu,
});

const run: BenchRun = {
  dataset: 'demo',
  quick: true,
  database: 'SQLite (embedded, demo data)',
  peers: {
    query: 'MembersFederated',
    connections: 16,
    rounds: 3,
    hub: measurement('hub', 140, 80, { server: 4, members: 6 }),
    stock: measurement('stock', 100, 120, { server: 7, members: 6 }),
    direct: measurement('direct', 200, 60, { server: 2, members: 6 }),
    throughputVsStock: 1.4,
    overheadVsDirect: 1.43,
    serverRssMB: { hub: 140, stock: 150, direct: 60 },
    cpuStockVsHub: 1.75,
  },
  results: [],
  fullReport: measurement('full report', 50, 250, {}),
  rollup: { notAvailable: 'the supergraph has no Query.regionReport' },
  reports: { sequentialSeconds: 7, parallelSeconds: 3, groups: 20, sequentialReportsPerSecond: 2.9, parallelReportsPerSecond: 6.7 },
  imported: { rows: 100_000, seconds: 12.5, rowsPerSecond: 8000, peakMemoryMB: 280, memoryGrowthMB: 90, basesCpuSeconds: 9.1 },
  idleMemoryMB: { members: 120, gateway: 160 },
};

describe('bench results', () => {
  it('judges a value against an upper or lower bound, and a missing value as not measured', () => {
    expect(judge(100, { atMost: 100 })).toBe('pass');
    expect(judge(100.5, { atMost: 100 })).toBe('miss');
    expect(judge(1.3, { atLeast: 1.3 })).toBe('pass');
    expect(judge(1.29, { atLeast: 1.3 })).toBe('miss');
    expect(judge(undefined, { atMost: 1 })).toBe('not measured');
  });

  it('gives every figure its status, a note on each miss, and the roll-up as not available', () => {
    const byFigure = Object.fromEntries(figures(run).map((f) => [f.figure.split(' ').slice(0, 3).join(' '), f]));
    expect(Object.fromEntries(Object.entries(byFigure).map(([k, f]) => [k, f.status]))).toEqual({
      'Gateway throughput on': 'pass',
      'Gateway p95 on': 'pass',
      'Gateway overhead against': 'miss',
      "One group's full": 'pass',
      'Province roll-up (an': 'not available',
      "All 20 groups'": 'miss', // 7 s over 20 × 0.3 s
      'Ledger import of': 'miss',
      'Peak memory of': 'pass',
      'Every service idle': 'miss',
      'Gateway memory over': 'not measured',
    });
    expect(byFigure['Every service idle'].note).toMatch(/^gateway holds the most/);
    expect(byFigure['Gateway overhead against'].measured).toBe('1.43× (200 vs 140 req/s)');
    expect(byFigure['Ledger import of'].measured).toBe('8,000 rows/s (12.5 s; bases 9.1 s of CPU)');
    expect(byFigure['Peak memory of'].note).toBeUndefined();
  });

  it('writes results.json and a Markdown table with one row per figure, the machine and the Node version', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bench-report-'));
    const rows = writeReport(run, dir);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'results.json'), 'utf8'));
    expect(json.figures).toEqual(rows);
    expect(json.machine.node).toBe(process.version);
    const table = fs
      .readFileSync(path.join(dir, 'results.md'), 'utf8')
      .split('\n')
      .filter((line) => /^\| (?!figure|---)/.test(line) && line.includes(process.version));
    expect(table).toHaveLength(rows.length);
    expect(table[2]).toBe(
      `| Gateway overhead against the same fetches sent straight to the subgraphs (direct ÷ hub req/s) | ≤ 1.3× | 1.43× (200 vs 140 req/s) | miss | ${os.cpus().length} × ${os.cpus()[0]?.model} | ${process.version} |`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
