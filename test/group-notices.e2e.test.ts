import { DEMO, orgId } from '@zjjt/demo';
import { approveSchoolReturn, codesOf, dataOf, expectEach, startTestHub, TestHub } from './harness';

// 消息管理 through the gateway: notices addressed to all members, to unit categories or to named members,
// read receipts, reminders (催报) to a round's units that have not submitted with a per-unit rate limit,
// a round's overdue units, and who may see and do what (SECURITY.md).
let hub: TestHub;
const t: Record<string, string> = {};
const G = DEMO.groupId;
const G2 = DEMO.secondGroupId;
const YEAR = 2025;
const ENTERPRISE = DEMO.memberOrgId;
const SCHOOL = DEMO.schoolOrgId;

beforeAll(async () => {
  hub = await startTestHub();
  t.secretariat = await hub.token({ sub: 'gn-sec', roles: ['SECRETARIAT'], groups: [G], org: DEMO.secretariatOrgId });
  t.school = await hub.token({ sub: 'gn-school', roles: ['MEMBER'], groups: [G], org: SCHOOL });
  t.enterprise = await hub.token({ sub: 'gn-ent', roles: ['MEMBER'], groups: [G], org: ENTERPRISE });
  t.reporter = await hub.token({ sub: 'gn-bot', roles: ['REPORTER'], groups: [G] });
  t.otherGroup = await hub.token({ sub: 'gn-sec2', roles: ['SECRETARIAT'], groups: [G2], org: DEMO.secondGroupSecretariatOrgId });
  // A unit of both groups signed in to the second group only.
  t.sharedInG2 = await hub.token({ sub: 'gn-shared', roles: ['MEMBER'], groups: [G2], org: orgId('qdgkjx') });
}, 120000);

afterAll(async () => {
  await hub?.stop();
});

const NOTICE = /* GraphQL */ `id kind audience title body sentBy sentAt dueOn unitCategories readAt recipientCount readCount
  recipients { organization { id } readAt readBy }`;
const SEND = /* GraphQL */ `mutation($input: SendGroupNoticeInput!) { sendGroupNotice(input: $input) { ${NOTICE} } }`;
const MINE = /* GraphQL */ `query($g: ID!, $u: Boolean) { myGroupNotices(groupId: $g, unreadOnly: $u) { id title readAt recipients { readAt } } }`;
const READ = /* GraphQL */ `mutation($id: ID!) { markGroupNoticeRead(id: $id) { id readAt } }`;
const ONE = /* GraphQL */ `query($id: ID!) { groupNotice(id: $id) { id title readAt recipients { organization { id } } } }`;
const REMIND = /* GraphQL */ `mutation($r: ID!) { sendReminder(roundId: $r) { notice { ${NOTICE} round { id } } reminded { id } skipped { id } intervalHours } }`;

const send = (input: Record<string, unknown>, token = t.secretariat) =>
  hub.gql(SEND, { input: { groupId: G, title: '测试通知', body: '正文', ...input } }, token);
const sorted = (ids: string[]) => [...ids].sort();
const idsOf = (list: { id: string }[]) => sorted(list.map((o) => o.id));
const recipientIds = (notice: { recipients: { organization: { id: string } }[] }) => sorted(notice.recipients.map((r) => r.organization.id));

/** The group's active members and their categories, as members answers them through the gateway. */
async function activeMembers(groupId: string, token: string): Promise<{ id: string; category: string }[]> {
  const data = dataOf(
    await hub.gql(
      `query($g: ID!) { group(id: $g) { members(first: 100, filter: { statuses: [ACTIVE] }) { edges { node { organization { id category } } } } } }`,
      { g: groupId },
      token,
    ),
  );
  return data.group.members.edges.map((e: { node: { organization: { id: string; category: string } } }) => e.node.organization);
}

