import fs from 'node:fs';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLEnumType, GraphQLSchema, parse, validate } from 'graphql';
import { ConfigError, DirectoryEntry, MEMBERS_DIRECTORY_QUERIES, membersDirectory, UNIT_CATEGORIES } from '@zjjt/kit';
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
