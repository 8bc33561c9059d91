import { ValueTransformer } from 'typeorm';

/**
 * The subgraphs' one clock. Every timestamp the hub stores or compares is the ISO 8601 UTC string
 * this returns (`2025-03-01T08:00:00.000Z`, 24 characters, sorting as it reads); dates are its first
 * ten characters. A test fixes the clock with `setClock` from `@zjjt/kit/testing`.
 */
let source: () => number = Date.now;

/** The current instant (plus `offsetMs`, for deadlines and retry times) as an ISO UTC string. */
export const now = (offsetMs = 0): string => new Date(source() + offsetMs).toISOString();

/** Today's date in UTC, `YYYY-MM-DD`. */
export const today = (): string => now().slice(0, 10);

/** The current calendar year in UTC. */
export const currentYear = (): number => Number(now().slice(0, 4));

/**
 * Sets the clock to a fixed instant (ISO string), or back to the system clock with `null`.
 * For tests only: it is exported from `@zjjt/kit/testing`, not from the kit's main entry.
 */
export function setClock(at: string | null): void {
  if (at === null) {
    source = Date.now;
    return;
  }
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`not an ISO timestamp: ${at}`);
  source = () => ms;
}

/**
 * For a `datetime(3)` column: the entity holds the ISO string `now()` gives, like every other
 * timestamp of the hub; the driver writes and reads a Date (in UTC on both databases).
 */
export const isoDatetime: ValueTransformer = {
  to: (value: unknown) => (typeof value === 'string' ? new Date(value) : value),
  from: (value: unknown) => (value instanceof Date ? value.toISOString() : typeof value === 'string' ? new Date(value).toISOString() : value),
};
