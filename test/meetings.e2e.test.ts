import { DEMO, orgId } from '@zjjt/demo';
import { codesOf, dataOf, expectEach, startTestHub, TestHub } from './harness';

/**
 * 会议与活动 (集团管理) through the gateway, in the second demo group (which has none seeded): the
 * secretariat records and edits them, an invited unit sees only the meetings it was invited to, another
 * group sees nothing (refused as an unknown id), and the report and the Shandong template count them by kind.
 */

let hub: TestHub;
const tokens: Record<string, string> = {};
const G = DEMO.secondGroupId;
const COLLEGE = orgId('qdzy');
const ENTERPRISE = orgId('qdjqr');
const INSTITUTE = orgId('xhajg');

beforeAll(async () => {
  hub = await startTestHub();
  tokens.secretariat = await hub.token({ sub: 'e2e-qd-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secondGroupSecretariatOrgId });
  tokens.college = await hub.token({ sub: 'e2e-qd-college', roles: ['MEMBER'], groups: [G], org: COLLEGE });
  tokens.enterprise = await hub.token({ sub: 'e2e-qd-ent', roles: ['MEMBER'], groups: [G], org: ENTERPRISE });
  tokens.institute = await hub.token({ sub: 'e2e-qd-inst', roles: ['MEMBER'], groups: [G], org: INSTITUTE });
  tokens.reporter = await hub.token({ sub: 'e2e-qd-bot', roles: ['REPORTER'], groups: [G] });
  tokens.otherSecretariat = await hub.token({ sub: 'e2e-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const MEETING_FIELDS = /* GraphQL */ `id kind title heldOn year place agenda minutes resolutions attachments { name url }
  organizers { id } participants { organization { id } attendance } recordedBy updatedBy`;
const RECORD = /* GraphQL */ `mutation($input: MeetingInput!) { recordMeeting(input: $input) { ${MEETING_FIELDS} } }`;
const UPDATE = /* GraphQL */ `mutation($id: ID!, $input: MeetingInput!) { updateMeeting(id: $id, input: $input) { ${MEETING_FIELDS} } }`;
const DELETE = /* GraphQL */ `mutation($id: ID!) { deleteMeeting(id: $id) }`;
const LIST = /* GraphQL */ `query($g: ID!, $filter: MeetingFilter) { meetings(groupId: $g, filter: $filter, first: 50) { totalCount edges { node { id kind title } } } }`;
const ONE = /* GraphQL */ `query($id: ID!) { meeting(id: $id) { id title participants { organization { id } attendance } } }`;
const REPORT = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) {
  activities { meetings meetingsByKind { kind label count } }
  provincial: filled(template: "SHANDONG_2025") { fields { code value source drillDown { ledger rowCount query variables } } }
} }`;

const council = {
  groupId: G,
  kind: 'COUNCIL',
  title: '第二届理事会第三次会议',
  heldOn: '2025-03-18',
  place: '青岛示范职业技术学院报告厅',
  organizerIds: [DEMO.secondGroupSecretariatOrgId, COLLEGE],
  participants: [
    { organizationId: COLLEGE, attendance: 'ATTENDED' },
    { organizationId: ENTERPRISE, attendance: 'EXCUSED' },
  ],
  agenda: '一、审议 2024 年工作报告；二、审议 2025 年工作计划',
  minutes: '会议审议通过两项议题。',
  resolutions: ['通过 2024 年工作报告', '通过 2025 年工作计划'],
  attachments: [{ name: '会议纪要.pdf', url: 'https://files.example.cn/qdzz/2025-council.pdf' }],
};
const forum = {
  groupId: G,
  kind: 'FORUM',
  title: '智能制造产教融合论坛',
  heldOn: '2025-09-20',
  participants: [{ organizationId: INSTITUTE, attendance: 'ATTENDED' }],
};
const assembly2024 = { groupId: G, kind: 'GENERAL_ASSEMBLY', title: '2024 年会员大会', heldOn: '2024-12-20', participants: [{ organizationId: COLLEGE }] };

const ACTIVITIES = /* GraphQL */ `query($g: ID!, $y: Int!) { annualReport(groupId: $g, year: $y) { activities { meetings } } }`;
const ids: Record<string, string> = {};
const count = async () => dataOf(await hub.gql(LIST, { g: G }, tokens.secretariat)).meetings.totalCount;

describe('会议与活动: recorded by the secretariat', () => {
  it('records a council meeting with organizers, attendance, resolutions and attachments', async () => {
    const m = dataOf(await hub.gql(RECORD, { input: council }, tokens.secretariat)).recordMeeting;
    expect(m).toMatchObject({
      kind: 'COUNCIL',
      year: 2025,
      resolutions: council.resolutions,
      attachments: council.attachments,
      organizers: [{ id: DEMO.secondGroupSecretariatOrgId }, { id: COLLEGE }],
      recordedBy: 'e2e-qd-sec',
    });
    expect(m.participants).toHaveLength(2);
    expect(new Map(m.participants.map((p: any) => [p.organization.id, p.attendance]))).toEqual(
      new Map([
        [COLLEGE, 'ATTENDED'],
        [ENTERPRISE, 'EXCUSED'],
      ]),
    );
    ids.council = m.id;
    ids.forum = dataOf(await hub.gql(RECORD, { input: forum }, tokens.secretariat)).recordMeeting.id;
    ids.assembly = dataOf(await hub.gql(RECORD, { input: assembly2024 }, tokens.secretariat)).recordMeeting.id;
    expect(await count()).toBe(3);
  });

  it('refuses units that are not active members of the group, attendance before the meeting, and writes by anyone but the secretariat; nothing changes', async () => {
    const before = await count();
    const notMember = await hub.gql(RECORD, { input: { ...forum, participants: [{ organizationId: DEMO.schoolOrgId }] } }, tokens.secretariat);
    expect(codesOf(notMember)).toEqual(['BAD_USER_INPUT']);
    expect(notMember.body.errors![0].message).toContain('不是本集团的正式成员单位');
    const unknown = await hub.gql(RECORD, { input: { ...forum, participants: [{ organizationId: 'no-such-unit' }] } }, tokens.secretariat);
    expect(codesOf(unknown)).toEqual(['BAD_USER_INPUT']);
    // The same words for another group's unit as for an id the hub does not know.
    expect(unknown.body.errors![0].message.replace('no-such-unit', 'X')).toBe(notMember.body.errors![0].message.replace(DEMO.schoolOrgId, 'X'));
    const future = await hub.gql(RECORD, { input: { ...forum, heldOn: '2099-01-01' } }, tokens.secretariat);
    expect(codesOf(future)).toEqual(['BAD_USER_INPUT']);
    expect(future.body.errors![0].message).toContain('会后再登记出席情况');
    const twice = await hub.gql(
      RECORD,
      { input: { ...forum, participants: [{ organizationId: INSTITUTE }, { organizationId: INSTITUTE }] } },
      tokens.secretariat,
    );
    expect(codesOf(twice)).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await hub.gql(RECORD, { input: forum }, tokens.college))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(RECORD, { input: forum }, tokens.otherSecretariat))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(RECORD, { input: forum }))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await hub.gql(UPDATE, { id: ids.council, input: council }, tokens.college))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(UPDATE, { id: ids.council, input: council }, tokens.otherSecretariat))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(DELETE, { id: ids.council }, tokens.otherSecretariat))).toEqual(['NOT_FOUND']);
    expect(await count()).toBe(before);
  });

  it('edits a meeting: attendance recorded afterwards, minutes and participants replaced', async () => {
    const edited = dataOf(
      await hub.gql(
        UPDATE,
        {
          id: ids.forum,
          input: { ...forum, minutes: '到会 1 家单位。', participants: [{ organizationId: INSTITUTE, attendance: 'ABSENT' }, { organizationId: ENTERPRISE }] },
        },
        tokens.secretariat,
      ),
    ).updateMeeting;
    expect(edited.minutes).toBe('到会 1 家单位。');
    expect(edited.participants).toEqual(
      [
        { organization: { id: ENTERPRISE }, attendance: null },
        { organization: { id: INSTITUTE }, attendance: 'ABSENT' },
      ].sort((a, b) => a.organization.id.localeCompare(b.organization.id)),
    );
    expect(edited.recordedBy).toBe('e2e-qd-sec');
    // Back to the forum the other tests expect.
    dataOf(await hub.gql(UPDATE, { id: ids.forum, input: forum }, tokens.secretariat));
  });
});

