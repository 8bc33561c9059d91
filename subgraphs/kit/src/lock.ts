import { randomUUID } from 'node:crypto';
import { DataSource, TableColumnOptions } from 'typeorm';
import { now } from './clock';
import { isUniqueViolation } from './datasource';
import { conflict } from './errors';

/** The columns of `hub_lock`, for the migration of a subgraph that takes locks. */
export const LOCK_TABLE = 'hub_lock';
export const lockColumns = (): TableColumnOptions[] => [
  { name: 'name', type: 'varchar', length: '191', isPrimary: true },
  { name: 'holder', type: 'varchar', length: '36' },
  { name: 'expiresAt', type: 'varchar', length: '24' },
];

export interface LockOptions {
  /** After this long a holder that died (a killed process) no longer holds the lock. */
  ttlMs?: number;
  /** How long to wait for another holder before answering busy. */
  waitMs?: number;
}

/**
 * Runs `work` while holding the lock `name` in the subgraph's database, so that two processes or
 * replicas of the subgraph (or two requests in one) never run it at the same time for the same
 * name. The lock is a row of `hub_lock`: taken by inserting it (the primary key lets one insert
 * win) or by taking over one whose holder's time ran out; released by deleting it. A caller that
 * finds the lock held waits for it (polling) up to `waitMs`, then gets a busy error to retry.
 */
export async function withLock<T>(db: DataSource, name: string, work: () => Promise<T>, { ttlMs = 60_000, waitMs = 30_000 }: LockOptions = {}): Promise<T> {
  const holder = randomUUID();
  const deadline = Date.now() + waitMs;
  for (let pause = 10; !(await tryLock(db, name, holder, ttlMs)); pause = Math.min(pause * 2, 200)) {
    if (Date.now() > deadline) throw conflict('另一个相同的操作正在进行，请稍后再试 (busy: the same operation is running)');
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  try {
    return await work();
  } finally {
    await db.createQueryBuilder().delete().from(LOCK_TABLE).where('name = :name AND holder = :holder', { name, holder }).execute();
  }
}

async function tryLock(db: DataSource, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const expiresAt = now(ttlMs);
  try {
    await db.createQueryBuilder().insert().into(LOCK_TABLE).values({ name, holder, expiresAt }).execute();
    return true;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const taken = await db
    .createQueryBuilder()
    .update(LOCK_TABLE)
    .set({ holder, expiresAt })
    .where('name = :name AND expiresAt < :now', { name, now: now() })
    .execute();
  return taken.affected === 1;
}
