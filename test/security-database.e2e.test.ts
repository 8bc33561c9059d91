import http from 'node:http';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import { DEMO } from '@zjjt/demo';
import { freePort } from '../scripts/lib/launch';
import { codesOf, dataOf, startTestHub, TestHub, recordAcceptedSubmission, approveSchoolReturn, confirmReturnGaps } from './harness';
import { eventually } from './processes';

// SECURITY.md — "The database is down … while running: the request fails with a masked error;
// the service recovers when it returns." The embedded SQLite file cannot go down, so this runs
// against MySQL/MariaDB (DATABASE_URL), through a TCP relay the test can cut and restore.
const mysql = process.env.DATABASE_URL;
const suite = mysql ? describe : describe.skip;

/** A relay to the database server that can be taken down (every connection cut) and brought back. */
class Relay {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  constructor(
    readonly port: number,
    private readonly target: URL,
  ) {}
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
    const recovered = await eventually(async () => dataOf(await hub.gql(query, {}, token)));
    expect(recovered.group).toMatchObject({ name: expect.stringMatching(/集团/), members: { totalCount: expect.any(Number) } });
    expect((await fetch(new URL('/ready', hub.hub.subgraphUrls.members))).status).toBe(200);
  });
});

suite('the statistics database goes down during a submission', () => {
  let hub: TestHub;
  let relay: Relay;
  const received: string[] = [];
  const platform = http.createServer((req, res) => {
    received.push(String(req.headers['idempotency-key']));
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"receipt":"R-1"}'));
  });

  beforeAll(async () => {
    relay = new Relay(await freePort(), new URL(mysql!));
    await relay.up();
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    const url = new URL(mysql!);
    url.port = String(relay.port);
    url.pathname = `/s${randomBytes(4).toString('hex')}_statistics`;
    hub = await startTestHub({
      STATISTICS_DATABASE_URL: url.toString(),
      NATIONAL_PLATFORM_URL: `http://127.0.0.1:${(platform.address() as net.AddressInfo).port}/submit`,
      SUBMISSION_RETRY_INTERVAL_MS: '0',
    });
  }, 120000);

  afterAll(async () => {
    await relay.up();
    await hub?.stop();
    await relay.down();
    platform.close();
  }, 120000);

  it('sends nothing while the database is down, loses nothing, and sends once when it is back', async () => {
    const G = DEMO.groupId;
    const sec = await hub.token({ sub: 'sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
    const school = await hub.token({ sub: 'school', roles: ['MEMBER'], groups: [G], org: DEMO.schoolOrgId });
    const bot = await hub.token({ sub: 'bot', roles: ['REPORTER'], groups: [G] });
    await approveSchoolReturn(hub, G, 2025, { secretariat: sec, school });
    await confirmReturnGaps(hub, G, 2025, sec);
    const filled = dataOf(
      await hub.gql(`query($g: ID!) { annualReport(groupId: $g, year: 2025) { filled(template: "NATIONAL_2025") { fields { code value } } } }`, { g: G }, bot),
    ).annualReport.filled;
    // Last year accepted with these figures: no year-on-year warning, so the report can be sent without a confirmation.
    await recordAcceptedSubmission(hub, { groupId: G, year: 2024, target: 'national', template: 'NATIONAL_2024', version: 1, fields: filled.fields });
    const frozen = dataOf(
      await hub.gql(
        `mutation($g: ID!, $r: String!) { freezeReport(groupId: $g, year: 2025, template: "NATIONAL_2025", filledReport: $r) { submission { id status } } }`,
        { g: G, r: JSON.stringify(filled) },
        bot,
      ),
    ).freezeReport.submission;
    expect(frozen.status).toBe('VALIDATED');

    await relay.down();
    const failed = await hub.gql(`mutation($id: ID!) { sendSubmission(id: $id) { status } }`, { id: frozen.id }, bot);
    expect(codesOf(failed).length).toBeGreaterThan(0);
    expect(JSON.stringify(failed.body)).not.toMatch(/ECONN|mysql|3306|127\.0\.0\.1/i);
    expect(received).toEqual([]);

    await relay.up();
    // Each try is refused before anything is sent until the pool reconnects.
    const sent = await eventually(
      async () => dataOf(await hub.gql(`mutation($id: ID!) { sendSubmission(id: $id) { status } }`, { id: frozen.id }, bot)).sendSubmission,
    );
    expect(sent).toEqual({ status: 'ACCEPTED' });
    expect(received).toHaveLength(1);
  });
});