/** A date `days` from today (UTC), YYYY-MM-DD: the hub's processes and the test read the same system clock. */
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('notices addressed to members', () => {
  it('resolves unit categories to the active members of those categories at send time, and all members to every active member', async () => {
    const members = await activeMembers(G, t.secretariat);
    const enterprises = members.filter((m) => m.category === 'ENTERPRISE').map((m) => m.id);
    const others = members.filter((m) => m.category === 'OTHER').map((m) => m.id);
    expect(enterprises).toContain(ENTERPRISE);
    expect(members.length).toBeGreaterThan(enterprises.length + others.length);

    const byType = dataOf(await send({ audience: 'UNIT_CATEGORIES', unitCategories: ['OTHER', 'ENTERPRISE'], title: '企业与其他单位通知' })).sendGroupNotice;
    expect(byType).toMatchObject({ kind: 'NOTICE', audience: 'UNIT_CATEGORIES', unitCategories: ['ENTERPRISE', 'OTHER'], sentBy: 'gn-sec', dueOn: null });
    expect(recipientIds(byType)).toEqual(sorted([...enterprises, ...others]));
    expect(byType.recipientCount).toBe(enterprises.length + others.length);
    expectEach(byType.recipients, (r: { readAt: string | null }) => r.readAt === null, enterprises.length + others.length);

    const all = dataOf(await send({ audience: 'ALL_MEMBERS', title: '全体通知' })).sendGroupNotice;
    expect(recipientIds(all)).toEqual(sorted(members.map((m) => m.id)));

    // The school is not an enterprise: it has the notice to all, not the one by type.
    const schoolInbox = dataOf(await hub.gql(MINE, { g: G }, t.school)).myGroupNotices;
    expect(schoolInbox.map((n: { id: string }) => n.id)).toContain(all.id);
    expect(schoolInbox.map((n: { id: string }) => n.id)).not.toContain(byType.id);
  });

  it('sends to named active members only: a unit of another group is refused like an unknown id, and nothing is stored', async () => {
    const g1 = new Set((await activeMembers(G, t.secretariat)).map((m) => m.id));
    const outsider = (await activeMembers(G2, t.otherGroup)).map((m) => m.id).find((id) => !g1.has(id));
    expect(outsider).toBeDefined();
    const before = dataOf(await hub.gql(`query($g: ID!) { sentGroupNotices(groupId: $g) { id } }`, { g: G }, t.secretariat)).sentGroupNotices.length;

    for (const stranger of [outsider, '00000000-0000-4000-8000-000000000000']) {
      const refused = await send({ audience: 'UNITS', organizationIds: [SCHOOL, stranger] });
      expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.body.errors![0].message).toContain(`不是本集团的正式成员单位，请从成员名单中选择：${stranger}`);
    }
    expect(codesOf(await send({ audience: 'UNITS', organizationIds: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await send({ audience: 'ALL_MEMBERS', organizationIds: [SCHOOL] }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await send({ audience: 'NOT_SUBMITTED' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await send({ audience: 'ALL_MEMBERS', title: '  ' }))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await hub.gql(`query($g: ID!) { sentGroupNotices(groupId: $g) { id } }`, { g: G }, t.secretariat)).sentGroupNotices).toHaveLength(before);

    const named = dataOf(await send({ audience: 'UNITS', organizationIds: [SCHOOL, ENTERPRISE, SCHOOL], title: '两单位通知' })).sendGroupNotice;
    expect(recipientIds(named)).toEqual(sorted([SCHOOL, ENTERPRISE]));
  });

  it('lists a unit its notices unread first, keeps the first read receipt, and shows the secretariat who has read', async () => {
    const older = dataOf(await send({ audience: 'UNITS', organizationIds: [ENTERPRISE], title: '较早通知' })).sendGroupNotice;
    const newer = dataOf(await send({ audience: 'UNITS', organizationIds: [ENTERPRISE, SCHOOL], title: '较新通知' })).sendGroupNotice;

    const read = dataOf(await hub.gql(READ, { id: newer.id }, t.enterprise)).markGroupNoticeRead;
    expect(read.readAt).toEqual(expect.any(String));
    const again = dataOf(await hub.gql(READ, { id: newer.id }, t.enterprise)).markGroupNoticeRead;
    expect(again.readAt).toBe(read.readAt);

    const inbox = dataOf(await hub.gql(MINE, { g: G }, t.enterprise)).myGroupNotices;
    const ids = inbox.map((n: { id: string }) => n.id);
    // The older notice is unread, so it comes before the newer one that was read.
    expect(ids.indexOf(older.id)).toBeLessThan(ids.indexOf(newer.id));
    const firstRead = inbox.findIndex((n: { readAt: string | null }) => n.readAt !== null);
    expectEach(inbox.slice(0, firstRead), (n: { readAt: string | null }) => n.readAt === null, firstRead);
    expectEach(inbox.slice(firstRead), (n: { readAt: string | null }) => n.readAt !== null, inbox.length - firstRead);
    // A unit never sees the other recipients' receipts.
    expectEach(inbox, (n: { recipients: unknown }) => n.recipients === null, inbox.length);
    const unread = dataOf(await hub.gql(MINE, { g: G, u: true }, t.enterprise)).myGroupNotices.map((n: { id: string }) => n.id);
    expect(unread).toContain(older.id);
    expect(unread).not.toContain(newer.id);

    const seen = dataOf(await hub.gql(`query($id: ID!) { groupNotice(id: $id) { ${NOTICE} } }`, { id: newer.id }, t.secretariat)).groupNotice;
    expect(seen).toMatchObject({ recipientCount: 2, readCount: 1 });
    expect(seen.recipients).toHaveLength(2);
    expect(seen.recipients).toEqual(
      expect.arrayContaining([
        { organization: { id: ENTERPRISE }, readAt: read.readAt, readBy: 'gn-ent' },
        { organization: { id: SCHOOL }, readAt: null, readBy: null },
      ]),
    );
  });

  it('refuses a unit another unit’s notice, and shows another group, the bot and anonymous callers nothing', async () => {
    const toEnterprise = dataOf(await send({ audience: 'UNITS', organizationIds: [ENTERPRISE], title: '仅企业可见' })).sendGroupNotice;

    expect(dataOf(await hub.gql(ONE, { id: toEnterprise.id }, t.school)).groupNotice).toBeNull();
    expect(codesOf(await hub.gql(READ, { id: toEnterprise.id }, t.school))).toEqual(['NOT_FOUND']);
    expect(dataOf(await hub.gql(MINE, { g: G }, t.school)).myGroupNotices.map((n: { id: string }) => n.id)).not.toContain(toEnterprise.id);
    expect(dataOf(await hub.gql(ONE, { id: toEnterprise.id }, t.enterprise)).groupNotice).toMatchObject({ id: toEnterprise.id, recipients: null });

    // Another group's secretariat: no list, no notice, no sending in this group.
    expect(codesOf(await hub.gql(`query($g: ID!) { sentGroupNotices(groupId: $g) { id } }`, { g: G }, t.otherGroup))).toEqual(['FORBIDDEN']);
    expect(dataOf(await hub.gql(ONE, { id: toEnterprise.id }, t.otherGroup)).groupNotice).toBeNull();
    expect(codesOf(await send({ audience: 'ALL_MEMBERS' }, t.otherGroup))).toEqual(['FORBIDDEN']);
    expect(dataOf(await hub.gql(MINE, { g: G }, t.otherGroup)).myGroupNotices).toEqual([]);

    // A unit of both groups, signed in to the other group, does not see this group's notices to it.
    const toShared = dataOf(await send({ audience: 'UNITS', organizationIds: [orgId('qdgkjx')], title: '成员单位通知' })).sendGroupNotice;
    expect(dataOf(await hub.gql(ONE, { id: toShared.id }, t.sharedInG2)).groupNotice).toBeNull();
    expect(codesOf(await hub.gql(READ, { id: toShared.id }, t.sharedInG2))).toEqual(['NOT_FOUND']);
    expect(dataOf(await hub.gql(MINE, { g: G }, t.sharedInG2)).myGroupNotices).toEqual([]);

    // A member unit cannot send; the reporting bot has no inbox; anonymous callers are asked to sign in.
    expect(codesOf(await send({ audience: 'ALL_MEMBERS' }, t.enterprise))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(`query($g: ID!) { sentGroupNotices(groupId: $g) { id } }`, { g: G }, t.enterprise))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(MINE, { g: G }, t.reporter))).toEqual(['FORBIDDEN']);
    expect(codesOf(await send({ audience: 'ALL_MEMBERS' }, t.reporter))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(MINE, { g: G }))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await hub.gql(ONE, { id: toEnterprise.id })).groupNotice).toBeNull();
  });
});

