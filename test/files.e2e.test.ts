import http from 'node:http';
import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, SECRET_HEADER, verifyIdentity } from '@zjjt/contract';
import { freePort, startGateway, stopChild } from '../scripts/lib/launch';
import { mintToken } from '../scripts/lib/tokens';
import { SUBGRAPHS } from '../scripts/services';
import { eventually } from './processes';

const SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const WORKBOOK = randomBytes(64 * 1024);
const CAP = 1024 * 1024;
const TIMEOUT_MS = 1500;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** What the fake subgraph received in full, in order; and every request it heard of, even one cut off. */
const seen: Seen[] = [];
let arrivals = 0;

/** Plays a subgraph's /files routes; it never checks the secret, so the test can see what arrives. */
const subgraph = http.createServer((req, res) => {
  if (req.url === '/ready' || req.url === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
  arrivals++;
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const path = req.url!.split('?')[0];
    if (path === '/files/echo') {
      res
        .writeHead(200, { 'content-type': SHEET, 'content-disposition': 'attachment; filename="x.xlsx"', 'x-internal': 'db-1:3306', 'set-cookie': 'sid=1' })
        .end(WORKBOOK);
    } else if (path === '/files/upload') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }));
    } else if (path !== '/files/slow') {
      res.writeHead(404).end();
    }
  });
});

let gateway: ChildProcess;
let base: string;
let subgraphPort: number;
const gatewayEnv = {
  GATEWAY_SECRET: randomBytes(32).toString('base64url'),
  JWT_SECRET: randomBytes(32).toString('base64url'),
  MAX_UPLOAD_BYTES: String(CAP),
  FILE_TIMEOUT_MS: String(TIMEOUT_MS),
  LOG_LEVEL: 'warn',
};
const claims = { sub: 'files-e2e', roles: ['MEMBER'], groups: ['g1'], org: 'o1' };
let token: string;
const logs: string[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  subgraphPort = (subgraph.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${subgraphPort}/graphql`;
  const port = await freePort();
  // Every subgraph is the fake one, so the gateway is ready without real subgraphs.
  gateway = await startGateway(gatewayEnv, port, Object.fromEntries(SUBGRAPHS.map((entry) => [entry.name, url])), (_service, line) => logs.push(line));
  base = `http://127.0.0.1:${port}`;
  token = await mintToken(gatewayEnv.JWT_SECRET, claims);
}, 60000);

afterAll(async () => {
  if (gateway) await stopChild(gateway);
  subgraph.closeAllConnections();
  await new Promise((resolve) => subgraph.close(resolve));
});

const last = () => seen[seen.length - 1];
const upload = (body: RequestInit['body'], headers: Record<string, string> = {}) =>
  fetch(`${base}/files/members/upload`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': SHEET, ...headers },
    body,
    duplex: 'half',
  });
const codeOf = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code;

describe('the /files route', () => {
  it('streams a download back with only its content headers, and forwards only what it must', async () => {
    const forged = Buffer.from(JSON.stringify({ sub: 'x', roles: ['AUTHORITY'], groups: ['g1'] })).toString('base64url');
    const response = await fetch(`${base}/files/members/echo?year=2025&q=%E6%9C%BA%E5%BA%8A`, {
      headers: { authorization: `Bearer ${token}`, accept: SHEET, [IDENTITY_HEADER]: forged, [SECRET_HEADER]: 'guess', 'x-evil': '1', cookie: 'a=b' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(SHEET);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="x.xlsx"');
    expect(response.headers.get('x-internal')).toBeNull();
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(Buffer.from(await response.arrayBuffer()).equals(WORKBOOK)).toBe(true);

    const request = last();
    expect(request).toMatchObject({ method: 'GET', url: '/files/echo?year=2025&q=%E6%9C%BA%E5%BA%8A' });
    expect(request.headers[SECRET_HEADER]).toBe(gatewayEnv.GATEWAY_SECRET);
    expect(verifyIdentity(request.headers[IDENTITY_HEADER] as string, gatewayEnv.GATEWAY_SECRET)).toEqual(claims);
    expect(request.headers[REQUEST_ID_HEADER]).toBe(response.headers.get(REQUEST_ID_HEADER));
    expect(request.headers.accept).toBe(SHEET);
    for (const name of ['authorization', 'x-evil', 'cookie']) expect(request.headers[name]).toBeUndefined();
  });

  it('sends no identity for an anonymous caller', async () => {
    const response = await fetch(`${base}/files/resources/echo`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    expect(last().headers[IDENTITY_HEADER]).toBeUndefined();
    expect(last().headers[SECRET_HEADER]).toBe(gatewayEnv.GATEWAY_SECRET);
  });

  it('streams an upload through byte for byte', async () => {
    const file = randomBytes(500 * 1024);
    const response = await upload(file);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ bytes: file.length, sha256: createHash('sha256').update(file).digest('hex') });
    expect(last().headers['content-length']).toBe(String(file.length));
  });

  it('refuses a declared length over the cap before the subgraph hears of it', async () => {
    const before = arrivals;
    const response = await upload(randomBytes(CAP + 1));
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe('PAYLOAD_TOO_LARGE');
    expect(arrivals).toBe(before);
  });

  it('cuts off a streamed body that grows past the cap', async () => {
    const before = seen.length;
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 2 * CAP) return controller.close();
        sent += 64 * 1024;
        controller.enqueue(randomBytes(64 * 1024));
      },
    });
    const response = await upload(stream);
    expect(response.status).toBe(413);
    expect(await codeOf(response)).toBe('PAYLOAD_TOO_LARGE');
    expect(seen.length).toBe(before); // the subgraph saw the request aborted, never a whole body
  });

  it('refuses simple content types (no CORS preflight) and a missing one', async () => {
    for (const type of ['text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const response = await upload('x', { 'content-type': type });
      expect(response.status).toBe(400);
      expect(await codeOf(response)).toBe('BAD_REQUEST');
    }
    const untyped = await fetch(`${base}/files/members/upload`, { method: 'POST', body: new Uint8Array([1, 2, 3]) });
    expect(untyped.status).toBe(400);
  });

  it('refuses a bad token with 401 and an unknown subgraph with 404', async () => {
    const bad = await fetch(`${base}/files/members/echo`, { headers: { authorization: 'Bearer not.a.token' } });
    expect(bad.status).toBe(401);
    expect(await codeOf(bad)).toBe('UNAUTHENTICATED');
    const unknown = await fetch(`${base}/files/nosuch/echo`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(404);
    expect(await codeOf(unknown)).toBe('NOT_FOUND');
  });

  it('never lets a path climb out of /files/ on the subgraph', async () => {
    const before = arrivals;
    const status = await new Promise<number>((resolve, reject) =>
      // Raw, as a client that does not normalize the path would send it.
      http
        .get({ host: '127.0.0.1', port: new URL(base).port, path: '/files/members/../../graphql' }, (res) => resolve(res.resume().statusCode!))
        .on('error', reject),
    );
    expect(status).toBe(404);
    expect(arrivals).toBe(before);
  });

  it('answers a subgraph that hangs with a masked 502 within the timeout', async () => {
    const started = Date.now();
    const response = await fetch(`${base}/files/members/slow`, { headers: { authorization: `Bearer ${token}` } });
    const text = await response.text();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
    expect(response.status).toBe(502);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|http:/);
    expect(text).not.toContain(String(subgraphPort));
    const logged = () => logs.some((line) => line.includes('file transfer failed') && line.includes(response.headers.get(REQUEST_ID_HEADER)!));
    await eventually(logged, { message: 'the gateway logged the failed transfer with its request id' });
  });
});
