import { createHash } from 'node:crypto';

/**
 * mulberry32 seeded from sha256(`seed`): the same seed draws the same numbers on every machine,
 * whatever else the demo draws, so generated demo data is the same on every run.
 */
export function seededRandom(seed: string) {
  let state = parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer from lo to hi, both included. */
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return { next, int, pick };
}

/** A seeded source of numbers (see `seededRandom`). */
export type Random = ReturnType<typeof seededRandom>;
