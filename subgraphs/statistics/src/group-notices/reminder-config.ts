import { ConfigError } from '@zjjt/kit';

/** The default rate limit of reminders (催报): at most one to a unit in this many hours. */
export const DEFAULT_REMINDER_INTERVAL_HOURS = 24;

/**
 * `REMINDER_INTERVAL_HOURS`: a unit reminded less than this many hours ago (by any reminder of its group)
 * is skipped by the next one; 0 turns the limit off. Read when called, checked at start.
 */
export function reminderIntervalHours(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.REMINDER_INTERVAL_HOURS;
  if (raw === undefined || raw === '') return DEFAULT_REMINDER_INTERVAL_HOURS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 24 * 365)
    throw new ConfigError(`REMINDER_INTERVAL_HOURS must be a whole number of hours from 0 to 8760, got "${raw}"`);
  return n;
}
