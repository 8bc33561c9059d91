import { Column, DataSource, Entity, MigrationInterface, PrimaryColumn, QueryRunner } from 'typeorm';
import { audited, AuditEntry, auditTable, auditTrail, diffForAudit, openDataSource, recordAudit, Viewer } from '@zjjt/kit';
import { dropTestDatabase, expectEach, setClock, testDatabase } from '@zjjt/kit/testing';

@Entity('audit_probe')
class Probe {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'int' }) capacity!: number;
}

/** The audit table as the subgraphs migrate it, so the test runs the same DDL on both databases. */
class AuditProbe1700000000000 implements MigrationInterface {
  name = 'AuditProbe1700000000000';
  async up(q: QueryRunner) {
    await q.createTable(auditTable());
    await q.query('CREATE TABLE audit_probe (id varchar(36) PRIMARY KEY, groupId varchar(36) NOT NULL, capacity int NOT NULL)');
  }
  async down() {}
}

const db = testDatabase('audit');
let ds: DataSource;
const G = 'group-audit-1';
const secretariat = new Viewer('user-sec', 'org-sec', [G], ['SECRETARIAT']);
const member = new Viewer('user-mem', 'org-mem', [G], ['MEMBER']);
const bot = new Viewer('reporting-bot', null, [G], ['REPORTER']);

beforeAll(async () => {
  ds = await openDataSource(db, { entities: [Probe, AuditEntry], migrations: [AuditProbe1700000000000] });
});

afterAll(async () => {
  await ds.destroy();
  await dropTestDatabase(db);
});

afterEach(() => setClock(null));

describe('diffForAudit', () => {
  it('lists only the fields that changed, ignores updatedAt, and masks personal data', () => {
    const changes = diffForAudit(
      { capacity: 25, title: '车床', contactPhone: '13912345678', contactPerson: '王晓明', note: '身份证 370102199001011234', updatedAt: 'a' },
      { capacity: 30, title: '车床', contactPhone: '13812345678', contactPerson: '李四', note: null, updatedAt: 'b' },
      ['contactPhone', 'contactPerson'],
    );
    expect(changes).toEqual([
      { field: 'capacity', from: '25', to: '30' },
      { field: 'contactPhone', from: '139****5678', to: '138****5678' },
      { field: 'contactPerson', from: '王**', to: '李**' },
      { field: 'note', from: '身份证 370***********1234', to: null },
    ]);
  });

  it('leaves digits inside a hash, a key or an id alone', () => {
    const hash = 'b5dc7f005b7dc77b417e2edab8f18c553bb99912345678906692f3074012e';
    const id = '0f1e2d3c-4b5a-6978-8a9b-123456789012';
    expect(diffForAudit(null, { hash, id, phone: '电话13812345678。' })).toEqual([
      { field: 'hash', from: null, to: hash },
      { field: 'id', from: null, to: id },
      { field: 'phone', from: null, to: '电话138****5678。' },
    ]);
  });

  it('a creation lists every field from null, a deletion every field to null', () => {
    expect(diffForAudit(null, { a: 1, b: 'x' })).toEqual([
      { field: 'a', from: null, to: '1' },
      { field: 'b', from: null, to: 'x' },
    ]);
    expect(diffForAudit({ a: 1 }, null)).toEqual([{ field: 'a', from: '1', to: null }]);
  });
});

describe('recordAudit in the write’s transaction', () => {
  it('a write that fails after its audit row leaves neither; one that commits leaves both', async () => {
    await expect(
      audited(ds, member, { operation: 'createProbe', entity: 'Probe' }, async (em) => {
        await em.insert(Probe, { id: 'p-fail', groupId: G, capacity: 1 });
        await recordAudit(em, member, { groupId: G, operation: 'touchProbe', entity: 'Probe', id: 'p-fail', after: { capacity: 1 } });
        throw new Error('the write fails after its audit row');
      }),
    ).rejects.toThrow('the write fails');
    expect(await ds.getRepository(Probe).countBy({ id: 'p-fail' })).toBe(0);
    expect(await ds.getRepository(AuditEntry).countBy({ entityId: 'p-fail' })).toBe(0);

    const stored = await audited(ds, member, { operation: 'createProbe', entity: 'Probe' }, async (em) => {
      await em.insert(Probe, { id: 'p-ok', groupId: G, capacity: 2 });
      return em.findOneByOrFail(Probe, { id: 'p-ok' });
    });
    expect(stored.capacity).toBe(2);
    const rows = await ds.getRepository(AuditEntry).findBy({ entityId: 'p-ok' });
    expectEach(rows, (r) => r.userId === 'user-mem' && r.organizationId === 'org-mem' && !r.byService && r.operation === 'createProbe', 1);
  });

  it('the reporting bot (REPORTER of no unit) and a subgraph’s own token are service identities; a person is not', async () => {
    const at = (viewer: Viewer, id: string) =>
      ds.transaction((em) => recordAudit(em, viewer, { groupId: G, operation: 'freezeReport', entity: 'Submission', id }));
    expect((await at(bot, 's-1')).byService).toBe(true);
    expect((await at(new Viewer('service:statistics', null, [G], ['REPORTER']), 's-2')).byService).toBe(true);
    expect((await at(secretariat, 's-3')).byService).toBe(false);
  });
});

describe('auditTrail', () => {
  it('filters by time, user and operation, newest first, for the group’s secretariat only', async () => {
    for (const [i, at] of ['2026-03-01T08:00:00.000Z', '2026-03-02T08:00:00.000Z', '2026-03-03T08:00:00.000Z'].entries()) {
      setClock(at);
      await ds.transaction((em) => recordAudit(em, secretariat, { groupId: G, operation: 'setTarget', entity: 'Target', id: `t-${i}`, after: { i } }));
    }
    const page = await auditTrail(ds, secretariat, G, { filter: { operation: 'setTarget', from: '2026-03-02', to: '2026-03-03T08:00:00Z' } });
    expect(page.edges.map((e) => e.node.entityId)).toEqual(['t-1']);
    const all = await auditTrail(ds, secretariat, G, { filter: { operation: 'setTarget' } });
    expect(all.edges.map((e) => e.node.entityId)).toEqual(['t-2', 't-1', 't-0']);
    await expect(auditTrail(ds, member, G, {})).rejects.toThrow(/秘书处/);
    await expect(auditTrail(ds, new Viewer('user-x', 'org-x', ['other'], ['SECRETARIAT']), G, {})).rejects.toThrow(/秘书处/);
  });
});
