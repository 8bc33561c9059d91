import fs from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLEnumType, GraphQLSchema, parse, validate } from 'graphql';
import { ConfigError, DirectoryEntry, MEMBERS_DIRECTORY_QUERIES, MembersDirectory, membersDirectory, requestDirectory, UNIT_CATEGORIES } from '@zjjt/kit';
import { inMemoryDirectory } from '@zjjt/kit/testing';

/** Members' API as committed (what `npm run compose` wrote and CI keeps in step with the code). */
const membersSchema = (): GraphQLSchema =>
  buildSubgraphSchema(parse(fs.readFileSync(path.resolve(__dirname, '../../../schema/subgraphs/members.graphql'), 'utf8')));

const env = { GATEWAY_SECRET: 'x'.repeat(32), MEMBERS_URL: 'http://127.0.0.1:4001/graphql' };

describe('the members directory against schema/subgraphs/members.graphql', () => {
  const schema = membersSchema();

  it('has a checked operation for every method of the real directory', () => {
    const methods = Object.keys(membersDirectory('kit-test', env)).sort();
    expect(methods).toEqual(['activeMembers', 'byId', 'byUscc', 'groupsInRegion']);
    expect(Object.keys(MEMBERS_DIRECTORY_QUERIES).sort()).toEqual(methods);
  });

  it.each(Object.entries(MEMBERS_DIRECTORY_QUERIES))('%s: members answers the operation as written', (_method, query) => {
    expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
  });

  it('knows every category members answers, and members answers every category it knows', () => {
    const category = schema.getType('OrganizationCategory');
    expect(category).toBeInstanceOf(GraphQLEnumType);
    expect((category as GraphQLEnumType).getValues().map((v) => v.name)).toEqual([...UNIT_CATEGORIES]);
  });

  it('reports a field members does not have (the check can fail)', () => {
    const wrong = MEMBERS_DIRECTORY_QUERIES.byId.replace('region', 'regionCode');
    expect(validate(schema, parse(wrong)).map((e) => e.message)).toEqual([expect.stringMatching(/^Cannot query field "regionCode" on type "Organization"/)]);
  });

  it('refuses a MEMBERS_URL that is not an http(s) URL, naming the variable', () => {
    expect(() => membersDirectory('kit-test', { ...env, MEMBERS_URL: 'members:4001' })).toThrow(ConfigError);
    expect(() => membersDirectory('kit-test', { ...env, MEMBERS_URL: 'members:4001' })).toThrow(/MEMBERS_URL/);
  });
});

describe('inMemoryDirectory', () => {
  const school: DirectoryEntry = {
    id: 'org-school',
    name: '示范职业学院',
    uscc: '12370112TESTSCHOOL',
    type: 'HIGHER_VOCATIONAL',
    category: 'SCHOOL',
    region: '370112',
  };
  const enterprise: DirectoryEntry = {
    id: 'org-ent',
    name: '示范装备有限公司',
    uscc: '91370112TESTENTERP',
    type: 'ENTERPRISE',
    category: 'ENTERPRISE',
    region: '370112',
  };
  const directory = inMemoryDirectory({ organizations: [school, enterprise], activeMembers: { 'group-1': ['org-ent', 'org-school'], 'group-2': [] } });

  it('answers by id and by USCC, and null for what it does not hold', async () => {
    expect(await directory.byId('org-school')).toEqual(school);
    expect(await directory.byUscc('91370112TESTENTERP')).toEqual(enterprise);
    expect(await directory.byId('org-unknown')).toBeNull();
    expect(await directory.byUscc('91350100M000100Y43')).toBeNull();
  });

  it("lists a group's active members in the order given; none for a group it does not hold", async () => {
    expect(await directory.activeMembers('group-1')).toEqual([enterprise, school]);
    expect(await directory.activeMembers('group-2')).toEqual([]);
    expect(await directory.activeMembers('group-unknown')).toEqual([]);
  });

  it('answers copies, so a caller cannot change it', async () => {
    const answer = (await directory.byId('org-school'))!;
    answer.name = '改过的名称';
    (await directory.activeMembers('group-1'))[1].region = '000000';
    expect(await directory.byId('org-school')).toEqual(school);
  });

  it('refuses members that are not among its organizations', () => {
    expect(() => inMemoryDirectory({ organizations: [school], activeMembers: { 'group-1': ['org-school', 'org-missing'] } })).toThrow(/org-missing/);
  });
});

describe('requestDirectory: the directory as one request reads it', () => {
  const unit: DirectoryEntry = { id: 'o-1', name: '单位一', uscc: '91370100MA3C5LXX1Y', type: 'ENTERPRISE', category: 'ENTERPRISE', region: '370100' };
  /** A directory that counts the groups it is asked for, and fails the first ask for group "flaky". */
  function counting() {
    const asked: string[] = [];
    const base = inMemoryDirectory({ organizations: [unit], activeMembers: { g1: ['o-1'], flaky: ['o-1'] } });
    const directory: MembersDirectory = {
      ...base,
      async activeMembers(groupId) {
        asked.push(groupId);
        if (groupId === 'flaky' && asked.filter((g) => g === 'flaky').length === 1) throw new Error('members is restarting');
        return base.activeMembers(groupId);
      },
    };
    return { asked, directory };
  }

  it('asks members for a group’s active members once per request, and again in the next request', async () => {
    const { asked, directory } = counting();
    const request = requestDirectory(directory);
    const [a, b] = await Promise.all([request.activeMembers('g1'), request.activeMembers('g1')]);
    expect(await request.activeMembers('g1')).toEqual([unit]);
    expect(a).toEqual([unit]);
    // Copies: a caller that changes its answer cannot change another part's.
    a[0].name = 'changed';
    expect(b[0].name).toBe('单位一');
    expect(asked).toEqual(['g1']);
    await requestDirectory(directory).activeMembers('g1');
    expect(asked).toEqual(['g1', 'g1']);
  });

  it('does not keep a failed read', async () => {
    const { asked, directory } = counting();
    const request = requestDirectory(directory);
    await expect(request.activeMembers('flaky')).rejects.toThrow('members is restarting');
    expect(await request.activeMembers('flaky')).toEqual([unit]);
    expect(asked).toEqual(['flaky', 'flaky']);
  });
});
