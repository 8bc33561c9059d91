import { notBefore } from '@zjjt/kit';

/** A period whose end is not before its start. */
export function period(start: string, end: string): { start: string; end: string } {
  notBefore(end, start, `结束日期 ${end} 不能早于开始日期 ${start} (period ends before it starts)`);
  return { start, end };
}
