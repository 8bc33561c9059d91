/** The bench's knobs (command-line flags and environment variables) and the constants its scenarios share. */

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

/** `--quick`: every figure, in under two minutes on the demo data (shorter scenarios, a smaller year, fewer groups, a short soak). */
export const quick = flag('quick');
/** `--dataset demo` (default) or `--dataset province` (MariaDB, `npm run seed -- --scale province` first). */
export const dataset = (option('dataset') ?? 'demo') as 'demo' | 'province';
if (!['demo', 'province'].includes(dataset)) throw new Error(`--dataset must be demo or province, got "${dataset}"`);
/** `--peers-only`: only the side-by-side comparison with the stock gateway and the direct peer (for profiling the gateway). */
export const peersOnly = flag('peers-only');
/** `--seeded` (with `--dataset province`): the database already holds the province dataset, so it is not seeded again (the bench's own writes from an earlier run stay in it). */
export const seeded = flag('seeded');

const number = (variable: string, normal: number, fast: number) => Number(process.env[variable] || (quick ? fast : normal));
/** Seconds per measured scenario. */
export const seconds = number('BENCH_SECONDS', 10, 5);
/** Connections autocannon keeps open, per scenario and in the soak. */
export const connections = number('BENCH_CONNECTIONS', 10, 10);
/** Connections of the side-by-side comparison of the gateways (the figure is at 16). */
export const PEER_CONNECTIONS = 16;
/** Interleaved rounds of the side-by-side comparison, each BENCH_SECONDS / 2.5 (at least 2 s) per peer. */
export const PEER_ROUNDS = 3;
/** Trainee rows the ledger scenarios' year is filled to. */
export const benchTrainees = number('BENCH_TRAINEES', 1_000_000, 100_000);
/** Seconds of the soak; 0 skips it. The figure (memory flat) is over 5 minutes. */
export const soakSeconds = number('BENCH_SOAK_SECONDS', 300, 20);
/** Seconds the hub is left without load before its memory counts as idle. */
export const idleSeconds = number('BENCH_IDLE_SECONDS', 10, 5);
/** Groups whose full reports are built one after another (the figure is 100). */
export const reportGroups = number('BENCH_REPORT_GROUPS', 100, 20);
export const YEAR = 2025;
export const thousands = (n: number) => n.toLocaleString('en-US');

/** The template the full report fills. */
export const TEMPLATE = 'NATIONAL_2025';
