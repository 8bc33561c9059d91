import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import { writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { usccCheckCharacter } from '../subgraphs/members/src/organization/uscc';
import { approveSchoolReturn, codesOf, confirmReturnGaps, dataOf, expectEach, registerTrainingBase, startTestHub, TestHub, usccOf } from './harness';

// 操作日志 (issue 12, item 7): every write is recorded by the subgraph that owns the data, in the
// same transaction, and the group's secretariat reads each subgraph's trail on `Group` through the gateway.
let hub: TestHub;
const t: Record<string, string> = {};
const G1 = DEMO.groupId;
const G2 = DEMO.secondGroupId;
const SCHOOL = DEMO.schoolOrgId;
const YEAR = 2025;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-audit-outbox-'));
const TRAILS = ['membersAudit', 'resourcesAudit', 'basesAudit', 'statisticsAudit'] as const;
type Trail = (typeof TRAILS)[number];

beforeAll(async () => {
  hub = await startTestHub({ PROVINCIAL_OUTBOX_DIR: outbox });
  t.sec1 = await hub.token({ sub: 'audit-sec1', roles: ['SECRETARIAT'], groups: [G1], org: DEMO.secretariatOrgId });
  t.sec2 = await hub.token({ sub: 'audit-sec2', roles: ['SECRETARIAT'], groups: [G2], org: DEMO.secondGroupSecretariatOrgId });
  t.school = await hub.token({ sub: 'audit-school', roles: ['MEMBER'], groups: [G1], org: SCHOOL });
  t.bot = await hub.token({ sub: 'reporting-bot', roles: ['REPORTER'], groups: [G1] });
}, 120000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(outbox, { recursive: true, force: true });
});

const NODE = 'id at userId organizationId roles byService operation entityType entityId changes { field from to }';
const trailQuery = (field: Trail) => /* GraphQL */ `query($g: ID!, $filter: AuditFilter, $first: Int, $after: String) {
  group(id: $g) { ${field}(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }
}`;
const readTrail = (field: Trail, filter: Record<string, unknown>, token: string | null = t.sec1, page: { first?: number; after?: string } = {}, g = G1) =>
  hub.gql(trailQuery(field), { g, filter, ...page }, token ?? undefined);
async function trail(field: Trail, filter: Record<string, unknown>, page: { first?: number; after?: string } = {}) {
  const connection = dataOf(await readTrail(field, filter, t.sec1, page)).group[field];
  return { ...connection, nodes: connection.edges.map((e: { node: unknown }) => e.node) };
}
/** The node has these values (compared as JSON), for expectEach. */
const like = (node: any, values: Record<string, unknown>) => Object.entries(values).every(([k, v]) => JSON.stringify(node[k]) === JSON.stringify(v));
const change = (node: { changes: { field: string; from: string | null; to: string | null }[] }, field: string) => node.changes.find((c) => c.field === field);

