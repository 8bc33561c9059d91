import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BenchRun, figures, judge, soakLines, writeReport } from '../bench/report';
import { Measurement } from '../bench/measure';
import { SoakMemory, SoakResult } from '../bench/soak';

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

const memory = (samplesMB: number[], afterMB: number): SoakMemory => ({
  beforeMB: samplesMB[0],
  afterMB,
  peakMB: Math.max(...samplesMB, afterMB),
  growthMB: afterMB - samplesMB[0],
  samplesMB,
  lowMB: Math.min(...samplesMB, afterMB),
  highMB: Math.max(...samplesMB, afterMB),
});

/** What the soak reads before and after: counts through the gateway, and whether its unit had read its notice. */
const soakState = (readCount: number, readByMember: boolean) => ({
  group: { members: { totalCount: 80 } },
  resources: { totalCount: 40 },
  notice: { readCount },
  readByMember,
});

/** A province run's soak: its target found through the gateway, a notice its unit had not read. */
const provinceSoak: SoakResult = {
  seconds: 300,
  connections: 10,
  requests: 6000,
  requestsPerSecond: 20,
  errorsByCode: {},
  statusCounts: { '200': 6000 },
  connectionErrors: 0,
  timeouts: 0,
  byRequest: {},
  byPhase: {
    beforeRestart: { requests: 2000, failed: 0, errorsByCode: {} },
    duringRestart: { requests: 100, failed: 0, errorsByCode: {} },
    afterRestart: { requests: 3900, failed: 0, errorsByCode: {} },
  },
  lastFailureAfterReadySeconds: null,
  restart: { subgraph: 'resources', stopSeconds: 0.2, downSeconds: 1.5, graceful: true, exitCode: 0, exitSignal: null, atSeconds: 100 },
  memory: { gateway: memory([200, 230, 215], 212), resources: memory([180, 190], 185) },
  target: { groupId: 'group-prov-1', memberOrgId: 'org-prov-7', noticeId: 'notice-prov-3' },
  before: soakState(11, false),
  after: soakState(12, true),
  gatewayReady: 200,
  intact: true,
  problems: [],
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

  it('judges a province run’s soak and writes it under the province table', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-bench-report-'));
    const rows = writeReport({ ...run, dataset: 'province', database: 'MariaDB (province dataset)', soak: provinceSoak }, dir);
    expect(rows.find((f) => f.figure.startsWith('Gateway memory over'))).toEqual({
      figure: 'Gateway memory over 300 s of mixed load (last sample against the first)',
      target: 'flat (≤ +10 %)',
      measured: '200 → 212 MB (+6 %), range 200–230 MB',
      status: 'pass',
    });
    expect(fs.existsSync(path.join(dir, 'results.md'))).toBe(false);
    const page = fs.readFileSync(path.join(dir, 'results-province.md'), 'utf8');
    expect(page).toContain('Soak: 300 s × 10 connections of mixed reads and writes through the gateway: 6,000 requests (20 req/s)');
    expect(page).toContain('Soak data intact: yes (members 80, resources 40, notice read count 11 → 12, gateway /ready 200).');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'results-province.json'), 'utf8')).soak.target).toEqual(provinceSoak.target);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says so when the soak’s unit had read its notice before (a seeded province has no unread one left)', () => {
    expect(soakLines({ ...provinceSoak, before: soakState(12, true), after: soakState(12, true) }).at(-1)).toBe(
      'Soak data intact: yes (members 80, resources 40, notice read count 12 → 12 (its unit had read it before), gateway /ready 200).',
    );
  });
});
