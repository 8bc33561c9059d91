import { randomPool, timeOrderedId } from '../src/ids';

describe('timeOrderedId', () => {
  it('is a version 7 UUID whose first 48 bits are the time in milliseconds', () => {
    const ms = Date.UTC(2026, 10, 30, 6, 0, 0, 123);
    const id = timeOrderedId(ms);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
  });

  it('sorts as text by time, and ids of one millisecond differ', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((ms) => timeOrderedId(ms));
    expect([...ids].sort()).toEqual(ids);
    const same = Array.from({ length: 1000 }, () => timeOrderedId(1_700_000_000_000));
    expect(new Set(same).size).toBe(1000);
  });
});

describe('randomPool', () => {
  it('hands out each byte once, drawing again when the pool is used up', () => {
    const take = randomPool(32);
    const parts = Array.from({ length: 10 }, () => take(12));
    expect(parts.map((p) => p.length)).toEqual(Array(10).fill(12));
    // Twelve-byte pieces of random bytes: any two equal would mean a byte reused.
    expect(new Set(parts.map((p) => p.toString('hex'))).size).toBe(10);
    expect(take(100)).toHaveLength(100);
  });
});
