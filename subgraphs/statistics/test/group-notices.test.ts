import { ConfigError, Subgraph, Viewer } from '@zjjt/kit';
import { DEMO, demoDirectoryEntry, orgId } from '@zjjt/demo';
import { createTestSubgraph, dropTestDatabase, execute, inMemoryDirectory, setClock } from '@zjjt/kit/testing';
import { statistics } from '../src/schema';
import { StatisticsLoaders } from '../src/context';
import { reminderIntervalHours } from '../src/group-notices/reminder-config';

// Group notices and reminders in-process, on the hub's clock (setClock): recipients resolved at send time,
// the reminder rate window and the due date's boundary, without waiting for any of them.
let sg: Subgraph<StatisticsLoaders>;
const G = DEMO.groupId;
const G2 = DEMO.secondGroupId;
const YEAR = 2025;
const UNITS = ['jnzy', 'jnjgzb', 'jnskjc', 'sdjxxh'] as const;
const id = (slug: (typeof UNITS)[number]) => orgId(slug);
const secretariat = new Viewer('sec-user', null, [G, G2], ['SECRETARIAT']);
const unit = (slug: (typeof UNITS)[number]) => new Viewer(`${slug}-user`, id(slug), [G, G2], ['MEMBER']);
const members: Record<string, string[]> = { [G]: UNITS.map(id), [G2]: UNITS.map(id) };
const T0 = '2026-03-01T08:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const REMIND = /* GraphQL */ `mutation($r: ID!) { sendReminder(roundId: $r) { notice { id body recipients { organization { id } } } reminded { id } skipped { id } } }`;
const OVERDUE = /* GraphQL */ `query($g: ID!) { collectionRound(groupId: $g, year: ${YEAR}) { overdue { id } } }`;
let roundId: string;

const ok = <T>(result: { data?: T | null; errors?: readonly unknown[] }): T => {
  expect(result.errors).toBeUndefined();
  return result.data as T;
};
const ids = (list: { id: string }[]) => list.map((o) => o.id).sort();
const remind = async () => ok(await execute(sg, secretariat, REMIND, { r: roundId })).sendReminder;

beforeAll(async () => {
  setClock(T0);
  sg = await createTestSubgraph(statistics, {
    directory: inMemoryDirectory({ organizations: UNITS.map((s) => demoDirectoryEntry(s)), activeMembers: members }),
  });
  roundId = ok(
    await execute(sg, secretariat, `mutation($g: ID!) { openCollectionRound(input: { groupId: $g, year: ${YEAR}, dueOn: "2026-03-31" }) { id } }`, { g: G }),
  ).openCollectionRound.id;
  // The school submits before any reminder.
  const figures = { enrolledStudents: 8000, fullTimeTeachers: 400, graduates: 2500, employedGraduates: 2350 };
  ok(
    await execute(sg, unit('jnzy'), `mutation($g: ID!, $i: AnnualReturnInput!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: $i) { id } }`, {
      g: G,
      i: figures,
    }),
  );
  ok(await execute(sg, unit('jnzy'), `mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: ${YEAR}) { id } }`, { g: G }));
});

afterAll(async () => {
  setClock(null);
  delete process.env.REMINDER_INTERVAL_HOURS;
  await sg?.close();
  if (sg) await dropTestDatabase(sg.config.database);
});

