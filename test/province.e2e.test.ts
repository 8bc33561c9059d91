import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { createSealer, dropMysqlDatabase, readDatabase } from '@zjjt/kit';
import { dist, spawnScript } from '../scripts/lib/launch';
import { SUBGRAPHS } from '../scripts/services';
import { findSoakTarget, SOAK_MARK_READ, soakMemberToken } from '../bench/soak';
import { provinceCounts, provinceGroup, provinceId } from '@zjjt/demo';
import { dataOf, startTestHub, TestHub } from './harness';

/**
 * The province dataset (`npm run seed -- --scale province`, docs/operations.md): a tiny fraction of
 * it, written by the real CLI into a test hub's empty databases (SQLite, or MariaDB with
 * DATABASE_URL), served through the gateway; and the same seed twice writes the same rows.
 */
const FRACTION = '0.002';
const counts = provinceCounts(Number(FRACTION));

/** Runs the seed CLI for the province at FRACTION into the databases `env` names. */
function seedProvinceCli(env: NodeJS.ProcessEnv, seed = 'province'): Promise<void> {
  const child = spawnScript('seed', dist('scripts', 'seed.js'), { ...process.env, ...env }, undefined, [
    '--scale',
    'province',
    '--fraction',
    FRACTION,
    '--seed',
    seed,
  ]);
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed failed:\n${(child as unknown as { outputTail: string }).outputTail}`)))),
  );
}

type Row = Record<string, string>;

/**
 * Every row of every table of a subgraph's database, each value as text, sealed columns opened
 * (their IVs are random), sorted.
 */
async function dump(env: NodeJS.ProcessEnv, name: string): Promise<Record<string, Row[]>> {
  const sealer = createSealer(env, 'PII_KEY');
  const db = readDatabase(env, name);
  const tables: Record<string, Row[]> = {};
  const open = (rows: Record<string, unknown>[]): Row[] =>
    rows
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k.endsWith('Sealed') && typeof v === 'string' ? sealer.open(v) : String(v)])))
      .sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
  if (db.type === 'sqlite') {
    const file = new Database(db.file, { readonly: true });
    try {
      const names = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'").all() as {
        name: string;
      }[];
      for (const { name: table } of names) tables[table] = open(file.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]);
    } finally {
      file.close();
    }
  } else {
    const connection = await createConnection({ uri: db.url });
    try {
      const [names] = await connection.query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name <> 'migrations'",
      );
      for (const { name: table } of names as { name: string }[]) {
        const [rows] = await connection.query(`SELECT * FROM \`${table}\``);
        tables[table] = open(rows as Record<string, unknown>[]);
      }
    } finally {
      await connection.end();
    }
  }
  return tables;
}

