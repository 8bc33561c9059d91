import DataLoader from 'dataloader';

/** Orders batch results by key: one row or null per key (keys compared as strings). */
export function oneByKey<V>(keys: readonly unknown[], rows: V[], keyOf: (row: V) => unknown): (V | null)[] {
  const map = new Map(rows.map((row) => [String(keyOf(row)), row]));
  return keys.map((key) => map.get(String(key)) ?? null);
}

/** Orders batch results by key: the list of rows per key (keys compared as strings). */
export function manyByKey<V>(keys: readonly unknown[], rows: V[], keyOf: (row: V) => unknown): V[][] {
  const map = new Map<string, V[]>();
  for (const row of rows) {
    const key = String(keyOf(row));
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return keys.map((key) => map.get(String(key)) ?? []);
}

/** A per-request loader that never issues a query with an empty key list. */
export function loader<K, V>(batch: (keys: K[]) => Promise<V[]>): DataLoader<K, V> {
  return new DataLoader<K, V>((keys) => (keys.length ? batch([...keys]) : Promise.resolve([])), { cacheKeyFn: (key) => String(key) as unknown as K });
}

/**
 * `loadMany` that fails like `load` does: DataLoader hands back a failed batch as Error values,
 * which must not read as "not found" (a database that is down is not an empty table).
 */
export async function loadEvery<K, V>(source: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  const results = await source.loadMany(keys);
  const failure = results.find((r): r is Error => r instanceof Error);
  if (failure) throw failure;
  return results as V[];
}