describe('reminders (催报) and overdue units', () => {
  let roundId: string;
  let notSubmitted: string[];

  beforeAll(async () => {
    // The school's return is submitted and approved; every other unit's is still a draft.
    await approveSchoolReturn(hub, G, YEAR, { secretariat: t.secretariat, school: t.school });
    const round = dataOf(
      await hub.gql(
        `query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { id returns(statuses: [DRAFT, RETURNED]) { organization { id } } } }`,
        { g: G },
        t.secretariat,
      ),
    ).collectionRound;
    roundId = round.id;
    notSubmitted = sorted(round.returns.map((r: { organization: { id: string } }) => r.organization.id));
    expect(notSubmitted).toContain(ENTERPRISE);
    expect(notSubmitted).not.toContain(SCHOOL);
  });

  const overdue = async (token = t.secretariat) =>
    dataOf(await hub.gql(`query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { dueOn overdue { id } } }`, { g: G }, token)).collectionRound;
  const setDue = (dueOn: string, token = t.secretariat) =>
    hub.gql(`mutation($id: ID!, $d: LocalDate!) { setRoundDueDate(id: $id, dueOn: $d) { id dueOn } }`, { id: roundId, d: dueOn }, token);

  it('lists the units that have not submitted once the due date has passed, none on or before it', async () => {
    expect(dataOf(await setDue(dayFromToday(1))).setRoundDueDate.dueOn).toBe(dayFromToday(1));
    expect((await overdue()).overdue).toEqual([]);
    dataOf(await setDue(dayFromToday(0)));
    expect((await overdue()).overdue).toEqual([]);
    dataOf(await setDue(dayFromToday(-1)));
    const late = await overdue();
    expect(late.dueOn).toBe(dayFromToday(-1));
    expect(idsOf(late.overdue)).toEqual(notSubmitted);
    // Only the secretariat sees the list; only the secretariat sets the date.
    expect((await overdue(t.enterprise)).overdue).toBeNull();
    expect(codesOf(await setDue(dayFromToday(5), t.enterprise))).toEqual(['FORBIDDEN']);
    expect(codesOf(await setDue(dayFromToday(5), t.otherGroup))).toEqual(['NOT_FOUND']);
    expect(codesOf(await setDue('2026-02-30'))).toEqual(['BAD_USER_INPUT']);
    expect((await overdue()).dueOn).toBe(dayFromToday(-1));
  });

  it('reminds exactly the units that have not submitted, with the due date, and a double click or a second click reminds nobody again', async () => {
    // A double click: two requests at once send one reminder; the other finds every unit just reminded.
    const [a, b] = (await Promise.all([hub.gql(REMIND, { r: roundId }, t.secretariat), hub.gql(REMIND, { r: roundId }, t.secretariat)])).map(
      (r) => dataOf(r).sendReminder,
    );
    const first = a.notice ? a : b;
    const twin = a.notice ? b : a;
    expect(twin).toMatchObject({ notice: null, reminded: [] });
    expect(idsOf(twin.skipped)).toEqual(notSubmitted);
    expect(first.intervalHours).toBe(24);
    expect(idsOf(first.reminded)).toEqual(notSubmitted);
    expect(first.skipped).toEqual([]);
    expect(first.notice).toMatchObject({ kind: 'REMINDER', audience: 'NOT_SUBMITTED', dueOn: dayFromToday(-1), round: { id: roundId }, readCount: 0 });
    expect(first.notice.title).toBe(`催报：${YEAR} 年度成员年报`);
    expect(first.notice.body).toContain(`截止日期为 ${dayFromToday(-1)}，现已逾期`);
    expect(recipientIds(first.notice)).toEqual(notSubmitted);

    // The enterprise has it among its notices; the school, which submitted, does not.
    expect(dataOf(await hub.gql(MINE, { g: G }, t.enterprise)).myGroupNotices.map((n: { id: string }) => n.id)).toContain(first.notice.id);
    expect(dataOf(await hub.gql(MINE, { g: G }, t.school)).myGroupNotices.map((n: { id: string }) => n.id)).not.toContain(first.notice.id);

    const second = dataOf(await hub.gql(REMIND, { r: roundId }, t.secretariat)).sendReminder;
    expect(second.notice).toBeNull();
    expect(second.reminded).toEqual([]);
    expect(idsOf(second.skipped)).toEqual(notSubmitted);
    const reminders = dataOf(await hub.gql(`query($g: ID!) { sentGroupNotices(groupId: $g, kind: REMINDER) { id } }`, { g: G }, t.secretariat));
    expect(reminders.sentGroupNotices).toEqual([{ id: first.notice.id }]);
  });

  it('refuses reminders to anyone but the group’s secretariat, and for a closed round', async () => {
    expect(codesOf(await hub.gql(REMIND, { r: roundId }, t.enterprise))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(REMIND, { r: roundId }, t.reporter))).toEqual(['FORBIDDEN']);
    expect(codesOf(await hub.gql(REMIND, { r: roundId }, t.otherGroup))).toEqual(['NOT_FOUND']);
    expect(codesOf(await hub.gql(REMIND, { r: roundId }))).toEqual(['NOT_FOUND']);
    dataOf(await hub.gql(`mutation($id: ID!) { closeCollectionRound(id: $id) { status } }`, { id: roundId }, t.secretariat));
    const closed = await hub.gql(REMIND, { r: roundId }, t.secretariat);
    expect(codesOf(closed)).toEqual(['BAD_USER_INPUT']);
    expect(closed.body.errors![0].message).toContain('已结束，不能再催报');
  });
});
