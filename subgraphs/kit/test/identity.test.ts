import fs from 'node:fs';
import path from 'node:path';
import { Ctx, Query, Resolver } from 'type-graphql';
import { Claims, IDENTITY_HEADER, IDENTITY_MAX_AGE_MS, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { HubContext, Subgraph, viewerOf, withRegionGroups } from '@zjjt/kit';
import { createTestSubgraph, dropTestDatabase } from '@zjjt/kit/testing';

/** The kit's server in front of one query that says who the subgraph thinks is asking. */
@Resolver()
class WhoamiResolver {
  @Query(() => String)
  whoami(@Ctx() ctx: HubContext<object>): string {
    return ctx.viewer.isAnonymous ? 'anonymous' : `${ctx.viewer.userId} ${ctx.viewer.roles.join(',')}`;
  }
}

let sg: Subgraph<object>;
let url: string;
const claims: Claims = { sub: 'sec-user', org: 'org-1', groups: ['group-1'], roles: ['SECRETARIAT'] };
const otherSubgraphSecret = 'o'.repeat(32);

beforeAll(async () => {
  sg = await createTestSubgraph({ name: 'identity', defaultPort: 0, entities: [], migrations: [], resolvers: [WhoamiResolver], createLoaders: () => ({}) });
  await new Promise<void>((resolve) => sg.httpServer.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(sg.httpServer.address() as { port: number }).port}/graphql`;
});

afterAll(async () => {
  await sg?.close();
  if (sg?.config.database.type === 'sqlite') fs.rmSync(path.dirname(sg.config.database.file), { recursive: true, force: true });
  else if (sg) await dropTestDatabase(sg.config.database);
});

/** Calls the subgraph with its own gateway secret and the given identity header. */
async function ask(identity?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', [SECRET_HEADER]: sg.config.gatewaySecret };
  if (identity !== undefined) headers[IDENTITY_HEADER] = identity;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: '{ whoami }' }) });
  return {
    status: response.status,
    body: (await response.json()) as { data?: { whoami: string }; errors?: { message: string; extensions: { code: string } }[] },
  };
}

describe('a subgraph reads only an identity signed for it', () => {
  it('knows the user of an identity signed with its own secret just now', async () => {
    expect(await ask(signIdentity(claims, sg.config.gatewaySecret))).toEqual({ status: 200, body: { data: { whoami: 'sec-user SECRETARIAT' } } });
  });

  it('treats a call without an identity as anonymous', async () => {
    expect(await ask()).toEqual({ status: 200, body: { data: { whoami: 'anonymous' } } });
  });

  it.each([
    ['unsigned (base64url claims, the old encoding)', () => Buffer.from(JSON.stringify(claims)).toString('base64url')],
    ['signed with another subgraph’s secret', () => signIdentity(claims, otherSubgraphSecret)],
    ['replayed past its max age', () => signIdentity(claims, sg.config.gatewaySecret, Date.now() - IDENTITY_MAX_AGE_MS - 1000)],
    [
      'signed for someone else, with the claims swapped',
      () => {
        const [, signedAt, signature] = signIdentity({ ...claims, roles: ['MEMBER'] }, sg.config.gatewaySecret).split('.');
        return [Buffer.from(JSON.stringify({ ...claims, roles: ['AUTHORITY'] })).toString('base64url'), signedAt, signature].join('.');
      },
    ],
  ])('refuses an identity that is %s with 401, before any GraphQL runs', async (_label, make) => {
    const { status, body } = await ask(make());
    expect(status).toBe(401);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.errors![0].message).toMatch(/^身份凭证无效或已过期.*\(invalid or expired identity\)$/);
  });
});

describe('an authority reads the groups of its region', () => {
  const viewer = (claims: Record<string, unknown>) => viewerOf(claims);
  it('reads the groups registered in its region when the request arrives, whatever its token listed', async () => {
    const registered: Record<string, string[]> = { '37': ['g-jinan', 'g-qingdao'], '44': [] };
    const asked: string[] = [];
    const inRegion = async (region: string) => (asked.push(region), registered[region] ?? []);
    const shandong = await withRegionGroups(viewer({ sub: 'a', roles: ['AUTHORITY'], groups: ['g-guangzhou'], region: '37' }), inRegion);
    expect([...shandong.groupIds]).toEqual(['g-jinan', 'g-qingdao']);
    registered['37'].push('g-yantai');
    expect([...(await withRegionGroups(viewer({ sub: 'a', roles: ['AUTHORITY'], groups: [], region: '37' }), inRegion)).groupIds]).toContain('g-yantai');
    expect([...(await withRegionGroups(viewer({ sub: 'n', roles: ['AUTHORITY'], groups: ['g-jinan'] }), inRegion)).groupIds]).toEqual([]);
    // Others, and the service identity, as they are, without a look-up.
    const member = viewer({ sub: 'm', roles: ['MEMBER'], groups: ['g-jinan'] });
    expect(await withRegionGroups(member, inRegion)).toBe(member);
    const service = viewer({ sub: 'service:bases', roles: ['AUTHORITY'], groups: [], region: '' });
    expect(await withRegionGroups(service, inRegion)).toBe(service);
    expect(asked).toEqual(['37', '37']);
  });

  it('reads the groups in its groupIds (those of its region) and no other', () => {
    const shandong = viewer({ sub: 'a', roles: ['AUTHORITY'], groups: ['g-jinan', 'g-qingdao'], region: '37' });
    expect(shandong.region).toBe('37');
    expect(['g-jinan', 'g-qingdao', 'g-guangzhou'].map((g) => [shandong.canRead(g), shandong.canReadAllUnitsOf(g), shandong.isAuthorityOf(g)])).toEqual([
      [true, true, true],
      [true, true, true],
      [false, false, false],
    ]);
    const elsewhere = viewer({ sub: 'b', roles: ['AUTHORITY'], groups: [], region: '44' });
    expect([elsewhere.canRead('g-jinan'), elsewhere.canReadAllUnitsOf('g-jinan'), elsewhere.readsEveryRegion]).toEqual([false, false, false]);
    // A member naming a group is no authority of it.
    expect(viewer({ sub: 'm', roles: ['MEMBER'], groups: ['g-jinan'], region: '' }).isAuthorityOf('g-jinan')).toBe(false);
  });

  it('the subgraphs’ own service identity (region "") reads every group, as their directory calls need', () => {
    const service = viewer({ sub: 'service:resources', roles: ['AUTHORITY'], groups: [], region: '' });
    expect([service.readsEveryRegion, service.canRead('g-any'), service.canReadAllUnitsOf('g-any')]).toEqual([true, true, true]);
  });
});