/** A fresh environment for one seeded province: its own SQLite folder, or its own MariaDB databases. */
function provinceEnv(piiKey: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PII_KEY: piiKey, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-province-')) };
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/p${randomBytes(4).toString('hex')}`;
    env.DATABASE_URL = url.toString();
  }
  return env;
}

async function dropProvince(env: NodeJS.ProcessEnv) {
  if (env.DATABASE_URL) for (const entry of SUBGRAPHS) await dropMysqlDatabase(readDatabase(env, entry.name));
  fs.rmSync(env.DATA_DIR as string, { recursive: true, force: true });
}

describe('the province dataset is deterministic', () => {
  const piiKey = randomBytes(32).toString('base64');
  const envs: NodeJS.ProcessEnv[] = [];
  afterAll(async () => {
    for (const env of envs) await dropProvince(env);
  });

  it('the same seed writes the same rows (sealed columns compared opened), another seed other rows', async () => {
    const [first, second, other] = [provinceEnv(piiKey), provinceEnv(piiKey), provinceEnv(piiKey)];
    envs.push(first, second, other);
    await seedProvinceCli(first);
    await seedProvinceCli(second);
    await seedProvinceCli(other, 'another');
    const checksum = (tables: Record<string, Row[]>) => createHash('sha256').update(JSON.stringify(tables)).digest('hex');
    for (const entry of SUBGRAPHS) {
      const [a, b, c] = [await dump(first, entry.name), await dump(second, entry.name), await dump(other, entry.name)];
      expect(Object.values(a).some((rows) => rows.length > 0)).toBe(true);
      expect(checksum(b)).toBe(checksum(a));
      expect(a).toEqual(b);
      // Ids are the same by construction; the drawn content differs.
      expect(checksum(c)).not.toBe(checksum(a));
    }
    const bases = await dump(first, 'bases');
    expect(bases.training_session).toHaveLength(counts.sessions);
    expect(bases.certification_batch).toHaveLength(counts.certifications);
    expect(bases.trainee.length).toBeGreaterThan(counts.sessions * 15);
  }, 300000);

  it('refuses a database that has data already, and writes nothing more', async () => {
    const env = envs[0];
    const before = await dump(env, 'members');
    await expect(seedProvinceCli(env)).rejects.toThrow(/数据库已有数据.*database not empty/);
    expect(await dump(env, 'members')).toEqual(before);
  }, 120000);
});

describe('a hub serves the seeded province', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({}, { prepare: (env) => seedProvinceCli(env) });
  }, 300000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('a secretariat of a seeded group reads its members, the same as its database holds', async () => {
    const group = provinceGroup(2, counts.groups);
    const members = await dump(hub.env, 'members');
    const rows = members.membership.filter((m) => m.groupId === group.groupId);
    const token = await hub.token({ sub: 'e2e-province-sec', roles: ['SECRETARIAT'], groups: [group.groupId], org: group.secretariatOrgId });
    const data = dataOf(
      await hub.gql(
        `query($g: ID!) { group(id: $g) { id code type region members(first: 100, filter: { statuses: [ACTIVE, PENDING, EXITED] }) { totalCount edges { node { organization { id uscc } } } } } }`,
        { g: group.groupId },
        token,
      ),
    );
    expect(data.group).toMatchObject({ id: group.groupId, code: group.code });
    expect(data.group.region).toMatch(/^37\d{2}00$/);
    expect(data.group.members.totalCount).toBe(rows.length);
    expect(data.group.members.edges.map((e: any) => e.node.organization.id).sort()).toEqual(rows.map((m) => m.organizationId).sort());
  });

  it('a Shandong authority (region 37) lists every seeded group and reads one group’s annual report', async () => {
    const token = await hub.token({ sub: 'e2e-province-auth', roles: ['AUTHORITY'], groups: [], region: '37' });
    const ids = dataOf(await hub.gql(`{ groups { id } }`, {}, token)).groups.map((g: { id: string }) => g.id);
    expect(ids.sort()).toEqual(Array.from({ length: counts.groups }, (_, i) => provinceId('group', i + 1)).sort());
    const g = provinceGroup(1, counts.groups).groupId;
    const bases = await dump(hub.env, 'bases');
    const sessions2025 = bases.training_session.filter((s) => s.groupId === g && s.year === '2025');
    const report = dataOf(
      await hub.gql(
        `query($g: ID!) { annualReport(groupId: $g, year: 2025) { groupId membership { total } } trainingSessions(filter: { groupId: $g, year: 2025 }) { totalCount } }`,
        { g },
        token,
      ),
    );
    expect(report.annualReport.groupId).toBe(g);
    expect(report.annualReport.membership.total).toBeGreaterThan(0);
    expect(report.trainingSessions.totalCount).toBe(sessions2025.length);
  });

  // Last: it marks notices read.
  it('the bench’s soak finds an active member unit of a seeded group and the newest notice it has not read, else the newest', async () => {
    const g = provinceGroup(2, counts.groups).groupId;
    const members = await dump(hub.env, 'members');
    const active = members.membership.filter((m) => m.groupId === g && m.status === 'ACTIVE').map((m) => m.organizationId);
    const enterprises = members.organization.filter((o) => active.includes(o.id) && o.type === 'ENTERPRISE').map((o) => o.id);
    const notices = members.notice.filter((n) => n.groupId === g);
    const newest = (list: Row[]) => list.reduce((a, b) => (b.publishedAt > a.publishedAt ? b : a)).publishedAt;
    expect(enterprises.length).toBeGreaterThan(0);

    const target = await findSoakTarget(hub.url, hub.env.JWT_SECRET!, g);
    expect(target.groupId).toBe(g);
    expect(enterprises).toContain(target.memberOrgId);
    const readByUnit = members.notice_read.filter((r) => r.organizationId === target.memberOrgId).map((r) => r.noticeId);
    const unread = notices.filter((n) => !readByUnit.includes(n.id));
    expect(unread.length).toBeGreaterThan(0);
    const chosen = notices.find((n) => n.id === target.noticeId)!;
    expect(unread).toContain(chosen);
    expect(chosen.publishedAt).toBe(newest(unread));

    // Once the unit has read every notice, the newest (marking it read again changes nothing).
    const member = await soakMemberToken(hub.env.JWT_SECRET!, target);
    for (const n of unread) dataOf(await hub.gql(SOAK_MARK_READ, { id: n.id }, member));
    const again = await findSoakTarget(hub.url, hub.env.JWT_SECRET!, g, target.memberOrgId);
    expect(again.memberOrgId).toBe(target.memberOrgId);
    expect(notices.find((n) => n.id === again.noticeId)?.publishedAt).toBe(newest(notices));
  });
});
