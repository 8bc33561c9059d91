import { GraphQLError } from 'graphql';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { declareStates, now, openDataSource, today, transition } from '@zjjt/kit';
import { dropTestDatabase, setClock, testDatabase } from '@zjjt/kit/testing';

enum Light {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  DONE = 'DONE',
}

@Entity('transition_probe')
class Probe {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 16 }) status!: Light;
  @Column({ type: 'varchar', length: 100, nullable: true }) note!: string | null;
  @Column({ type: 'varchar', length: 24 }) updatedAt!: string;
}

declareStates(Probe, {
  name: '试件',
  english: 'probe',
  labels: { DRAFT: '草稿', SENT: '已发送', DONE: '已完成' },
  next: { DRAFT: [Light.DRAFT, Light.SENT], SENT: [Light.DONE], DONE: [] },
});

const db = testDatabase('transition');
let ds: DataSource;

beforeAll(async () => {
  ds = await openDataSource(db, { entities: [Probe], migrations: [] });
  await ds.synchronize();
});

afterAll(async () => {
  await ds.destroy();
  await dropTestDatabase(db);
});

afterEach(() => setClock(null));

const rows = () => ds.getRepository(Probe).find({ order: { id: 'ASC' } });

async function refusal(promise: Promise<unknown>): Promise<GraphQLError> {
  try {
    await promise;
  } catch (error) {
    return error as GraphQLError;
  }
  throw new Error('the transition was not refused');
}

describe('transition', () => {
  beforeEach(async () => {
    await ds.getRepository(Probe).clear();
    await ds.getRepository(Probe).insert([
      { id: 'probe-1', status: Light.DRAFT, note: null, updatedAt: '2025-01-01T00:00:00.000Z' },
      { id: 'probe-2', status: Light.SENT, note: null, updatedAt: '2025-01-01T00:00:00.000Z' },
    ]);
  });

  it('moves a row from an allowed state and writes the changes with it', async () => {
    setClock('2025-03-01T08:00:00.000Z');
    const moved = await transition(ds.getRepository(Probe), 'probe-1', [Light.DRAFT], Light.SENT, { note: '发出', updatedAt: now() });
    expect(moved).toEqual({ id: 'probe-1', status: Light.SENT, note: '发出', updatedAt: '2025-03-01T08:00:00.000Z' });
    expect((await rows()).map((r) => [r.id, r.status])).toEqual([
      ['probe-1', 'SENT'],
      ['probe-2', 'SENT'],
    ]);
  });

  it('refuses a row in another state with a CONFLICT naming that state, and writes nothing', async () => {
    const before = await rows();
    const error = await refusal(transition(ds.getRepository(Probe), 'probe-2', Light.DRAFT, Light.SENT, { note: '不应写入' }));
    expect(error.extensions.code).toBe('CONFLICT');
    expect(error.message).toBe('试件当前为「已发送」，只有「草稿」的试件才能改为「已发送」，请刷新后重试（probe is SENT, cannot become SENT）');
    expect(await rows()).toEqual(before);
  });

  it('lets exactly one of two concurrent moves through', async () => {
    const repo = ds.getRepository(Probe);
    const results = await Promise.allSettled([
      transition(repo, 'probe-2', Light.SENT, Light.DONE, { note: 'A' }),
      transition(repo, 'probe-2', Light.SENT, Light.DONE, { note: 'B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect((refused.reason as GraphQLError).extensions.code).toBe('CONFLICT');
    const winner = results.find((r): r is PromiseFulfilledResult<Probe> => r.status === 'fulfilled')!.value;
    expect((await repo.findOneByOrFail({ id: 'probe-2' })).note).toBe(winner.note);
  });

  it('refuses a move that the entity does not declare before touching the database', async () => {
    await expect(transition(ds.getRepository(Probe), 'probe-2', Light.SENT, Light.DRAFT)).rejects.toThrow('probe: SENT → DRAFT is not a declared transition');
    await expect(transition(ds.getRepository(Probe), 'probe-2', [], Light.DONE)).rejects.toThrow('is not a declared transition');
    expect((await rows()).map((r) => r.status)).toEqual(['DRAFT', 'SENT']);
  });

  it('says when the row is gone', async () => {
    const error = await refusal(transition(ds.getRepository(Probe), 'no-such-probe', Light.DRAFT, Light.SENT));
    expect(error.extensions.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^试件已不存在/);
  });
});

describe('clock', () => {
  it('gives the ISO string the entities store, and a test can fix it', () => {
    expect(now()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    setClock('2025-12-31T23:59:59.999Z');
    expect([now(), now(1), today()]).toEqual(['2025-12-31T23:59:59.999Z', '2026-01-01T00:00:00.000Z', '2025-12-31']);
    setClock(null);
    expect(now() > '2025-12-31T23:59:59.999Z').toBe(true);
  });
});
