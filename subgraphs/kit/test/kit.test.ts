import { GraphQLError } from 'graphql';
import { IdentityError, signIdentity } from '@zjjt/contract';
import { ConfigError, decodeCursor, encodeCursor, isLocalDate, loadSubgraphConfig, MAX_PAGE_SIZE, pageSize, readDatabase, readIdentity } from '@zjjt/kit';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as GraphQLError).extensions?.code;
  }
  return 'no error';
};

describe('cursors', () => {
  it('round-trips the sort value and id', () => {
    expect(decodeCursor(encodeCursor('齐鲁机床', 'org-1'))).toEqual({ sortValue: '齐鲁机床', id: 'org-1' });
    expect(decodeCursor(encodeCursor(3, 'm-2'))).toEqual({ sortValue: 3, id: 'm-2' });
  });

  it('rejects a cursor that was not made by the hub', () => {
    expect(codeOf(() => decodeCursor('not-a-cursor'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(Buffer.from('{"a":1}').toString('base64url')))).toBe('BAD_USER_INPUT');
  });

  it('caps the page size', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(MAX_PAGE_SIZE)).toBe(MAX_PAGE_SIZE);
    expect(codeOf(() => pageSize(99999999))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageSize(0))).toBe('BAD_USER_INPUT');
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2023-02-29')).toBe(false);
    expect(isLocalDate('2024-6-1')).toBe(false);
  });
});

describe('config', () => {
  const secret = 's'.repeat(32);

  it('fails fast naming the missing or bad variable', () => {
    expect(() => loadSubgraphConfig('members', 4001, {})).toThrow(/GATEWAY_SECRET/);
    expect(() => loadSubgraphConfig('members', 4001, { GATEWAY_SECRET: secret, MEMBERS_PORT: 'abc' })).toThrow(/MEMBERS_PORT/);
    expect(() => loadSubgraphConfig('members', 4001, { GATEWAY_SECRET: secret, DATABASE_URL: 'postgres://x/y' })).toThrow(ConfigError);
    expect(() => loadSubgraphConfig('members', 4001, { GATEWAY_SECRET: secret, MEMBERS_DATABASE_URL: 'nonsense' })).toThrow(/MEMBERS_DATABASE_URL/);
  });

  it('gives each subgraph its own database', () => {
    expect(readDatabase({}, 'members')).toMatchObject({ type: 'sqlite' });
    expect(readDatabase({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/zjjt' }, 'members')).toMatchObject({ type: 'mysql', database: 'zjjt_members' });
    expect(readDatabase({ DATABASE_URL: 'mysql://root@h/zjjt', MEMBERS_DATABASE_URL: 'mysql://u:p@db:3306/people' }, 'members')).toMatchObject({
      database: 'people',
    });
  });
});

describe('identity', () => {
  const secret = 'k'.repeat(32);

  it('reads forwarded claims and drops unknown roles', () => {
    const header = signIdentity({ sub: 'u1', org: 'o1', groups: ['g1'], roles: ['MEMBER', 'ROOT'] }, secret);
    const viewer = readIdentity(header, secret);
    expect(viewer.roles).toEqual(['MEMBER']);
    expect(viewer.canRead('g1')).toBe(true);
    expect(viewer.canRead('g2')).toBe(false);
    expect(viewer.isSecretariatOf('g1')).toBe(false);
  });

  it('is anonymous without a header', () => {
    expect(readIdentity(undefined, secret).isAnonymous).toBe(true);
  });

  it('refuses claims that are not signed with its secret', () => {
    const unsigned = Buffer.from(JSON.stringify({ sub: 'u1', org: 'o1', groups: ['g1'], roles: ['AUTHORITY'] })).toString('base64url');
    expect(() => readIdentity(unsigned, secret)).toThrow(IdentityError);
  });
});