describe('reminders on the hub clock', () => {
  it('skips a unit reminded within REMINDER_INTERVAL_HOURS and reminds it again once the window has passed', async () => {
    setClock(T0);
    const first = await remind();
    expect(ids(first.reminded)).toEqual([id('jnjgzb'), id('jnskjc'), id('sdjxxh')].sort());
    expect(first.notice.body).not.toContain('逾期');

    // The enterprise submits meanwhile: no reminder is for it any more.
    setClock(at(20));
    ok(
      await execute(sg, unit('jnskjc'), `mutation($g: ID!, $i: AnnualReturnInput!) { saveAnnualReturn(groupId: $g, year: ${YEAR}, input: $i) { id } }`, {
        g: G,
        i: { employees: 900 },
      }),
    );
    ok(await execute(sg, unit('jnskjc'), `mutation($g: ID!) { submitAnnualReturn(groupId: $g, year: ${YEAR}) { id } }`, { g: G }));

    setClock(at(23.99));
    const early = await remind();
    expect(early).toMatchObject({ notice: null, reminded: [] });
    expect(ids(early.skipped)).toEqual([id('jnjgzb'), id('sdjxxh')].sort());

    setClock(at(24));
    const next = await remind();
    expect(ids(next.reminded)).toEqual([id('jnjgzb'), id('sdjxxh')].sort());
    expect(next.skipped).toEqual([]);
    expect(ids(next.notice.recipients.map((r: { organization: { id: string } }) => r.organization))).toEqual(ids(next.reminded));

    // 0 turns the limit off; a value that is not a whole number of hours stops the process at start.
    process.env.REMINDER_INTERVAL_HOURS = '0';
    setClock(at(24.01));
    expect(ids((await remind()).reminded)).toEqual(ids(next.reminded));
    delete process.env.REMINDER_INTERVAL_HOURS;
    expect(() => reminderIntervalHours({ REMINDER_INTERVAL_HOURS: '1.5' })).toThrow(ConfigError);
    expect(() => reminderIntervalHours({ REMINDER_INTERVAL_HOURS: '-1' })).toThrow(ConfigError);
    expect(reminderIntervalHours({ REMINDER_INTERVAL_HOURS: '48' })).toBe(48);
    expect(reminderIntervalHours({})).toBe(24);
  });

  it('lists overdue units from the day after the due date, and says so in the reminder', async () => {
    setClock('2026-03-31T23:59:59.999Z');
    expect(ok(await execute(sg, secretariat, OVERDUE, { g: G })).collectionRound.overdue).toEqual([]);
    setClock('2026-04-01T00:00:00.000Z');
    expect(ids(ok(await execute(sg, secretariat, OVERDUE, { g: G })).collectionRound.overdue)).toEqual([id('jnjgzb'), id('sdjxxh')].sort());
    setClock('2026-04-03T00:00:00.000Z');
    expect((await remind()).notice.body).toContain('截止日期为 2026-03-31，现已逾期');
  });
});

describe('two reminders at once', () => {
  it('sends one: the other finds every unit just reminded', async () => {
    setClock('2026-04-10T08:00:00.000Z');
    const [a, b] = await Promise.all([remind(), remind()]);
    const sent = [a, b].filter((r) => r.notice !== null);
    expect(sent).toHaveLength(1);
    const other = a.notice === null ? a : b;
    expect(ids(sent[0].reminded)).toEqual([id('jnjgzb'), id('sdjxxh')].sort());
    expect(other.reminded).toEqual([]);
    expect(ids(other.skipped)).toEqual([id('jnjgzb'), id('sdjxxh')].sort());
  });
});

describe('notices resolved at send time', () => {
  it('keeps the recipients a notice was sent to when the group’s members change, and a later notice goes to the members then', async () => {
    const send = async () =>
      ok(
        await execute(
          sg,
          secretariat,
          `mutation($g: ID!) { sendGroupNotice(input: { groupId: $g, title: "企业通知", body: "正文", audience: UNIT_CATEGORIES, unitCategories: [ENTERPRISE] }) { id } }`,
          { g: G2 },
        ),
      ).sendGroupNotice.id;
    const recipients = async (noticeId: string) =>
      ok(await execute(sg, secretariat, `query($id: ID!) { groupNotice(id: $id) { recipients { organization { id } } } }`, { id: noticeId }))
        .groupNotice.recipients.map((r: { organization: { id: string } }) => r.organization.id)
        .sort();

    const before = await send();
    expect(await recipients(before)).toEqual([id('jnjgzb'), id('jnskjc')].sort());
    members[G2] = members[G2].filter((m) => m !== id('jnskjc'));
    const after = await send();
    expect(await recipients(after)).toEqual([id('jnjgzb')]);
    expect(await recipients(before)).toEqual([id('jnjgzb'), id('jnskjc')].sort());
    // The unit that left still reads the notice it was sent.
    expect(ok(await execute(sg, unit('jnskjc'), `query($g: ID!) { myGroupNotices(groupId: $g) { id } }`, { g: G2 })).myGroupNotices).toEqual([{ id: before }]);
  });
});
