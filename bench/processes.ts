import fs from 'node:fs';

/** What the bench reads of the hub's processes: their memory, from /proc. */

/** Peak resident set (VmHWM) of a process in MB, from /proc (Linux; NaN elsewhere). */
export function peakRssMB(pid: number): number {
  try {
    const kB = /^VmHWM:\s*(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kB ? Math.round(Number(kB) / 1024) : NaN;
  } catch {
    return NaN;
  }
}

/** Resident set (VmRSS) and its peak (VmHWM) of a process in MB, from /proc (Linux; NaN elsewhere). */
export function memoryMB(pid: number | undefined): { rss: number; hwm: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const mb = (field: string) => {
      const kB = new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(status)?.[1];
      return kB ? Math.round(Number(kB) / 1024) : NaN;
    };
    return { rss: mb('VmRSS'), hwm: mb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux; NaN elsewhere). */
export function cpuSeconds(pid: number | undefined): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Linux's USER_HZ: /proc times are in 1/100 s on every common platform. */
const CLOCK_TICKS = 100;
