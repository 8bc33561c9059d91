/** The bench's knobs (environment variables) and the constants its scenarios share. */

/** Seconds per measured scenario. */
export const seconds = Number(process.env.BENCH_SECONDS || 10);
/** Connections autocannon keeps open, per scenario and in the soak. */
export const connections = Number(process.env.BENCH_CONNECTIONS || 10);
/** Trainee rows the ledger scenarios' year is filled to. */
export const benchTrainees = Number(process.env.BENCH_TRAINEES || 1_000_000);
/** Seconds of the soak; 0 skips it. */
export const soakSeconds = Number(process.env.BENCH_SOAK_SECONDS || 180);
export const YEAR = 2025;
export const thousands = (n: number) => n.toLocaleString('en-US');

/** The template the full report fills. */
export const TEMPLATE = 'NATIONAL_2025';
