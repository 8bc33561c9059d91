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
