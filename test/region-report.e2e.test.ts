import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, GraphQLNamedType, GraphQLObjectType, getNamedType, isObjectType } from 'graphql';
import { DEMO, orgId } from '@zjjt/demo';
import { approveSchoolReturn, codesOf, dataOf, recordAcceptedSubmission, startTestHub, TestHub } from './harness';

/**
 * The authority's roll-up through the gateway (`regionReport`): the demo groups are sdjx (Jinan 370100,
 * 行业型 INDUSTRY) and qdzz (Qingdao 370200, 区域型 REGIONAL), and two enterprises (qdgkjx, qddq) are members of
 * both. The roll-up is checked against the two groups' own annual reports read by the same authority.
 */
let hub: TestHub;
const tokens: Record<string, string> = {};
const YEAR = 2025;
const [G1, G2] = [DEMO.groupId, DEMO.secondGroupId];
const SHARED = orgId('qdgkjx');

const SECTIONS = /* GraphQL */ `
  membership { total enterprises schools aboveDesignatedSize fortune500 byType { type count } byRole { role count } joined exited }
  sharing { cooperations orderClassStudents apprentices teacherPracticeDays investment investmentReceived serviceIncome resourcesPosted { kind count } }
  training { personTimes socialPersonTimes sessions hours revenue candidates passed distinctPersons socialDistinctPersons byCategory { category personTimes } }
  revenue { entries total bySource { source amount } }
  activities { meetings meetingsByKind { kind count } }
  competitions { competitions organized hosted awards }
  returns { approved expected enrolledStudents fullTimeTeachers graduates employedGraduates employees }
  indicators { trainingPerStudent serviceIncomePerTeacherWan enterpriseSharePercent employmentRatePercent passRatePercent }
`;
const REGION = `query($y: Int!, $r: String, $t: GroupType) { regionReport(year: $y, region: $r, groupType: $t) { id year region groupType groupIds ${SECTIONS} } }`;
const GROUP = `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { ${SECTIONS} } }`;

const region = async (token: string, variables: Record<string, unknown> = {}) => dataOf(await hub.gql(REGION, { y: YEAR, ...variables }, token)).regionReport;
const report = async (groupId: string) => dataOf(await hub.gql(GROUP, { g: groupId, y: YEAR }, tokens.shandong)).annualReport;
const sections = ({ id: _id, year: _year, region: _region, groupType: _type, groupIds: _groups, ...rest }: Record<string, unknown>) => rest;

/** The units of a group at the end of the year, as its member list says (status, joined, exited). */
async function unitsAtYearEnd(groupId: string): Promise<string[]> {
  const LIST = `query($g: ID!) { group(id: $g) { members(first: 100, filter: { statuses: [ACTIVE, EXITED] }) { edges { node { joinedOn exitedOn organization { id } } } } } }`;
  const edges: { node: { joinedOn: string; exitedOn: string | null; organization: { id: string } } }[] = dataOf(
    await hub.gql(LIST, { g: groupId }, tokens.shandong),
  ).group.members.edges;
  const end = `${YEAR}-12-31`;
  return edges.filter((e) => e.node.joinedOn <= end && (!e.node.exitedOn || e.node.exitedOn > end)).map((e) => e.node.organization.id);
}

/** The shared unit files a return in `groupId` (its round opened by the group's secretariat) that the secretariat approves. */
async function approvedReturn(groupId: string, secretariat: string, employees: number) {
  const unit = await hub.token({ sub: 'e2e-qdgkjx', roles: ['MEMBER'], groups: [G1, G2], org: SHARED });
  const g = { g: groupId };
  const round = dataOf(await hub.gql(`query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { id } }`, g, secretariat)).collectionRound;
  if (!round)
    dataOf(
      await hub.gql(`mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${YEAR}, dueOn: "${YEAR + 1}-03-31" }) { id } }`, g, secretariat),
    );
  dataOf(await hub.gql(`mutation($g: ID!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: { employees: ${employees} }) { id } }`, g, unit));
  const submitted = dataOf(await hub.gql(`mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: ${YEAR}) { id } }`, g, unit)).submitAnnualReturn;
  dataOf(await hub.gql(`mutation($id: ID!) { approveAnnualReturn(id: $id) { id } }`, { id: submitted.id }, secretariat));
}

/** A Ratio as the API writes it: two-decimal text (docs/clients.md). */
const ratio = (n: number) => (Math.round(n * 100) / 100).toFixed(2);
/** Yuan with two decimals (the Money scalar) summed exactly, in fen. */
const fen = (yuan: string | null) => {
  const [whole, part = ''] = (yuan ?? '0').split('.');
  return BigInt(whole) * 100n + BigInt(`${part}00`.slice(0, 2));
};
const money = (...values: (string | null)[]) => {
  const total = values.reduce((sum, v) => sum + fen(v), 0n);
  return `${total / 100n}.${String(total % 100n).padStart(2, '0')}`;
};