describe('who sees which meetings', () => {
  it('the secretariat sees all of its group, filtered by kind and year', async () => {
    const all = dataOf(await hub.gql(LIST, { g: G }, tokens.secretariat)).meetings;
    expect(all.edges.map((e: any) => e.node.title)).toEqual([forum.title, council.title, assembly2024.title]);
    const councils = dataOf(await hub.gql(LIST, { g: G, filter: { kind: 'COUNCIL', year: 2025 } }, tokens.secretariat)).meetings;
    expectEach(councils.edges, (e: any) => e.node.id === ids.council, 1);
  });

  it('a member unit sees only the meetings it was invited to; another one is null, as an unknown id', async () => {
    const college = dataOf(await hub.gql(LIST, { g: G }, tokens.college)).meetings;
    expect(college.edges.map((e: any) => e.node.id).sort()).toEqual([ids.council, ids.assembly].sort());
    const institute = dataOf(await hub.gql(LIST, { g: G }, tokens.institute)).meetings;
    expectEach(institute.edges, (e: any) => e.node.id === ids.forum, 1);
    expect(dataOf(await hub.gql(ONE, { id: ids.council }, tokens.institute)).meeting).toBeNull();
    expect(dataOf(await hub.gql(ONE, { id: ids.council }, tokens.enterprise)).meeting.participants).toHaveLength(2);
    // The reporting bot has no unit: it was invited to nothing, and reads counts from the report.
    expect(dataOf(await hub.gql(LIST, { g: G }, tokens.reporter)).meetings.totalCount).toBe(0);
  });

  it('another group sees nothing: the list is refused as for an unknown group, a meeting is null', async () => {
    const refused = await hub.gql(LIST, { g: G }, tokens.otherSecretariat);
    expect(codesOf(refused)).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(LIST, { g: 'no-such-group' }, tokens.otherSecretariat))).toEqual(['NOT_FOUND']);
    expect(dataOf(await hub.gql(ONE, { id: ids.council }, tokens.otherSecretariat)).meeting).toBeNull();
    expect(codesOf(await hub.gql(LIST, { g: G }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('meetings in the annual report', () => {
  it('counts the year’s meetings by kind (every kind listed) and fills the Shandong fields with a drill-down that lists the rows', async () => {
    const report = dataOf(await hub.gql(REPORT, { g: G, y: 2025 }, tokens.reporter)).annualReport;
    expect(report.activities.meetings).toBe(2);
    const byKind = new Map(report.activities.meetingsByKind.map((k: any) => [k.kind, k.count]));
    expect(report.activities.meetingsByKind).toHaveLength(7);
    expect([byKind.get('COUNCIL'), byKind.get('FORUM'), byKind.get('GENERAL_ASSEMBLY'), byKind.get('STANDING_COUNCIL')]).toEqual([1, 1, 0, 0]);
    const fields = new Map(report.provincial.fields.map((f: any) => [f.code, f]));
    expect(['SD41', 'SD42', 'SD43'].map((c) => (fields.get(c) as any)?.value)).toEqual(['2', '1', '0']);
    const drill = (fields.get('SD41') as any).drillDown;
    expect(drill).toMatchObject({ ledger: '会议/活动 (meetings)', rowCount: 2 });
    const rows = dataOf(await hub.gql(drill.query, JSON.parse(drill.variables), tokens.secretariat)).meetings;
    expectEach(rows.edges, (e: any) => e.node.heldOn.startsWith('2025'), 2);
    const previous = dataOf(await hub.gql(ACTIVITIES, { g: G, y: 2024 }, tokens.secretariat)).annualReport.activities;
    expect(previous.meetings).toBe(1);
  });

  it('deleting a meeting takes it out of the count', async () => {
    expect(dataOf(await hub.gql(DELETE, { id: ids.forum }, tokens.secretariat)).deleteMeeting).toBe(true);
    expect(dataOf(await hub.gql(ACTIVITIES, { g: G, y: 2025 }, tokens.secretariat)).annualReport.activities.meetings).toBe(1);
    expect(dataOf(await hub.gql(ONE, { id: ids.forum }, tokens.secretariat)).meeting).toBeNull();
  });
});

describe('the demo', () => {
  it('shows sdjx’s two meetings of 2024 to its secretariat, counted in that year’s report', async () => {
    const list = dataOf(await hub.gql(LIST, { g: DEMO.groupId, filter: { year: 2024 } }, tokens.otherSecretariat)).meetings;
    expect(list.edges.map((e: any) => e.node.kind).sort()).toEqual(['COUNCIL', 'FORUM']);
    expect(dataOf(await hub.gql(ACTIVITIES, { g: DEMO.groupId, y: 2024 }, tokens.otherSecretariat)).annualReport.activities.meetings).toBe(2);
  });
});
