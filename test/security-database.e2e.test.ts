import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { DEMO } from '../subgraphs/members/src/seed';
import { freePort } from '../scripts/lib/launch';
import { codesOf, dataOf, startTestHub, TestHub } from './harness';

// SECURITY.md — "The database is down … while running: the request fails with a masked error;
// the service recovers when it returns." The embedded SQLite file cannot go down, so this runs
// against MySQL/MariaDB (DATABASE_URL), through a TCP relay the test can cut and restore.
const mysql = process.env.DATABASE_URL;
const suite = mysql ? describe : describe.skip;

/** A relay to the database server that can be taken down (every connection cut) and brought back. */
class Relay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  constructor(readonly port: number, private readonly target: URL) {}
  async up() {
    if (this.server) return;
    this.server = net.createServer((client) => {
      const upstream = net.connect(Number(this.target.port || 3306), this.target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s)).on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }
  async down() {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

suite('the members database goes down while the hub runs', () => {
  let hub: TestHub;
  let relay: Relay;
  let token: string;

  beforeAll(async () => {
    const target = new URL(mysql!);
    relay = new Relay(await freePort(), target);
    await relay.up();
    const url = new URL(mysql!);
    url.port = String(relay.port);
    url.pathname = `/d${randomBytes(4).toString('hex')}_members`;
    hub = await startTestHub({ MEMBERS_DATABASE_URL: url.toString() });
    token = await hub.token({ sub: 'db', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
  }, 120000);

  afterAll(async () => {
    await relay.up();
    await hub?.stop();
    await relay.down();
  }, 120000);

  it('fails requests with a masked error, says not ready, and recovers when the database returns', async () => {
    const query = `{ group(id: "${DEMO.groupId}") { name members(first: 3) { totalCount } } }`;
    expect(dataOf(await hub.gql(query, {}, token)).group.name).toMatch(/集团/);

    await relay.down();
    const failed = await hub.gql(query, {}, token);
    expect(codesOf(failed).length).toBeGreaterThan(0);
    expect(JSON.stringify(failed.body)).not.toMatch(/ECONN|ETIMEDOUT|PROTOCOL|SELECT|3306|127\.0\.0\.1|mysql/i);
    expect((await fetch(new URL('/ready', hub.hub.subgraphUrls.members))).status).toBe(503);

    await relay.up();
    let recovered = false;
    for (let i = 0; i < 50 && !recovered; i += 1) {
      const answer = await hub.gql(query, {}, token);
      recovered = !answer.body.errors && answer.body.data?.group?.name !== undefined;
      if (!recovered) await new Promise((r) => setTimeout(r, 200));
    }
    expect(recovered).toBe(true);
    expect((await fetch(new URL('/ready', hub.hub.subgraphUrls.members))).status).toBe(200);
  });
});