beforeAll(async () => {
  hub = await startTestHub();
  const authority = (sub: string, region: string) => hub.token({ sub, roles: ['AUTHORITY'], groups: [], region });
  tokens.shandong = await authority('e2e-rr-sd', '37');
  tokens.jinan = await authority('e2e-rr-jn', '3701');
  tokens.guangdong = await authority('e2e-rr-gd', '44');
  tokens.secretariat1 = await hub.token({ sub: 'e2e-rr-sec1', roles: ['SECRETARIAT'], groups: [G1], org: DEMO.secretariatOrgId });
  tokens.secretariat2 = await hub.token({ sub: 'e2e-rr-sec2', roles: ['SECRETARIAT'], groups: [G2], org: DEMO.secondGroupSecretariatOrgId });
  tokens.member = await hub.token({ sub: 'e2e-rr-member', roles: ['MEMBER'], groups: [G1], org: DEMO.memberOrgId });
  // sdjx's school files its return; the shared enterprise's is approved in both groups: 500 employees in sdjx, then 700 in qdzz (reviewed last).
  const school = await hub.token({ sub: 'e2e-rr-school', roles: ['MEMBER'], groups: [G1], org: DEMO.schoolOrgId });
  await approveSchoolReturn(hub, G1, YEAR, { secretariat: tokens.secretariat1, school });
  await approvedReturn(G1, tokens.secretariat1, 500);
  await approvedReturn(G2, tokens.secretariat2, 700);
  // sdjx has sent its provincial report twice (version 2 the latest); qdzz has sent nothing.
  for (const version of [1, 2]) {
    await recordAcceptedSubmission(hub, { groupId: G1, year: YEAR, target: 'provincial', template: 'SHANDONG_2025', version, fields: [] });
  }
}, 180000);

afterAll(async () => {
  await hub?.stop();
});

