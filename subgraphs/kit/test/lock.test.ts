import { DataSource, MigrationInterface, QueryRunner, Table } from 'typeorm';
import { LOCK_TABLE, lockColumns, now, openDataSource, withLock } from '@zjjt/kit';
import { dropTestDatabase, setClock, testDatabase } from '@zjjt/kit/testing';

class Locks1700000000000 implements MigrationInterface {
  name = 'Locks1700000000000';
  async up(q: QueryRunner) {
    await q.createTable(new Table({ name: LOCK_TABLE, columns: lockColumns() }));
  }
  async down(q: QueryRunner) {
    await q.dropTable(LOCK_TABLE);
  }
}

const db = testDatabase('lock');
let ds: DataSource;

beforeAll(async () => {
  ds = await openDataSource(db, { entities: [], migrations: [Locks1700000000000] });
});

afterAll(async () => {
  await ds.destroy();
  await dropTestDatabase(db);
});

afterEach(() => setClock(null));

/** A piece of work that holds its lock until the test lets it finish. */
function held() {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  let started!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  return { finish, running, work: async () => (started(), await gate, 'done') };
}

describe('withLock: one holder of a name at a time, across every process on the database', () => {
  it('answers CONFLICT to a caller that cannot wait while another holds the name, and lets it in once released', async () => {
    const first = held();
    const holding = withLock(ds, 'reminder:g1', first.work);
    await first.running;
    await expect(withLock(ds, 'reminder:g1', async () => 'second', { waitMs: 0 })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    // Another name is not held.
    await expect(withLock(ds, 'reminder:g2', async () => 'other', { waitMs: 0 })).resolves.toBe('other');
    first.finish();
    await expect(holding).resolves.toBe('done');
    await expect(withLock(ds, 'reminder:g1', async () => 'second', { waitMs: 0 })).resolves.toBe('second');
    expect(await ds.query(`SELECT name FROM ${LOCK_TABLE}`)).toEqual([]);
  });

  it('makes a waiting caller run after the holder, not beside it', async () => {
    const first = held();
    const order: string[] = [];
    const holding = withLock(ds, 'import:b1', async () => (await first.work(), order.push('first')));
    await first.running;
    const waiting = withLock(ds, 'import:b1', async () => order.push('second'));
    first.finish();
    await Promise.all([holding, waiting]);
    expect(order).toEqual(['first', 'second']);
  });

  it('releases the lock when the work fails', async () => {
    await expect(withLock(ds, 'x', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withLock(ds, 'x', async () => 'after', { waitMs: 0 })).resolves.toBe('after');
  });

  it('takes over a name whose holder died (its time ran out)', async () => {
    // A holder that never released it: a process killed while holding the lock.
    await ds
      .createQueryBuilder()
      .insert()
      .into(LOCK_TABLE)
      .values({ name: 'dead', holder: 'gone', expiresAt: now(60_000) })
      .execute();
    await expect(withLock(ds, 'dead', async () => 'too early', { waitMs: 0 })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    setClock(new Date(Date.now() + 61_000).toISOString());
    await expect(withLock(ds, 'dead', async () => 'taken over', { waitMs: 0 })).resolves.toBe('taken over');
  });
});