describe('a write in each subgraph appears in that subgraph’s trail, before → after, personal data masked', () => {
  it('members: a unit’s contact change is in the group’s membersAudit with the contacts masked', async () => {
    dataOf(await hub.gql(`mutation { updateMyContact(input: { contactPerson: "王晓明", contactPhone: "13912345678" }) { id } }`, {}, t.school));
    const { nodes, totalCount } = await trail('membersAudit', { operation: 'updateMyContact', entityId: SCHOOL });
    expect(totalCount).toBe(1);
    expectEach(
      nodes,
      (n: any) => like(n, { userId: 'audit-school', organizationId: SCHOOL, roles: ['MEMBER'], byService: false, entityType: 'Organization' }),
      1,
    );
    expect(change(nodes[0], 'contactPhone')).toEqual({ field: 'contactPhone', from: expect.any(String), to: '139****5678' });
    expect(change(nodes[0], 'contactPerson')?.to).toBe('王**');
    expect(JSON.stringify(nodes)).not.toMatch(/13912345678|王晓明/);
    // The demo's notices are in the trail as their secretariat published them.
    const notices = await trail('membersAudit', { operation: 'publishNotice', entityType: 'Notice' });
    expectEach(notices.nodes, (n: any) => n.byService === false && change(n, 'title')?.from === null);
  });

  it('resources: creating and changing a resource are two entries, newest first; the change lists only the field that changed', async () => {
    const input = { groupId: G1, kind: 'EQUIPMENT', title: '数控机床共享（审计测试）', capacity: 25, periodStart: '2026-01-01', periodEnd: '2026-12-31' };
    const created = dataOf(await hub.gql(`mutation($input: ResourceInput!) { createResource(input: $input) { id } }`, { input }, t.school)).createResource;
    dataOf(
      await hub.gql(
        `mutation($id: ID!, $input: ResourceInput!) { updateResource(id: $id, input: $input) { id } }`,
        { id: created.id, input: { ...input, capacity: 30 } },
        t.school,
      ),
    );
    const { nodes } = await trail('resourcesAudit', { entityId: created.id });
    expectEach(nodes, (n: any) => like(n, { userId: 'audit-school', organizationId: SCHOOL, entityType: 'SharedResource' }), 2);
    expect(nodes.map((n: any) => n.operation)).toEqual(['updateResource', 'createResource']);
    expect(nodes[0].changes).toEqual([{ field: 'capacity', from: '25', to: '30' }]);
    expect(change(nodes[1], 'title')).toEqual({ field: 'title', from: null, to: input.title });
  });

  it('bases: a revenue entry is in basesAudit in fen, with a mobile number in free text masked', async () => {
    const entry = dataOf(
      await hub.gql(
        `mutation($input: RevenueEntryInput!) { recordRevenueEntry(input: $input) { id } }`,
        { input: { groupId: G1, source: 'OTHER', receivedOn: '2025-06-30', amount: '1200.50', counterparty: '张先生 13812345678（审计测试）' } },
        t.school,
      ),
    ).recordRevenueEntry;
    const { nodes } = await trail('basesAudit', { operation: 'recordRevenueEntry', entityId: entry.id });
    expectEach(nodes, (n: any) => like(n, { userId: 'audit-school', organizationId: SCHOOL, entityType: 'RevenueEntry' }), 1);
    expect(change(nodes[0], 'amount')).toEqual({ field: 'amount', from: null, to: '120050' });
    expect(change(nodes[0], 'counterparty')?.to).toBe('张先生 138****5678（审计测试）');
    expect(JSON.stringify(nodes)).not.toContain('13812345678');
  });

  it('bases: a ledger import is one entry with its counts, never one per trainee; the same file again adds none', async () => {
    const baseName = '数控实训基地（审计测试）';
    const base = {
      id: await registerTrainingBase(hub, t.school, {
        groupId: G1,
        name: baseName,
        capacity: 50,
        coBuilders: [
          { uscc: await usccOf(hub, SCHOOL, t.sec1), role: 'LEAD' },
          { uscc: await usccOf(hub, DEMO.memberOrgId, t.sec1), role: 'CO_BUILDER' },
        ],
      }),
    };
    const file = path.join(outbox, 'audit-ledger.xlsx');
    await writeLedgerWorkbook(file, { prefix: 'AUDIT-', year: 2025, programs: 1, sessionsPerProgram: 2, traineesPerSession: 10, certifications: 1 });
    const upload = async () => {
      const response = await fetch(`${hub.url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${base.id}&fileName=audit.xlsx`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${t.school}` },
        body: fs.readFileSync(file),
      });
      return (await response.json()) as any;
    };
    const imported = await upload();
    expect(imported).toMatchObject({ status: 'IMPORTED', import: { trainees: 20 } });
    expect((await upload()).status).toBe('ALREADY_IMPORTED');

    const imports = await trail('basesAudit', { entityType: 'LedgerImport' });
    expectEach(
      imports.nodes,
      (n: any) => like(n, { operation: 'importLedger', entityId: imported.import.id, userId: 'audit-school', organizationId: SCHOOL }),
      1,
    );
    expect(change(imports.nodes[0], 'trainees')).toEqual({ field: 'trainees', from: null, to: '20' });
    expect((await trail('basesAudit', { entityType: 'Trainee' })).totalCount).toBe(0);
    const registered = await trail('basesAudit', { operation: 'registerTrainingBase', entityId: base.id });
    expectEach(registered.nodes, (n: any) => change(n, 'name')?.to === baseName, 1);
  });

  it('statistics: the return’s figures and the bot’s freeze and send, the bot under its service identity', async () => {
    await approveSchoolReturn(hub, G1, YEAR, { secretariat: t.sec1, school: t.school });
    await confirmReturnGaps(hub, G1, YEAR, t.sec1);
    const saved = await trail('statisticsAudit', { operation: 'saveAnnualReturn', organizationId: SCHOOL });
    expectEach(saved.nodes, (n: any) => like(n, { userId: 'audit-school', byService: false, entityType: 'AnnualReturn' }), 1);
    expect(change(saved.nodes[0], 'enrolledStudents')).toEqual({ field: 'enrolledStudents', from: null, to: '9000' });

    const frozen = dataOf(
      await hub.gql(`mutation($g: ID!) { freezeReport(groupId: $g, year: ${YEAR}, template: "SHANDONG_2025") { submission { id status } } }`, { g: G1 }, t.bot),
    ).freezeReport.submission;
    if (frozen.status === 'GENERATED')
      dataOf(await hub.gql(`mutation($id: ID!) { confirmSubmissionWarnings(id: $id, reason: "已核对（审计测试）") { id } }`, { id: frozen.id }, t.sec1));
    const sent = dataOf(await hub.gql(`mutation($id: ID!) { sendSubmission(id: $id) { status } }`, { id: frozen.id }, t.bot)).sendSubmission;
    expect(sent.status).toBe('SUBMITTED');

    const bot = await trail('statisticsAudit', { userId: 'reporting-bot' });
    expectEach(
      bot.nodes,
      (n: any) => like(n, { byService: true, roles: ['REPORTER'], organizationId: null, entityType: 'Submission', entityId: frozen.id }),
      2,
    );
    expect(bot.nodes.map((n: any) => n.operation)).toEqual(['sendSubmission', 'freezeReport']);
    expect(change(bot.nodes[0], 'status')).toEqual({ field: 'status', from: 'VALIDATED', to: 'SUBMITTED' });
    // The frozen payload is not copied into the log; its fingerprint is.
    expect(change(bot.nodes[1], 'payloadSha256')?.to).toMatch(/^[0-9a-f]{64}$/);
    expect(bot.nodes[1].changes.map((c: any) => c.field)).not.toContain('payload');
  });
});

describe('filters and pagination', () => {
  it('pages through the trail newest first with sealed cursors, and filters by time, unit, entity and operation', async () => {
    const all = await trail('statisticsAudit', {}, { first: 100 });
    expect(all.totalCount).toBeGreaterThanOrEqual(6);
    const first = await trail('statisticsAudit', {}, { first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await trail('statisticsAudit', {}, { first: 2, after: first.pageInfo.endCursor });
    expectEach(second.nodes, (n: any) => !first.nodes.some((f: any) => f.id === n.id), 2);
    expect([...first.nodes, ...second.nodes].map((n: any) => n.id)).toEqual(all.nodes.slice(0, 4).map((n: any) => n.id));
    const times = all.nodes.map((n: any) => n.at);
    expect([...times].sort().reverse()).toEqual(times);

    expect((await trail('statisticsAudit', { from: '2999-01-01' })).totalCount).toBe(0);
    expect((await trail('statisticsAudit', { to: '2000-01-01' })).totalCount).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    expect((await trail('statisticsAudit', { from: today })).totalCount).toBe(all.totalCount);
    const school = await trail('statisticsAudit', { organizationId: SCHOOL }, { first: 100 });
    expectEach(school.nodes, (n: any) => n.organizationId === SCHOOL, school.totalCount);
    expect(school.totalCount).toBeGreaterThanOrEqual(2);
    const returns = await trail('statisticsAudit', { entityType: 'AnnualReturn', operation: 'approveAnnualReturn' });
    expectEach(returns.nodes, (n: any) => n.userId === 'audit-sec1', 1);
    expect(change(returns.nodes[0], 'status')).toEqual({ field: 'status', from: 'SUBMITTED', to: 'APPROVED' });

    expect(codesOf(await readTrail('statisticsAudit', { from: 'gestern' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await readTrail('statisticsAudit', {}, t.sec1, { after: 'forged-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('who may read a trail', () => {
  it('another group’s secretariat, a member unit, the bot and anonymous callers read none of the four trails', async () => {
    for (const field of TRAILS) {
      // Another group's secretariat does not see the group at all; the others see its profile and are refused the trail.
      const other = await readTrail(field, {}, t.sec2);
      expect(other.body.data?.group).toBeNull();
      expect(codesOf(other)).toEqual([]);
      for (const [token, code] of [
        [t.school, 'FORBIDDEN'],
        [t.bot, 'FORBIDDEN'],
        [null, 'UNAUTHENTICATED'],
      ] as const) {
        const response = await readTrail(field, {}, token);
        expect(response.body.data?.group).toEqual({ [field]: null });
        expect(codesOf(response)).toEqual([code]);
      }
    }
  });

  it('a group that typed a unit’s USCC into an application does not get that unit’s master-data changes in its trail', async () => {
    const uscc = await usccOf(hub, SCHOOL, t.sec1);
    const organization = { uscc, name: '冒名学校（审计测试）', type: 'HIGHER_VOCATIONAL', region: '370102', industry: '教育' };
    dataOf(
      await hub.gql(
        `mutation($input: RecordJoinApplicationInput!) { recordJoinApplication(input: $input) { id } }`,
        { input: { groupId: G2, organization, statement: '申请加入' } },
        t.sec2,
      ),
    );
    dataOf(await hub.gql(`mutation { updateMyContact(input: { contactPhone: "13700001111" }) { id } }`, {}, t.school));
    const g1 = await trail('membersAudit', { entityId: SCHOOL, operation: 'updateMyContact' });
    expect(change(g1.nodes[0], 'contactPhone')?.to).toBe('137****1111');
    const g2 = dataOf(await readTrail('membersAudit', { entityId: SCHOOL }, t.sec2, {}, G2)).group.membersAudit;
    expect(g2.totalCount).toBe(0);
  });

  it('the other group’s own trail holds nothing of this group’s writes', async () => {
    const own = dataOf(await readTrail('membersAudit', { entityId: SCHOOL, operation: 'updateMyContact' }, t.sec2, {}, G2)).group.membersAudit;
    // The school is a G1 unit only: its contact change belongs to G1's trail.
    expect(own.totalCount).toBe(0);
    const g2Resources = dataOf(await readTrail('resourcesAudit', { organizationId: SCHOOL }, t.sec2, {}, G2)).group.resourcesAudit;
    expect(g2Resources.totalCount).toBe(0);
  });
});

describe('a failed write leaves no audit row', () => {
  it('a council term refused as a duplicate inside its transaction is not in the trail; the one stored is, once', async () => {
    const term = `mutation($g: ID!) { createCouncilTerm(groupId: $g, input: { number: 42, startsOn: "2026-01-01" }) { id } }`;
    const created = dataOf(await hub.gql(term, { g: G1 }, t.sec1)).createCouncilTerm;
    expect(codesOf(await hub.gql(term, { g: G1 }, t.sec1))).toEqual(['CONFLICT']);
    const { nodes } = await trail('membersAudit', { operation: 'createCouncilTerm' });
    expectEach(nodes, (n: any) => like(n, { entityType: 'CouncilTerm', entityId: created.id, userId: 'audit-sec1' }), 1);
  });

  it('a return refused by its rules leaves the return and the trail as they were', async () => {
    const before = (await trail('statisticsAudit', { organizationId: SCHOOL })).totalCount;
    const response = await hub.gql(
      `mutation($g: ID!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: { graduates: 10, employedGraduates: 20 }) { id } }`,
      { g: G1 },
      t.school,
    );
    expect(codesOf(response)).toEqual(['BAD_USER_INPUT']);
    expect((await trail('statisticsAudit', { organizationId: SCHOOL })).totalCount).toBe(before);
  });
});

describe('the writes of meetings, the portal, competitions and group notices are in their trails', () => {
  it('members: a meeting recorded and updated (before → after), a bulletin published, join instructions; an anonymous inquiry without what the visitor typed', async () => {
    const input = {
      groupId: G1,
      kind: 'COUNCIL',
      title: '理事会（审计测试）',
      heldOn: '2025-03-18',
      participants: [{ organizationId: SCHOOL, attendance: 'ATTENDED' }],
    };
    const meeting = dataOf(await hub.gql(`mutation($input: MeetingInput!) { recordMeeting(input: $input) { id } }`, { input }, t.sec1)).recordMeeting;
    dataOf(
      await hub.gql(
        `mutation($id: ID!, $input: MeetingInput!) { updateMeeting(id: $id, input: $input) { id } }`,
        { id: meeting.id, input: { ...input, place: '报告厅', participants: [{ organizationId: SCHOOL, attendance: 'ABSENT' }] } },
        t.sec1,
      ),
    );
    const meetings = await trail('membersAudit', { entityType: 'Meeting', entityId: meeting.id });
    expectEach(meetings.nodes, (n: any) => like(n, { userId: 'audit-sec1', organizationId: DEMO.secretariatOrgId, roles: ['SECRETARIAT'] }), 2);
    expect(meetings.nodes.map((n: any) => n.operation)).toEqual(['updateMeeting', 'recordMeeting']);
    expect(change(meetings.nodes[1], 'title')).toEqual({ field: 'title', from: null, to: input.title });
    expect(meetings.nodes[0].changes).toEqual([
      { field: 'place', from: null, to: '报告厅' },
      { field: 'participants', from: `${SCHOOL}:ATTENDED`, to: `${SCHOOL}:ABSENT` },
    ]);

    const bulletin = dataOf(
      await hub.gql(
        `mutation($input: CreateBulletinInput!) { createBulletin(input: $input) { id } }`,
        { input: { groupId: G1, kind: 'NEWS', title: '集团新闻（审计测试）', body: '正文' } },
        t.sec1,
      ),
    ).createBulletin;
    dataOf(await hub.gql(`mutation($id: ID!) { publishBulletin(id: $id) { id } }`, { id: bulletin.id }, t.sec1));
    const bulletins = await trail('membersAudit', { entityType: 'Bulletin', entityId: bulletin.id });
    expectEach(bulletins.nodes, (n: any) => n.userId === 'audit-sec1', 2);
    expect(bulletins.nodes.map((n: any) => n.operation)).toEqual(['publishBulletin', 'createBulletin']);
    expect(change(bulletins.nodes[0], 'status')).toEqual({ field: 'status', from: 'DRAFT', to: 'PUBLISHED' });
    expect(change(bulletins.nodes[0], 'publishedAt')?.to).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    dataOf(await hub.gql(`mutation($g: ID!) { setJoinInstructions(groupId: $g, text: "请先联系秘书处（审计测试）") { id } }`, { g: G1 }, t.sec1));
    const instructions = await trail('membersAudit', { operation: 'setJoinInstructions' });
    expectEach(instructions.nodes, (n: any) => like(n, { entityType: 'Group', entityId: G1 }), 1);
    expect(change(instructions.nodes[0], 'joinInstructions')?.to).toBe('请先联系秘书处（审计测试）');

    const first17 = '91370212MA9000001';
    const inquiry = {
      groupId: G1,
      unitName: '青岛审计测试机械有限公司（测试）',
      uscc: first17 + usccCheckCharacter(first17),
      contactName: '赵访客',
      contactPhone: '13711112222',
      message: '希望加入集团',
    };
    dataOf(await hub.gql(`mutation($input: JoinInquiryInput!) { sendJoinInquiry(input: $input) { received } }`, { input: inquiry }));
    const received = await trail('membersAudit', { operation: 'sendJoinInquiry' });
    expectEach(received.nodes, (n: any) => like(n, { userId: 'anonymous', organizationId: null, roles: [], byService: false, entityType: 'JoinInquiry' }), 1);
    expect(received.nodes[0].changes).toEqual([{ field: 'status', from: null, to: 'NEW' }]);
    dataOf(
      await hub.gql(`mutation($id: ID!) { declineJoinInquiry(id: $id, reason: "暂不接收（审计测试）") { id } }`, { id: received.nodes[0].entityId }, t.sec1),
    );
    const declined = await trail('membersAudit', { operation: 'declineJoinInquiry' });
    expectEach(declined.nodes, (n: any) => like(n, { userId: 'audit-sec1', entityId: received.nodes[0].entityId }), 1);
    expect(change(declined.nodes[0], 'status')).toEqual({ field: 'status', from: 'NEW', to: 'DECLINED' });
    expect(JSON.stringify([...received.nodes, ...declined.nodes])).not.toMatch(/赵访客|13711112222|希望加入/);
  });

  it('bases: a competition recorded and an entrant added, the 身份证号 and phone masked and the name by its shape', async () => {
    const competition = dataOf(
      await hub.gql(
        `mutation($input: CompetitionInput!) { recordCompetition(input: $input) { id } }`,
        { input: { groupId: G1, name: '技能大赛（审计测试）', level: 'MUNICIPAL', role: 'PARTICIPANT', heldOn: '2025-05-20', participantIds: [SCHOOL] } },
        t.sec1,
      ),
    ).recordCompetition;
    const recorded = await trail('basesAudit', { operation: 'recordCompetition', entityId: competition.id });
    expectEach(recorded.nodes, (n: any) => like(n, { userId: 'audit-sec1', entityType: 'Competition' }), 1);
    expect(change(recorded.nodes[0], 'participantIds')?.to).toBe(JSON.stringify([SCHOOL]));

    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const first17 = '37020220050312009';
    const idNumber = first17 + '10X98765432'[[...first17].reduce((n, d, i) => n + Number(d) * weights[i], 0) % 11];
    const entrant = dataOf(
      await hub.gql(
        `mutation($input: EntrantInput!) { addCompetitionEntrant(input: $input) { id } }`,
        { input: { competitionId: competition.id, kind: 'STUDENT', name: '孙审计', idNumber, phone: '13912349876' } },
        t.school,
      ),
    ).addCompetitionEntrant;
    const { nodes } = await trail('basesAudit', { operation: 'addCompetitionEntrant', entityId: entrant.id });
    expectEach(nodes, (n: any) => like(n, { userId: 'audit-school', organizationId: SCHOOL, entityType: 'CompetitionEntrant' }), 1);
    expect(change(nodes[0], 'idNumberMasked')?.to).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(14)}`);
    expect(change(nodes[0], 'phoneMasked')?.to).toBe('139****9876');
    expect(change(nodes[0], 'name')?.to).toBe('孙**');
    expect(nodes[0].changes.map((c: any) => c.field)).not.toEqual(expect.arrayContaining(['idNumberSealed']));
    expect(JSON.stringify(nodes)).not.toMatch(new RegExp(`${idNumber}|13912349876|孙审计`));
  });

  it('statistics: a notice sent, a due date moved and a reminder, each with its recipients; a read receipt is not recorded', async () => {
    const notice = dataOf(
      await hub.gql(
        `mutation($input: SendGroupNoticeInput!) { sendGroupNotice(input: $input) { id } }`,
        { input: { groupId: G1, audience: 'UNITS', organizationIds: [SCHOOL], title: '通知（审计测试）', body: '请于本周内回复' } },
        t.sec1,
      ),
    ).sendGroupNotice;
    const sent = await trail('statisticsAudit', { operation: 'sendGroupNotice', entityId: notice.id });
    expectEach(sent.nodes, (n: any) => like(n, { userId: 'audit-sec1', entityType: 'GroupNotice' }), 1);
    expect(change(sent.nodes[0], 'audience')?.to).toBe('UNITS');
    expect(change(sent.nodes[0], 'recipients')?.to).toBe('1');
    dataOf(await hub.gql(`mutation($id: ID!) { markGroupNoticeRead(id: $id) { id } }`, { id: notice.id }, t.school));
    expect((await trail('statisticsAudit', { entityId: notice.id })).totalCount).toBe(1);

    const round = dataOf(
      await hub.gql(
        `query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { id dueOn returns(statuses: [DRAFT, RETURNED]) { organization { id } } } }`,
        { g: G1 },
        t.sec1,
      ),
    ).collectionRound;
    dataOf(await hub.gql(`mutation($id: ID!) { setRoundDueDate(id: $id, dueOn: "2026-01-31") { id } }`, { id: round.id }, t.sec1));
    const due = await trail('statisticsAudit', { operation: 'setRoundDueDate', entityId: round.id });
    expectEach(due.nodes, (n: any) => like(n, { entityType: 'CollectionRound', changes: [{ field: 'dueOn', from: round.dueOn, to: '2026-01-31' }] }), 1);

    const reminder = dataOf(
      await hub.gql(`mutation($r: ID!) { sendReminder(roundId: $r) { notice { id } reminded { id } } }`, { r: round.id }, t.sec1),
    ).sendReminder;
    expect(reminder.reminded.length).toBeGreaterThan(0);
    const reminded = await trail('statisticsAudit', { operation: 'sendReminder' });
    expectEach(reminded.nodes, (n: any) => like(n, { userId: 'audit-sec1', entityType: 'GroupNotice', entityId: reminder.notice.id }), 1);
    expect(change(reminded.nodes[0], 'roundId')?.to).toBe(round.id);
    expect(change(reminded.nodes[0], 'recipients')?.to).toBe(String(reminder.reminded.length));
    expect(change(reminded.nodes[0], 'skipped')?.to).toBe('0');
  });
});
