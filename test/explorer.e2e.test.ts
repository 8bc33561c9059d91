import fs from 'node:fs';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import { ConfigError, loadGatewayConfig } from '../gateway/src/config';
import { EXAMPLE_OPERATIONS } from '../web/explorer/examples';
import { launchBrowser } from './browser';
import { codesOf, dataOf, startTestHub, TestHub } from './harness';

/**
 * The GraphQL explorer the gateway serves itself (web/explorer, GraphiQL bundled at build time):
 * in a browser that can reach nothing but loopback it loads, takes a token and runs the README's
 * member-list query; in production it is off unless EXPLORER=on, and then the schema is read by
 * signed-in users only.
 */
let hub: TestHub;
let secretariat: string;
const memberList = EXAMPLE_OPERATIONS.find((example) => example.query.startsWith('query MemberList '))!;

beforeAll(async () => {
  hub = await startTestHub();
  secretariat = await hub.token({ sub: 'e2e-explorer', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 180000);

afterAll(() => hub?.stop(), 60000);

const root = path.join(__dirname, '..');
const origin = (graphqlUrl: string) => new URL(graphqlUrl).origin;
const introspect = (url: string, token?: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: '{ __schema { queryType { name } types { name } } }' }),
  }).then(async (response) => ({ status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } }));

describe('the explorer in a browser', () => {
  it('loads with nothing from outside, takes a token, runs the member-list tab and shows the demo members and the schema', async () => {
    const { members } = dataOf(await hub.gql(memberList.query, undefined, secretariat)).group;
    const expected = members.edges.map((edge: { node: { organization: { name: string } } }) => edge.node.organization.name) as string[];
    expect(expected.length).toBeGreaterThan(0);

    const browser = await launchBrowser();
    // The browser opens the gateway itself and is sent on to the explorer.
    const opened = await browser.open(`${origin(hub.url)}/`);
    const { page, blocked, errors } = opened;
    await page.setViewportSize({ width: 1366, height: 2400 });
    expect(new URL(page.url()).pathname).toBe('/explorer/');

    // The README's operations are the saved tabs.
    const tabs = page.locator('.graphiql-tab');
    await expect(tabs.allInnerTexts()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('MemberList'), expect.stringContaining('Portal')]));

    await page.getByLabel('令牌 (token)').fill(secretariat);
    await page.getByText('已登录').waitFor();
    expect(await page.evaluate("sessionStorage.getItem('zjjt-hub.explorer.token')")).toBe(secretariat);

    await tabs.filter({ hasText: 'MemberList' }).click();
    const answered = page.waitForResponse((response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('MemberList'));
    await page.locator('.graphiql-execute-button').click();
    const response = await answered;
    expect(response.request().headers().authorization).toBe(`Bearer ${secretariat}`);
    const shown = page.locator('.result-window .view-lines');
    await shown.getByText('totalCount').waitFor();
    // The editor wraps long lines: compared without white space (its spaces are no-break spaces).
    const text = (await shown.innerText()).replace(/\s+/g, '');
    expect(expected.filter((name) => text.includes(name.replace(/\s+/g, '')))).toEqual(expected);
    expect(text).toContain(`"totalCount":${members.totalCount}`);

    // Documentation from the schema, introspected through the gateway with the token.
    await page.getByLabel('Show Documentation Explorer').click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
    await page.locator('.graphiql-doc-explorer').getByText('groupByCode').first().waitFor();

    const file = await opened.screenshot('explorer-member-list');
    expect(fs.statSync(file).size).toBeGreaterThan(10000);
    expect(blocked).toEqual([]);
    expect(errors).toEqual([]);
  }, 120000);
});

