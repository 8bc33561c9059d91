import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { SignJWT } from 'jose';
import { DEMO } from '@zjjt/demo';
import { freePort, startGateway, stopChild } from '../scripts/lib/launch';
import { codesOf, dataOf, startTestHub, TestHub } from './harness';

// SECURITY.md — "Limits at the gateway": each line sent as a real request through the gateway.
let hub: TestHub;
let token: string;

beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token({ sub: 'limits', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

/** A valid query `depth` levels deep: membership → organization → memberships → organization → … */
const nest = (depth: number) => {
  let inner = 'id';
  for (let i = depth - 1; i >= 1; i -= 1) inner = `${i % 2 ? 'organization' : 'memberships'} { ${inner} }`;
  return `query { membership(id: "x") { ${inner} } }`;
};

describe('limits at the gateway', () => {
  it('refuses depth over 10 with QUERY_TOO_DEEP', async () => {
    const response = await hub.gql(nest(12), {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toContain('QUERY_TOO_DEEP');
    expect(response.body.errors!.find((e) => e.extensions?.code === 'QUERY_TOO_DEEP')!.message).toMatch(/嵌套超过 10 层/);
    expect(codesOf(await hub.gql(nest(3), {}, token))).toEqual([]);
  });

  it('refuses more than 15 aliases, __typename aliases included', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(codesOf(await hub.gql(`{ ${aliases} }`, {}, token))).toEqual(['TOO_MANY_ALIASES']);
    const fine = Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ');
    expect(codesOf(await hub.gql(`{ ${fine} }`, {}, token))).toEqual([]);
  });

  it('refuses more than 50 directives', async () => {
    const fields = (n: number) => Array.from({ length: n }, () => '__typename @include(if: true)').join(' ');
    expect(codesOf(await hub.gql(`{ ${fields(51)} }`, {}, token))).toEqual(['TOO_MANY_DIRECTIVES']);
    expect(codesOf(await hub.gql(`{ ${fields(50)} }`, {}, token))).toEqual([]);
  });

  it('refuses a query over the token cap before parsing it, with 400', async () => {
    const fields = Array.from({ length: 2100 }, () => '__typename').join(' ');
    const response = await hub.gql(`{ groups { ${fields} } }`, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses a fragment fan-out bomb and a query over the cost budget', async () => {
    const bomb = /* GraphQL */ `
      query { groups { ...A } }
      fragment A on Group { members(first: 100) { edges { node { ...B } } } }
      fragment B on Membership { organization { memberships { group { ...C } } } }
      fragment C on Group { members(first: 100) { edges { node { ...D } } } }
      fragment D on Membership { organization { id name type uscc region industry } history { id action } }
    `;
    const response = await hub.gql(bomb, {}, token);
    expect(response.status).toBe(400);
    expect(codesOf(response)[0]).toMatch(/QUERY_TOO_COSTLY|QUERY_TOO_DEEP/);
  });

  it('stops first: 99999999 at the gateway, whose cost estimate multiplies by it', async () => {
    expect(codesOf(await hub.gql('{ resources(first: 99999999) { totalCount } }', {}, token))).toEqual(['QUERY_TOO_COSTLY']);
  });

  it.each([
    ['group.members', `{ group(id: "${DEMO.groupId}") { members(first: 101) { totalCount } } }`],
    ['group.notices', `{ group(id: "${DEMO.groupId}") { notices(first: 101) { totalCount } } }`],
    ['resources', '{ resources(first: 101) { totalCount } }'],
    ['cooperations', '{ cooperations(first: 101) { totalCount } }'],
    ['trainingSessions', '{ trainingSessions(first: 101) { totalCount } }'],
    ['certificationBatches', '{ certificationBatches(first: 101) { totalCount } }'],
    ['myMessages', '{ myMessages(first: 101) { totalCount } }'],
    ['myResourceRequests', '{ myResourceRequests(direction: INCOMING, first: 101) { totalCount } }'],
  ])('caps every list argument: first over 100 on %s', async (_name, query) => {
    const member = await hub.token({ sub: 'caps', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
    const response = await hub.gql(query, {}, member);
    expect(codesOf(response)).toContain('BAD_USER_INPUT');
    expect(response.body.errors![0].message).toMatch(/1 到 100/);
  });

  it('answers a burst over the per-client rate with 429 RATE_LIMITED, per token subject', async () => {
    const port = await freePort();
    const gateway = await startGateway({ ...hub.env, RATE_LIMIT_PER_MINUTE: '5' }, port, hub.hub.subgraphUrls);
    try {
      const post = (t: string) =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
      const statuses = [];
      for (let i = 0; i < 7; i += 1) statuses.push((await post(token)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await post(token);
      expect(((await limited.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      const other = await hub.token({ sub: 'someone-else', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
      expect((await post(other)).status).toBe(200);
    } finally {
      await stopChild(gateway);
    }
  });

  it('answers within its time budget when a subgraph hangs', async () => {
    const port = await freePort();
    const gateway = await startGateway({ ...hub.env, REQUEST_TIMEOUT_MS: '1500', SUBGRAPH_TIMEOUT_MS: '10000' }, port, hub.hub.subgraphUrls);
    const resources = hub.hub.processes.get('resources')!;
    resources.kill('SIGSTOP');
    try {
      const started = Date.now();
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ resources(first: 5) { totalCount } }' }),
      });
      const elapsed = Date.now() - started;
      const body = (await response.json()) as any;
      expect(elapsed).toBeLessThan(4000);
      expect(body.errors).toEqual([expect.objectContaining({ path: ['resources'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } })]);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|aborted|timeout|4002/i);
    } finally {
      resources.kill('SIGCONT');
      await stopChild(gateway);
    }
  });
});

/** Every GraphQL query (not mutation) written in a file: template literals, quoted strings and ```graphql blocks. */
function queriesIn(file: string): string[] {
  const text = fs.readFileSync(path.join(__dirname, '..', file), 'utf8');
  const found = [...text.matchAll(/```graphql\n([\s\S]*?)```|`([^`]*)`|'((?:query|\{)[^']*)'/g)].map((m) => (m[1] ?? m[2] ?? m[3]).trim());
  return found.filter((q) => /^(query\b|\{ *[a-zA-Z])/.test(q) && !/^\{ *(status|errors)\b/.test(q)).map((q) => q.replace(/\$\{[^}]*\}/g, 'NATIONAL_2025'));
}

/** The bench's sources (bench/*.ts), whose queries must pass the limits like a client's. */
const benchFiles = fs
  .readdirSync(path.join(__dirname, '..', 'bench'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `bench/${f}`);

const LIMIT_CODES = ['QUERY_TOO_COSTLY', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_LARGE', 'NESTING_TOO_DEEP', 'STRING_TOO_LONG'];

describe('cost counts variables, default page sizes and unpaginated lists', () => {
  // groups (a list, counted as 20) × a members page of n × each member's memberships (a list, 20)
  const NESTED = /* GraphQL */ `query($n: Int) { groups { members(first: $n) { edges { node { organization { memberships { id role status } } } } } } }`;

  it('refuses first: $n with n = 100 as it refuses first: 100, and passes a small page', async () => {
    const literal = await hub.gql(NESTED.replace('($n: Int)', '').replace('first: $n', 'first: 100'), {}, token);
    expect(literal.status).toBe(400);
    expect(codesOf(literal)).toEqual(['QUERY_TOO_COSTLY']);
    const variable = await hub.gql(NESTED, { n: 100 }, token);
    expect(variable.status).toBe(400);
    expect(codesOf(variable)).toEqual(['QUERY_TOO_COSTLY']);
    expect(variable.body.errors![0].message).toMatch(/计算量超过上限 20000/);
    const defaulted = await hub.gql(NESTED.replace('$n: Int', '$n: Int = 100'), {}, token);
    expect(codesOf(defaulted)).toEqual(['QUERY_TOO_COSTLY']);
    const small = await hub.gql(NESTED, { n: 5 }, token);
    expect(small.status).toBe(200);
    expect(dataOf(small).groups.length).toBeGreaterThan(0);
  });

  it('counts a missing first as the default page of 20', async () => {
    const response = await hub.gql(NESTED.replace('($n: Int)', '').replace('(first: $n)', ''), {}, token);
    expect(codesOf(response)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('refuses 15 aliases of a nested member page, anonymous or not, with or without first', async () => {
    const alias = (i: number, first: string) =>
      `a${i}: group(id: "${DEMO.groupId}") { members${first} { edges { node { group { members${first} { edges { node { role status joinedOn organization { name type region } } } } } } } } }`;
    const attack = (first: string) => `query${first.includes('$n') ? '($n: Int)' : ''} { ${Array.from({ length: 15 }, (_, i) => alias(i, first)).join(' ')} }`;
    for (const [query, variables] of [
      [attack(''), {}],
      [attack('(first: $n)'), { n: 100 }],
      [attack('(first: 100)'), {}],
    ] as const) {
      for (const caller of [undefined, token]) {
        const response = await hub.gql(query, variables, caller);
        expect(response.status).toBe(400);
        expect(codesOf(response)).toEqual(['QUERY_TOO_COSTLY']);
      }
    }
  });

  it('still passes the README’s first query, the benchmark’s queries and the reporting bot’s', async () => {
    const queries = [...queriesIn('README.md'), ...benchFiles.flatMap(queriesIn), ...queriesIn('bot/report.ts')];
    expect(queries.length).toBeGreaterThanOrEqual(15);
    const reporter = await hub.token({ sub: 'bot', roles: ['REPORTER'], groups: [DEMO.groupId] });
    const variables = { groupId: DEMO.groupId, g: DEMO.groupId, year: 2025, y: 2025, t: 'NATIONAL_2025', id: DEMO.memberOrgId, baseId: 'b', noticeId: 'n' };
    for (const query of queries) {
      for (const caller of [token, reporter]) {
        const response = await hub.gql(query, variables, caller);
        expect([query.slice(0, 60), codesOf(response).filter((c) => LIMIT_CODES.includes(c as string))]).toEqual([query.slice(0, 60), []]);
        expect(response.status).toBe(200);
      }
    }
    expect(dataOf(await hub.gql(queriesIn('README.md')[0], {}, token)).group.members.totalCount).toEqual(expect.any(Number));
  });
});

describe('a client’s mistake is a 400 with its own code, never a 500', () => {
  it('two operations and no operationName, or a name that is not there', async () => {
    const two = 'query A { groups { id } } query B { groups { name } }';
    const missing = await hub.gql(two, {}, token);
    expect(missing.status).toBe(400);
    expect(codesOf(missing)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(missing.body.errors![0].message).toMatch(/operationName/);
    const unknown = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: two, operationName: 'C' }),
    });
    expect(unknown.status).toBe(400);
    const chosen = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: two, operationName: 'B' }),
    });
    expect(chosen.status).toBe(200);
  });

  it('a list literal nested 2,000 deep, or variables nested as deep', async () => {
    const literal = await hub.gql(`{ resources(first: 5, filter: { keyword: ${'['.repeat(2000)}${']'.repeat(2000)} }) { totalCount } }`, {}, token);
    expect(literal.status).toBe(400);
    expect(codesOf(literal)).toEqual(['NESTING_TOO_DEEP']);
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i += 1) deep = [deep];
    const variables = await hub.gql('query($k: String) { resources(first: 5, filter: { keyword: $k }) { totalCount } }', { k: deep }, token);
    expect(variables.status).toBe(400);
    expect(codesOf(variables)).toEqual(['NESTING_TOO_DEEP']);
  });

  it('a 100,000-character string, as a literal or a variable', async () => {
    const long = 'x'.repeat(100000);
    const literal = await hub.gql(`{ resources(first: 5, filter: { keyword: "${long}" }) { totalCount } }`, {}, token);
    const variable = await hub.gql('query($k: String) { resources(first: 5, filter: { keyword: $k }) { totalCount } }', { k: long }, token);
    for (const response of [literal, variable]) {
      expect(response.status).toBe(400);
      expect(codesOf(response)).toEqual(['STRING_TOO_LONG']);
      expect(response.body.errors![0].message).toMatch(/10,000 个字符/);
      expect(JSON.stringify(response.body)).not.toContain('xxxxxxxxxx');
    }
  });

  it('a search over 100 characters is refused where it is used; 100 still searches', async () => {
    const member = `query($s: String) { group(id: "${DEMO.groupId}") { members(search: $s) { totalCount } } }`;
    const resource = 'query($s: String) { resources(first: 5, filter: { keyword: $s }) { totalCount } }';
    for (const query of [member, resource]) {
      const refused = await hub.gql(query, { s: '机'.repeat(101) }, token);
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.body.errors![0].message).toMatch(/搜索词过长.*100/);
      expect(codesOf(await hub.gql(query, { s: '机'.repeat(100) }, token))).toEqual([]);
    }
  });
});

describe('a subgraph’s 4xx answer about a bad value reaches the client as BAD_USER_INPUT', () => {
  const RECORD = 'mutation($input: CooperationInput!) { recordCooperation(input: $input) { id } }';
  const COUNT = `{ cooperations(groupId: "${DEMO.groupId}", first: 1) { totalCount } }`;

  it.each(['12.345', '-5', '1,000'])('Money "%s" in a variable or a literal, and no row is written', async (amount) => {
    const member = await hub.token({ sub: 'money', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
    const partner = dataOf(await hub.gql(`{ organization(id: "${DEMO.secretariatOrgId}") { uscc } }`, {}, token)).organization.uscc;
    const before = dataOf(await hub.gql(COUNT, {}, member)).cooperations.totalCount;
    const input = { groupId: DEMO.groupId, partnerUscc: partner, year: 2025, projectName: '订单班', investment: amount };
    const viaVariable = await hub.gql(RECORD, { input }, member);
    const viaLiteral = await hub.gql(
      `mutation { recordCooperation(input: { groupId: "${DEMO.groupId}", partnerUscc: "${partner}", year: 2025, projectName: "订单班", investment: "${amount}" }) { id } }`,
      {},
      member,
    );
    for (const response of [viaVariable, viaLiteral]) {
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0]).toMatchObject({ path: ['recordCooperation'], extensions: { code: 'BAD_USER_INPUT' } });
      expect(response.body.errors![0].message).toMatch(/^(Variable .*; )?金额应为以元为单位/);
      expect(JSON.stringify(response.body)).not.toMatch(/SUBGRAPH_UNAVAILABLE|暂时无法获取|locations|127\.0\.0\.1/);
    }
    expect(dataOf(await hub.gql(COUNT, {}, member)).cooperations.totalCount).toBe(before);
  });

  it('LocalDate "2025-02-30"', async () => {
    const member = await hub.token({ sub: 'dates', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId });
    const input = {
      groupId: DEMO.groupId,
      kind: 'EQUIPMENT',
      title: '数控机床',
      capacity: 5,
      periodStart: '2025-02-30',
      periodEnd: '2025-12-31',
      visibility: 'GROUP',
    };
    const response = await hub.gql('mutation($input: ResourceInput!) { createResource(input: $input) { id } }', { input }, member);
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors![0].message).toMatch(/日期格式应为 YYYY-MM-DD/);
  });
});

describe('tokens: exp required, lifetime capped, small clock skew only', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('lifetime');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(hub.env.JWT_SECRET));
  };
  const QUERY = `{ organization(id: "${DEMO.memberOrgId}") { contact { contactPhone } } }`;

  it.each([
    ['no exp', () => ({ iat: now() })],
    ['no exp and no iat', () => ({})],
    ['iat a year in the future', () => ({ iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 3600 })],
    ['iat five minutes in the future', () => ({ iat: now() + 300, exp: now() + 3600 })],
    ['a lifetime of 48 hours', () => ({ iat: now(), exp: now() + 48 * 3600 })],
    ['a lifetime of a year, no iat', () => ({ exp: now() + 365 * 86400 })],
  ])('refuses a token with %s: 401', async (_label, claims) => {
    const response = await hub.gql(QUERY, {}, await sign(claims()));
    expect(response.status).toBe(401);
    expect(codesOf(response)).toEqual(['UNAUTHENTICATED']);
  });

  it.each([
    ['12 hours (npm start’s and npm run token’s default)', () => ({ iat: now(), exp: now() + 12 * 3600 })],
    ['24 hours exactly', () => ({ iat: now(), exp: now() + 24 * 3600 })],
    ['an iat 30 s ahead (clock skew)', () => ({ iat: now() + 30, exp: now() + 3600 })],
    ['no iat and 1 hour left', () => ({ exp: now() + 3600 })],
  ])('accepts a token of %s', async (_label, claims) => {
    const response = await hub.gql(QUERY, {}, await sign(claims()));
    expect(dataOf(response).organization.contact.contactPhone).toEqual(expect.any(String));
  });

  it('accepts the tokens the scripts mint; npm run token refuses an --expires over the cap', async () => {
    expect(dataOf(await hub.gql(QUERY, {}, token)).organization.contact.contactPhone).toEqual(expect.any(String));
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            path.join(__dirname, '..', 'dist', 'scripts', 'token.js'),
            '--role',
            'SECRETARIAT',
            '--group',
            DEMO.groupId,
            '--org',
            DEMO.secretariatOrgId,
            ...args,
          ],
          {
            env: { PATH: process.env.PATH, GATEWAY_SECRET: hub.env.GATEWAY_SECRET, JWT_SECRET: hub.env.JWT_SECRET, PII_KEY: hub.env.PII_KEY },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.once('exit', (code) => resolve({ code, out, err }));
      });
    const minted = await run();
    expect(minted.code).toBe(0);
    expect(dataOf(await hub.gql(QUERY, {}, minted.out.trim())).organization.contact.contactPhone).toEqual(expect.any(String));
    const tooLong = await run('--expires', '48h');
    expect(tooLong.code).toBe(2);
    expect(tooLong.out).toBe('');
    expect(tooLong.err).toMatch(/JWT_MAX_LIFETIME_SECONDS/);
  });
});

describe('/metrics and /ready', () => {
  it('labels only known routes: 300 random paths add one "other" series, not 300', async () => {
    const port = await freePort();
    const gateway = await startGateway({ ...hub.env, METRICS_TOKEN: 'm'.repeat(32) }, port, hub.hub.subgraphUrls);
    try {
      const base = `http://127.0.0.1:${port}`;
      const read = async () => (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${'m'.repeat(32)}` } })).text();
      await fetch(`${base}/no-such-path`);
      await read(); // the /metrics route's own series exists before the comparison starts
      const before = await read();
      for (let i = 0; i < 300; i += 1) expect((await fetch(`${base}/probe-${i}-${Math.random().toString(36).slice(2)}`)).status).toBe(404);
      const after = await read();
      expect(after).not.toMatch(/route="\/probe-/);
      expect(after).toMatch(/zjjt_gateway_http_requests_total\{route="other",status="404"\} 301/);
      expect(after.length - before.length).toBeLessThan(2000);
    } finally {
      await stopChild(gateway);
    }
  });

  it('rate-limits /metrics and /ready per address', async () => {
    const port = await freePort();
    const gateway = await startGateway({ ...hub.env, OPS_RATE_LIMIT_PER_MINUTE: '40' }, port, hub.hub.subgraphUrls);
    try {
      for (const route of ['/metrics', '/ready']) {
        const statuses: number[] = [];
        for (let i = 0; i < 42; i += 1) statuses.push((await fetch(`http://127.0.0.1:${port}${route}`)).status);
        // startGateway's own readiness polls count against /ready's allowance too.
        expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
        expect(statuses.slice(-2)).toEqual([429, 429]);
        const limited = await fetch(`http://127.0.0.1:${port}${route}`);
        expect(((await limited.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      }
    } finally {
      await stopChild(gateway);
    }
  });

  it('a production gateway refuses to start without METRICS_TOKEN', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'gateway', 'src', 'index.js')], {
      env: {
        PATH: process.env.PATH,
        GATEWAY_SECRET: hub.env.GATEWAY_SECRET,
        JWT_SECRET: hub.env.JWT_SECRET,
        NODE_ENV: 'production',
        GATEWAY_PORT: String(await freePort()),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000); // a gateway that starts would never exit by itself
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(output).toMatch(/METRICS_TOKEN is required with NODE_ENV=production/);
  });
});
