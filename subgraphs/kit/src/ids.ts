import { randomBytes } from 'node:crypto';

/**
 * Random bytes cut from a buffer drawn `poolBytes` at a time, each byte used once: for values made
 * by the thousand (IVs, ids of an import's rows), where one draw per value costs more than the rest.
 */
export function randomPool(poolBytes = 4096): (bytes: number) => Buffer {
  let pool = Buffer.alloc(0);
  let used = 0;
  return (bytes) => {
    if (used + bytes > pool.length) {
      pool = randomBytes(Math.max(poolBytes, bytes));
      used = 0;
    }
    return pool.subarray(used, (used += bytes));
  };
}

const random = randomPool();

/**
 * A UUID whose first 48 bits are the time in milliseconds (version 7, RFC 9562), the other 74 random:
 * rows a bulk load inserts with such ids go to the end of the table's primary key in MySQL/MariaDB
 * (InnoDB keeps rows in its order) instead of to a random page each, as random (version 4) ids do.
 */
export function timeOrderedId(ms = Date.now()): string {
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(ms, 0, 6);
  random(10).copy(bytes, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