describe('the explorer over HTTP', () => {
  const production = { NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(32) };

  it('sends a browser that opens the endpoint to the explorer in development, and a query to Apollo', async () => {
    for (const pathname of ['/', '/graphql']) {
      const page = await fetch(`${origin(hub.url)}${pathname}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect([page.status, page.headers.get('location')]).toEqual([302, '/explorer/']);
    }
    const bare = await fetch(`${origin(hub.url)}/explorer`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/explorer/']);
    const explorer = await fetch(`${origin(hub.url)}/explorer/`);
    expect(explorer.status).toBe(200);
    expect(explorer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await explorer.text()).toContain('<div id="root">');
    const query = await fetch(`${hub.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'text/html, application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('is off in production by default: no page, no redirect, no introspection', async () => {
    const gateway = await hub.gateway(production);
    try {
      expect((await fetch(`${origin(gateway.url)}/explorer/`)).status).toBe(404);
      const landing = await fetch(`${origin(gateway.url)}/`, { headers: { accept: 'text/html' }, redirect: 'manual' });
      expect(landing.status).not.toBe(302);
      const anonymous = await introspect(gateway.url);
      expect(anonymous.body.data).toBeUndefined();
      expect(JSON.stringify(anonymous.body.errors)).toMatch(/introspection/i);
      const signedIn = await introspect(gateway.url, secretariat);
      expect(signedIn.body.data).toBeUndefined();
    } finally {
      await gateway.kill();
    }
  }, 60000);

  it('with EXPLORER=on in production serves the page and answers introspection to signed-in users only', async () => {
    const gateway = await hub.gateway({ ...production, EXPLORER: 'on' });
    try {
      const page = await fetch(`${origin(gateway.url)}/explorer/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

      const anonymous = await introspect(gateway.url);
      expect(anonymous.status).toBe(200);
      expect(anonymous.body.data).toBeUndefined();
      expect(codesOf(anonymous)).toEqual(['UNAUTHENTICATED']);
      expect(anonymous.body.errors![0].message).toMatch(/^查看接口结构须先登录.*\(introspection needs a signed-in user\)$/);
      // A single __type reads the schema too.
      const oneTypeProduction = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __type(name: "Group") { fields { name } } }' }),
      }).then((r) => r.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>);
      expect(oneTypeProduction.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);

      // Ordinary anonymous queries still answer (__typename reads no schema).
      const portal = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename groupByCode(code: "sdjx") { name } }' }),
      }).then((r) => r.json() as Promise<{ data?: { groupByCode?: { name: string } } }>);
      expect(portal.data?.groupByCode?.name).toBe(dataOf(await hub.gql('{ groupByCode(code: "sdjx") { name } }')).groupByCode.name);

      const signedIn = await introspect(gateway.url, secretariat);
      expect(signedIn.body.errors).toBeUndefined();
      expect(signedIn.body.data.__schema.queryType.name).toBe('Query');
      expect(signedIn.body.data.__schema.types.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['Group', 'Organization']));
    } finally {
      await gateway.kill();
    }
  }, 60000);
});

describe("the explorer's saved tabs", () => {
  it('are the operations the README and the docs show, character for character', () => {
    const shown = ['README.md', 'docs/members.md'].flatMap((file) =>
      [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/```graphql\n([\s\S]*?)\n```/g)].map((m) => ({ file, query: m[1] })),
    );
    expect(shown.map((s) => s.file)).toEqual(['README.md', 'docs/members.md']);
    const queries = EXAMPLE_OPERATIONS.map((example) => example.query);
    expect(shown.filter((s) => !queries.includes(s.query))).toEqual([]);
    expect(queries.filter((query) => !shown.some((s) => s.query === query))).toEqual([]);
  });
});

describe('the EXPLORER switch', () => {
  const base = { GATEWAY_SECRET: 's'.repeat(32), JWT_SECRET: 'j'.repeat(32) };

  it('is on in development, off in production, and only on or off', () => {
    expect(loadGatewayConfig(base).explorer).toBe(true);
    expect(loadGatewayConfig({ ...base, EXPLORER: 'off' }).explorer).toBe(false);
    const production = { ...base, NODE_ENV: 'production', METRICS_TOKEN: 'm'.repeat(32) };
    expect(loadGatewayConfig(production).explorer).toBe(false);
    expect(loadGatewayConfig({ ...production, EXPLORER: 'on' }).explorer).toBe(true);
    expect(() => loadGatewayConfig({ ...base, EXPLORER: 'yes' })).toThrow(new ConfigError('EXPLORER must be on or off, got "yes"'));
  });
});