describe('regionReport: the groups of a region summed', () => {
  it('sums money and counts exactly, counts a unit in both groups once, and recomputes the indicators', async () => {
    const [one, two, all] = await Promise.all([report(G1), report(G2), region(tokens.shandong)]);
    expect(all).toMatchObject({ id: `${YEAR}:37:`, year: YEAR, region: '37', groupType: null });
    expect([...all.groupIds].sort()).toEqual([G1, G2].sort());
    expect(one.training.sessions).toBeGreaterThan(0);
    expect(two.training.sessions).toBeGreaterThan(0);

    // Ledgers belong to one group each: exact sums (money in yuan, to the fen).
    expect(all.training.personTimes).toBe(one.training.personTimes + two.training.personTimes);
    expect(all.training.socialPersonTimes).toBe(one.training.socialPersonTimes + two.training.socialPersonTimes);
    expect(all.training.sessions).toBe(one.training.sessions + two.training.sessions);
    expect(all.training.candidates).toBe(one.training.candidates + two.training.candidates);
    expect(all.training.revenue).toBe(money(one.training.revenue, two.training.revenue));
    expect(all.sharing.cooperations).toBe(one.sharing.cooperations + two.sharing.cooperations);
    expect(all.sharing.orderClassStudents).toBe(one.sharing.orderClassStudents + two.sharing.orderClassStudents);
    for (const f of ['investment', 'investmentReceived', 'serviceIncome']) expect(all.sharing[f]).toBe(money(one.sharing[f], two.sharing[f]));
    expect(all.revenue.entries).toBe(one.revenue.entries + two.revenue.entries);
    expect(all.activities.meetings).toBe(one.activities.meetings + two.activities.meetings);
    expect(all.competitions.awards).toBe(one.competitions.awards + two.competitions.awards);
    // Persons are distinct across the groups: at most the sum, at least either group's.
    expect(all.training.distinctPersons).toBeLessThanOrEqual(one.training.distinctPersons + two.training.distinctPersons);
    expect(all.training.distinctPersons).toBeGreaterThanOrEqual(Math.max(one.training.distinctPersons, two.training.distinctPersons));

    // Units: the two enterprises in both groups count once.
    const [units1, units2] = await Promise.all([unitsAtYearEnd(G1), unitsAtYearEnd(G2)]);
    const distinct = new Set([...units1, ...units2]);
    expect(units1).toContain(SHARED);
    expect(units2).toContain(SHARED);
    expect(one.membership.total).toBe(units1.length);
    expect(all.membership.total).toBe(distinct.size);
    expect(all.membership.total).toBeLessThan(one.membership.total + two.membership.total);
    expect(all.membership.byType.reduce((n: number, t: { count: number }) => n + t.count, 0)).toBe(distinct.size);
    expect(all.membership.joined).toBe(one.membership.joined + two.membership.joined);

    // Returns: the shared unit once, with the return reviewed last (qdzz's 700, not sdjx's 500).
    expect(one.returns.approved).toBeGreaterThan(1);
    expect(two.returns.approved).toBe(1);
    expect(all.returns.approved).toBe(one.returns.approved + two.returns.approved - 1);
    expect(all.returns.employees).toBe(one.returns.employees - 500 + 700);
    expect(all.returns.enrolledStudents).toBe(one.returns.enrolledStudents);

    // Indicators from the summed figures, not an average of the groups'.
    expect(all.indicators.enterpriseSharePercent).toBe(ratio((all.membership.enterprises / all.membership.total) * 100));
    expect(all.indicators.enterpriseSharePercent).not.toBe(
      ratio((Number(one.indicators.enterpriseSharePercent) + Number(two.indicators.enterpriseSharePercent)) / 2),
    );
    expect(all.indicators.trainingPerStudent).toBe(ratio(all.training.socialPersonTimes / all.returns.enrolledStudents));
    expect(all.indicators.employmentRatePercent).toBe(one.indicators.employmentRatePercent);
  });

  it('narrows to a sub-region or a group type: one group, exactly its own report', async () => {
    const [one, two] = await Promise.all([report(G1), report(G2)]);
    const jinan = await region(tokens.shandong, { r: '3701' });
    expect(jinan.groupIds).toEqual([G1]);
    expect(sections(jinan)).toEqual(one);
    const industry = await region(tokens.shandong, { t: 'INDUSTRY' });
    expect(industry.groupIds).toEqual([G1]);
    expect(sections(industry)).toEqual(one);
    const regional = await region(tokens.shandong, { t: 'REGIONAL' });
    expect(regional.groupIds).toEqual([G2]);
    expect(sections(regional)).toEqual(two);
    // The Jinan authority's own region, by default.
    expect(sections(await region(tokens.jinan))).toEqual(one);
  });

  it('keeps an authority to its region: a region outside is FORBIDDEN, one without groups sums nothing', async () => {
    const outside = await hub.gql(REGION, { y: YEAR, r: '3702' }, tokens.jinan);
    expect(codesOf(outside)).toEqual(['FORBIDDEN']);
    expect(outside.body.errors![0].message).toMatch(/^地区 3702 不在本主管部门的地区 3701 内.*\(region outside the authority's region\)$/);
    expect(codesOf(await hub.gql(REGION, { y: YEAR, r: '37' }, tokens.guangdong))).toEqual(['FORBIDDEN']);
    const empty = await region(tokens.guangdong);
    expect(empty.groupIds).toEqual([]);
    expect(empty.membership.total).toBe(0);
    expect(empty.training.personTimes).toBe(0);
    expect(empty.returns.approved).toBe(0);
    expect(codesOf(await hub.gql(REGION, { y: YEAR, r: '3' }, tokens.shandong))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a secretariat and a member unit, Chinese first with the English term', async () => {
    for (const token of [tokens.secretariat1, tokens.member]) {
      const refused = await hub.gql(REGION, { y: YEAR }, token);
      expect(codesOf(refused)).toEqual(['FORBIDDEN']);
      expect(refused.body.errors![0].message).toBe('只有主管部门可以查看地区汇总与集团排名 (authority of the region only)');
    }
    expect(codesOf(await hub.gql(REGION, { y: YEAR }))).toEqual(['UNAUTHENTICATED']);
  });

  const RANKING = /* GraphQL */ `
    query($y: Int!, $r: String, $t: GroupType, $o: Indicator!, $first: Int, $after: String) {
      regionReport(year: $y, region: $r, groupType: $t) {
        groups(orderBy: $o, first: $first, after: $after) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id rank value group { id name type region } indicators { trainingPerStudent enterpriseSharePercent } returns { approved employees }
            completeness { expected approved missing complete } submissions { template version status } } }
        }
      }
    }
  `;
  const ranking = async (token: string, variables: Record<string, unknown>) =>
    dataOf(await hub.gql(RANKING, { y: YEAR, ...variables }, token)).regionReport.groups;
  const COMPLETENESS = `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { completeness { expected approved missing complete } } }`;

  it('ranks the groups by any indicator, largest first, with the figures of each group, completeness and submissions', async () => {
    const reports = { [G1]: await report(G1), [G2]: await report(G2) };
    const byPersonTimes = await ranking(tokens.shandong, { o: 'TRAINING_PERSON_TIMES' });
    expect(byPersonTimes.totalCount).toBe(2);
    const nodes = byPersonTimes.edges.map((e: { node: any }) => e.node);
    const expected = [G1, G2].sort((a, b) => reports[b].training.personTimes - reports[a].training.personTimes);
    expect(nodes.map((n: { id: string }) => n.id)).toEqual(expected);
    expect(nodes.map((n: { rank: number }) => n.rank)).toEqual([1, 2]);
    for (const node of nodes) {
      const own = reports[node.id];
      expect(node.value).toBe(own.training.personTimes);
      expect(node.indicators.enterpriseSharePercent).toBe(own.indicators.enterpriseSharePercent);
      expect(node.indicators.trainingPerStudent).toBe(own.indicators.trainingPerStudent);
      expect(node.returns).toEqual({ approved: own.returns.approved, employees: own.returns.employees });
      expect(node.completeness).toEqual(dataOf(await hub.gql(COMPLETENESS, { g: node.id, y: YEAR }, tokens.shandong)).annualReport.completeness);
      expect(node.group).toMatchObject({ id: node.id, region: node.id === G1 ? '370100' : '370200', type: node.id === G1 ? 'INDUSTRY' : 'REGIONAL' });
      expect(node.submissions).toEqual(node.id === G1 ? [{ template: 'SHANDONG_2025', version: 2, status: 'ACCEPTED' }] : []);
    }

    // 在校生数: only sdjx has a school's return; qdzz has no value, so it comes last, unranked.
    const byStudents = (await ranking(tokens.shandong, { o: 'ENROLLED_STUDENTS' })).edges.map((e: { node: any }) => e.node);
    expect(byStudents.map((n: { id: string; rank: number | null; value: number | null }) => [n.id, n.rank, n.value])).toEqual([
      [G1, 1, reports[G1].returns.enrolledStudents],
      [G2, null, null],
    ]);
    // 企业成员占比: each group's own share, largest first.
    const byShare = (await ranking(tokens.shandong, { o: 'ENTERPRISE_SHARE' })).edges.map((e: { node: any }) => e.node);
    // The ranking's value is a number (any indicator: counts too); the indicator itself is Ratio text.
    const shares = [G1, G2].map((g) => Number(reports[g].indicators.enterpriseSharePercent));
    expect(byShare.map((n: { value: number }) => n.value)).toEqual([...shares].sort((a, b) => b - a));
  });

  it('pages the ranking and filters it by region and group type', async () => {
    const first = await ranking(tokens.shandong, { o: 'TRAINING_PERSON_TIMES', first: 1 });
    expect(first.edges).toHaveLength(1);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await ranking(tokens.shandong, { o: 'TRAINING_PERSON_TIMES', first: 1, after: first.pageInfo.endCursor });
    expect(second.edges).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(second.edges[0].node.rank).toBe(2);
    expect([first.edges[0].node.id, second.edges[0].node.id].sort()).toEqual([G1, G2].sort());

    const only = async (variables: Record<string, unknown>, token = tokens.shandong) =>
      (await ranking(token, { o: 'PASS_RATE', ...variables })).edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await only({ t: 'INDUSTRY' })).toEqual([G1]);
    expect(await only({ t: 'REGIONAL' })).toEqual([G2]);
    expect(await only({ r: '3702' })).toEqual([G2]);
    expect(await only({}, tokens.jinan)).toEqual([G1]);
    expect(codesOf(await hub.gql(RANKING, { y: YEAR, r: '3702', o: 'PASS_RATE' }, tokens.jinan))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(RANKING, { y: YEAR, o: 'PASS_RATE', first: 101 }, tokens.shandong))).toEqual(['BAD_USER_INPUT']);
  });

  it('reaches no personal data: no field of the roll-up leads to a person, a roster or a contact', () => {
    const schema = buildSchema(fs.readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'), { assumeValidSDL: true });
    const seen = new Set<string>();
    const walk = (type: GraphQLNamedType) => {
      if (seen.has(type.name) || !isObjectType(type)) return;
      seen.add(type.name);
      for (const field of Object.values((type as GraphQLObjectType).getFields())) walk(getNamedType(field.type));
    };
    // The group itself is members' entity, read with members' own checks (the authority's region): the walk stops there.
    seen.add('Group');
    walk(schema.getType('RegionReport')!);
    expect(seen.size).toBeGreaterThan(5);
    expect([...seen].filter((t) => /Trainee|Person|Contact|Organization$|Membership$|Roster|Entrant/.test(t))).toEqual([]);
    const fields = [...seen].filter((t) => t !== 'Group').flatMap((t) => Object.keys((schema.getType(t) as GraphQLObjectType).getFields()));
    expect(fields.length).toBeGreaterThan(50);
    expect(fields.filter((f) => /idNumber|phone|email|contact|birth|gender|address/i.test(f))).toEqual([]);
  });
});
