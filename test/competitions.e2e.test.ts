import { DEMO, orgId } from '@zjjt/demo';
import { codesOf, dataOf, expectEach, startTestHub, TestHub } from './harness';

/**
 * 技能大赛 through the gateway, in the second demo group (none seeded): the secretariat records
 * competitions and awards, participating units enter their own entrants, personal data is sealed and
 * answered masked to every role, a unit sees only the competitions it takes part in and only its own
 * entrants, another group sees nothing, and the report and the Shandong template count them.
 */

let hub: TestHub;
const tokens: Record<string, string> = {};
const G = DEMO.secondGroupId;
const COLLEGE = orgId('qdzy');
const ENTERPRISE = orgId('qdjqr');

/** A valid 身份证号 (GB 11643 check character) from its first 17 digits. */
const idNumber = (first17: string) => {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
};
const STUDENT_ID = idNumber('37020220050312001');
const STUDENT_B_ID = idNumber('37020220060101002');
const STAFF_ID = idNumber('37028119850720003');
const PHONE = '13912345678';
const ID_PATTERN = /\d{17}[\dX]/;

beforeAll(async () => {
  hub = await startTestHub();
  tokens.secretariat = await hub.token({ sub: 'e2e-qd-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secondGroupSecretariatOrgId });
  tokens.college = await hub.token({ sub: 'e2e-qd-college', roles: ['MEMBER'], groups: [G], org: COLLEGE });
  tokens.enterprise = await hub.token({ sub: 'e2e-qd-ent', roles: ['MEMBER'], groups: [G], org: ENTERPRISE });
  tokens.reporter = await hub.token({ sub: 'e2e-qd-bot', roles: ['REPORTER'], groups: [G] });
  tokens.otherSecretariat = await hub.token({ sub: 'e2e-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const RECORD = /* GraphQL */ `mutation($input: CompetitionInput!) { recordCompetition(input: $input) { id name level role year participants { id } } }`;
const ENTRANT_FIELDS = /* GraphQL */ `id kind name event idNumberMasked phoneMasked organization { id }`;
const ENTER = /* GraphQL */ `mutation($input: EntrantInput!) { addCompetitionEntrant(input: $input) { ${ENTRANT_FIELDS} } }`;
const AWARD = /* GraphQL */ `mutation($input: AwardInput!) { recordCompetitionAward(input: $input) { id level team year entrants { id name } } }`;
const LIST = /* GraphQL */ `query($filter: CompetitionFilter!) { competitions(filter: $filter, first: 10) { totalCount edges { node {
  id name level role participants { id } entrants { ${ENTRANT_FIELDS} } awards { level team entrants { id organization { id } } } } } } }`;
const REPORT = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) {
  competitions { competitions organized hosted participated byLevel { level count } awards awardsByLevel { level label count } }
  provincial: filled(template: "SHANDONG_2025") { fields { code value drillDown { ledger rowCount query variables } } }
} }`;

const competition = (name: string, level: string, role: string, participantIds: string[], heldOn = '2025-05-20') => ({
  groupId: G,
  name,
  level,
  role,
  heldOn,
  participantIds,
});
const ids: Record<string, string> = {};
const total = async () => dataOf(await hub.gql(LIST, { filter: { groupId: G } }, tokens.secretariat)).competitions.totalCount;

describe('技能大赛: recorded through the hub', () => {
  it('records competitions at every level with the group’s role and the participating units', async () => {
    const provincial = dataOf(
      await hub.gql(
        RECORD,
        { input: competition('山东省职业院校技能大赛（智能制造赛项）', 'PROVINCIAL', 'ORGANIZER', [COLLEGE, ENTERPRISE]) },
        tokens.secretariat,
      ),
    ).recordCompetition;
    expect(provincial).toMatchObject({ level: 'PROVINCIAL', role: 'ORGANIZER', year: 2025 });
    expect(provincial.participants.map((p: any) => p.id).sort()).toEqual([COLLEGE, ENTERPRISE].sort());
    ids.provincial = provincial.id;
    ids.national = dataOf(
      await hub.gql(RECORD, { input: competition('全国职业院校技能大赛（工业机器人赛项）', 'NATIONAL', 'HOST', [COLLEGE]) }, tokens.secretariat),
    ).recordCompetition.id;
    ids.municipal = dataOf(
      await hub.gql(RECORD, { input: competition('青岛市职工技能大赛', 'MUNICIPAL', 'PARTICIPANT', [ENTERPRISE]) }, tokens.secretariat),
    ).recordCompetition.id;
    ids.worldskills = dataOf(
      await hub.gql(
        RECORD,
        { input: competition('世界技能大赛全国选拔赛', 'WORLDSKILLS_SELECTION', 'PARTICIPANT', [COLLEGE], '2024-11-02') },
        tokens.secretariat,
      ),
    ).recordCompetition.id;
    expect(await total()).toBe(4);
  });

  it('refuses a participating unit outside the group and writes by anyone but the secretariat; nothing changes', async () => {
    const outside = await hub.gql(RECORD, { input: competition('某大赛', 'MUNICIPAL', 'PARTICIPANT', [DEMO.schoolOrgId]) }, tokens.secretariat);
    expect(codesOf(outside)).toEqual(['BAD_USER_INPUT']);
    expect(outside.body.errors![0].message).toContain('不是本集团的正式成员单位');
    expect(codesOf(await hub.gql(RECORD, { input: competition('某大赛', 'MUNICIPAL', 'PARTICIPANT', []) }, tokens.college))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(RECORD, { input: competition('某大赛', 'MUNICIPAL', 'PARTICIPANT', []) }, tokens.otherSecretariat))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(RECORD, { input: competition('某大赛', 'MUNICIPAL', 'PARTICIPANT', []) }))).toEqual(['UNAUTHENTICATED']);
    expect(await total()).toBe(4);
  });

  it('enters entrants: a unit its own, the secretariat any participating unit’s; personal data answered masked', async () => {
    const student = dataOf(
      await hub.gql(
        ENTER,
        { input: { competitionId: ids.provincial, kind: 'STUDENT', name: '张同学', idNumber: STUDENT_ID.toLowerCase(), phone: PHONE, event: '智能制造' } },
        tokens.college,
      ),
    ).addCompetitionEntrant;
    expect(student).toMatchObject({
      kind: 'STUDENT',
      organization: { id: COLLEGE },
      idNumberMasked: `${STUDENT_ID.slice(0, 3)}***********${STUDENT_ID.slice(14)}`,
      phoneMasked: '139****5678',
    });
    ids.student = student.id;
    ids.studentB = dataOf(
      await hub.gql(ENTER, { input: { competitionId: ids.provincial, kind: 'STUDENT', name: '李同学', idNumber: STUDENT_B_ID } }, tokens.college),
    ).addCompetitionEntrant.id;
    const staff = dataOf(
      await hub.gql(
        ENTER,
        { input: { competitionId: ids.provincial, organizationId: ENTERPRISE, kind: 'STAFF', name: '王师傅', idNumber: STAFF_ID } },
        tokens.secretariat,
      ),
    ).addCompetitionEntrant;
    expect(staff.organization.id).toBe(ENTERPRISE);
    ids.staff = staff.id;
  });

  it('refuses a bad 身份证号 without repeating it, a person entered twice, another unit’s entrant, a unit not taking part, and other groups', async () => {
    const wrong = STUDENT_ID.slice(0, 17) + (STUDENT_ID[17] === '0' ? '1' : '0');
    const bad = await hub.gql(ENTER, { input: { competitionId: ids.provincial, kind: 'STUDENT', name: '赵同学', idNumber: wrong } }, tokens.college);
    expect(codesOf(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors![0].message).toContain('校验位');
    expect(JSON.stringify(bad.body)).not.toMatch(ID_PATTERN);
    const twice = await hub.gql(ENTER, { input: { competitionId: ids.provincial, kind: 'STUDENT', name: '张同学', idNumber: STUDENT_ID } }, tokens.college);
    expect(codesOf(twice)).toEqual(['CONFLICT']);
    expect(JSON.stringify(twice.body)).not.toMatch(ID_PATTERN);
    const badPhone = await hub.gql(
      ENTER,
      { input: { competitionId: ids.provincial, kind: 'STUDENT', name: '钱同学', idNumber: idNumber('37020220070101004'), phone: '12345' } },
      tokens.college,
    );
    expect(codesOf(badPhone)).toEqual(['BAD_USER_INPUT']);
    const forOther = { competitionId: ids.provincial, organizationId: ENTERPRISE, kind: 'STAFF', name: '孙师傅', idNumber: idNumber('37028119900101005') };
    expect(codesOf(await hub.gql(ENTER, { input: forOther }, tokens.college))).toEqual(['FORBIDDEN']);
    // The enterprise does not take part in the national competition: it is refused as an unknown id.
    const notTaking = { competitionId: ids.national, kind: 'STAFF', name: '孙师傅', idNumber: idNumber('37028119900101005') };
    expect(codesOf(await hub.gql(ENTER, { input: notTaking }, tokens.enterprise))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(ENTER, { input: { ...notTaking, organizationId: ENTERPRISE } }, tokens.secretariat))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await hub.gql(ENTER, { input: { ...forOther, organizationId: DEMO.schoolOrgId } }, tokens.otherSecretariat))).toEqual(['NOT_FOUND']);
    const entrants = dataOf(await hub.gql(LIST, { filter: { groupId: G } }, tokens.secretariat)).competitions.edges.flatMap((e: any) => e.node.entrants);
    expect(entrants).toHaveLength(3);
  });

  it('records awards by level, one per entrant or per team', async () => {
    const first = dataOf(
      await hub.gql(AWARD, { input: { competitionId: ids.provincial, level: 'FIRST', entrantIds: [ids.student] } }, tokens.secretariat),
    ).recordCompetitionAward;
    expect(first).toMatchObject({ level: 'FIRST', team: null, year: 2025, entrants: [{ id: ids.student, name: '张同学' }] });
    const team = dataOf(
      await hub.gql(
        AWARD,
        { input: { competitionId: ids.provincial, level: 'SECOND', team: '校企联队', entrantIds: [ids.studentB, ids.staff] } },
        tokens.secretariat,
      ),
    ).recordCompetitionAward;
    expect(team.entrants).toHaveLength(2);
    dataOf(await hub.gql(AWARD, { input: { competitionId: ids.provincial, level: 'EXCELLENCE', entrantIds: [ids.studentB] } }, tokens.secretariat));
    const noTeam = await hub.gql(AWARD, { input: { competitionId: ids.provincial, level: 'THIRD', entrantIds: [ids.student, ids.staff] } }, tokens.secretariat);
    expect(codesOf(noTeam)).toEqual(['BAD_USER_INPUT']);
    const elsewhere = await hub.gql(AWARD, { input: { competitionId: ids.national, level: 'THIRD', entrantIds: [ids.student] } }, tokens.secretariat);
    expect(codesOf(elsewhere)).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await hub.gql(AWARD, { input: { competitionId: ids.provincial, level: 'THIRD', entrantIds: [ids.student] } }, tokens.college))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('who sees which competitions and entrants', () => {
  it('a unit sees the competitions it takes part in and only its own entrants, masked', async () => {
    const enterprise = dataOf(await hub.gql(LIST, { filter: { groupId: G } }, tokens.enterprise)).competitions;
    expect(enterprise.edges.map((e: any) => e.node.id).sort()).toEqual([ids.provincial, ids.municipal].sort());
    const provincial = enterprise.edges.find((e: any) => e.node.id === ids.provincial).node;
    expectEach(provincial.entrants, (e: any) => e.organization.id === ENTERPRISE && e.idNumberMasked.includes('*'), 1);
    // The team award shows the enterprise only its own member of the team.
    const team = provincial.awards.find((a: any) => a.team === '校企联队');
    expectEach(team.entrants, (e: any) => e.organization.id === ENTERPRISE, 1);
    const college = dataOf(await hub.gql(LIST, { filter: { groupId: G } }, tokens.college)).competitions;
    expect(college.totalCount).toBe(3);
  });

  it('the secretariat sees every entrant, masked like trainees; no answer carries a full 身份证号 or phone', async () => {
    const response = await hub.gql(LIST, { filter: { groupId: G } }, tokens.secretariat);
    const entrants = dataOf(response).competitions.edges.flatMap((e: any) => e.node.entrants);
    expectEach(entrants, (e: any) => /^\d{3}\*{11}[\dX]{4}$/.test(e.idNumberMasked), 3);
    expect(JSON.stringify(response.body)).not.toMatch(ID_PATTERN);
    expect(JSON.stringify(response.body)).not.toContain(PHONE);
    expect(hub.logs.filter((line) => [STUDENT_ID, STUDENT_B_ID, STAFF_ID, PHONE].some((v) => line.includes(v)))).toEqual([]);
  });

  it('the reporting bot reads counts, not entrants; another group sees nothing; anonymous is refused', async () => {
    expect(dataOf(await hub.gql(LIST, { filter: { groupId: G } }, tokens.reporter)).competitions.totalCount).toBe(0);
    expect(codesOf(await hub.gql(LIST, { filter: { groupId: G } }, tokens.otherSecretariat))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(LIST, { filter: { groupId: G } }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('competitions in the annual report', () => {
  it('counts competitions organized and hosted and awards by level; the Shandong fields and their drill-down', async () => {
    const report = dataOf(await hub.gql(REPORT, { g: G, y: 2025 }, tokens.reporter)).annualReport;
    expect(report.competitions).toMatchObject({ competitions: 3, organized: 1, hosted: 1, participated: 1, awards: 3 });
    expect(report.competitions.awardsByLevel.map((a: any) => [a.level, a.label, a.count])).toEqual([
      ['FIRST', '一等奖', 1],
      ['SECOND', '二等奖', 1],
      ['THIRD', '三等奖', 0],
      ['EXCELLENCE', '优秀奖', 1],
    ]);
    expect(report.competitions.byLevel.find((l: any) => l.level === 'WORLDSKILLS_SELECTION').count).toBe(0);
    const fields = new Map(report.provincial.fields.map((f: any) => [f.code, f]));
    expect(['SD44', 'SD45', 'SD46', 'SD47', 'SD48', 'SD49', 'SD50'].map((c) => (fields.get(c) as any)?.value)).toEqual(['1', '1', '3', '1', '1', '0', '1']);
    const drill = (fields.get('SD47') as any).drillDown;
    expect(drill).toMatchObject({ ledger: '大赛获奖 (competitionAwards)', rowCount: 1 });
    const rows = dataOf(await hub.gql(drill.query, JSON.parse(drill.variables), tokens.secretariat)).competitionAwards;
    expectEach(rows.edges, (e: any) => e.node.level === 'FIRST' && e.node.competitionId === ids.provincial, 1);
    const hosted = (fields.get('SD45') as any).drillDown;
    const hostedRows = dataOf(await hub.gql(hosted.query, JSON.parse(hosted.variables), tokens.secretariat)).competitions;
    expectEach(hostedRows.edges, (e: any) => e.node.role === 'HOST', 1);
    const previous = dataOf(await hub.gql(REPORT.replace(/provincial:[^\n]*\n/, ''), { g: G, y: 2024 }, tokens.secretariat)).annualReport.competitions;
    expect(previous.byLevel.find((l: any) => l.level === 'WORLDSKILLS_SELECTION').count).toBe(1);
  });
});

describe('corrections', () => {
  it('deletes a wrong award and a wrong competition (secretariat only; others get NOT_FOUND and nothing changes)', async () => {
    const DELETE_AWARD = /* GraphQL */ `mutation($id: ID!) { deleteCompetitionAward(id: $id) }`;
    const DELETE = /* GraphQL */ `mutation($id: ID!) { deleteCompetition(id: $id) }`;
    const award = dataOf(
      await hub.gql(AWARD, { input: { competitionId: ids.provincial, level: 'THIRD', entrantIds: [ids.staff] } }, tokens.secretariat),
    ).recordCompetitionAward;
    const awards = async () =>
      dataOf(await hub.gql(REPORT.replace(/provincial:[^\n]*\n/, ''), { g: G, y: 2025 }, tokens.secretariat)).annualReport.competitions;
    expect((await awards()).awards).toBe(4);
    expect(codesOf(await hub.gql(DELETE_AWARD, { id: award.id }, tokens.college))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(DELETE_AWARD, { id: award.id }, tokens.otherSecretariat))).toEqual(['NOT_FOUND']);
    expect(dataOf(await hub.gql(DELETE_AWARD, { id: award.id }, tokens.secretariat)).deleteCompetitionAward).toBe(true);
    expect((await awards()).awards).toBe(3);
    expect(codesOf(await hub.gql(DELETE, { id: ids.municipal }, tokens.enterprise))).toEqual(['NOT_FOUND']);
    expect(await total()).toBe(4);
    expect(dataOf(await hub.gql(DELETE, { id: ids.municipal }, tokens.secretariat)).deleteCompetition).toBe(true);
    expect(await total()).toBe(3);
    expect((await awards()).competitions).toBe(2);
  });
});

describe('the demo', () => {
  it('shows sdjx’s provincial competition of 2024 with its entrants masked and two awards', async () => {
    const list = dataOf(await hub.gql(LIST, { filter: { groupId: DEMO.groupId, year: 2024 } }, tokens.otherSecretariat)).competitions;
    expect(list.totalCount).toBe(1);
    expectEach(list.edges[0].node.entrants, (e: any) => /^\d{3}\*{11}[\dX]{4}$/.test(e.idNumberMasked), 2);
    const report = dataOf(await hub.gql(REPORT.replace(/provincial:[^\n]*\n/, ''), { g: DEMO.groupId, y: 2024 }, tokens.otherSecretariat)).annualReport;
    expect(report.competitions).toMatchObject({ competitions: 1, organized: 1, awards: 2 });
  });
});
