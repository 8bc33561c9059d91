/** Dates of the demo: `YYYY-MM-DD` strings in, UTC instants out; China is UTC+8 all year. */

const DAY = 86_400_000;

/** Milliseconds since the epoch at 00:00 UTC of `date`. */
export function dayMs(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The `YYYY-MM-DD` of a UTC instant. */
export const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => ymd(dayMs(date) + days * DAY);
export const daysBetween = (from: string, to: string): number => Math.round((dayMs(to) - dayMs(from)) / DAY);

/** A UTC instant with milliseconds; the demo's working day is 01:00–09:00 UTC (09:00–17:00 in China). */
export function at(date: string, hour: number, minute = 0): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hour, minute)).toISOString();
}

/** The instant of `time` (`HH:MM`) on `date` in China. */
export const chinaTime = (date: string, time: string): Date => new Date(`${date}T${time}:00.000+08:00`);

/** `hours` after the instant `iso`, as an ISO string. */
export const hoursAfter = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

/** 春节, 劳动节, 国庆 holidays of the demo years: no class starts then. */
export const HOLIDAYS: readonly [from: string, to: string][] = [
  ['2024-10-01', '2024-10-07'],
  ['2025-01-28', '2025-02-04'],
  ['2025-05-01', '2025-05-05'],
  ['2025-10-01', '2025-10-08'],
];
export const isHoliday = (date: string): boolean => HOLIDAYS.some(([from, to]) => date >= from && date <= to);

/** `date`, or the first working day after it (not a weekend, not a holiday). */
export function workday(date: string): string {
  let d = date;
  while ([0, 6].includes(new Date(dayMs(d)).getUTCDay()) || isHoliday(d)) d = addDays(d, 1);
  return d;
}
