import { DataSource } from 'typeorm';
import { AuditEntry } from '@zjjt/kit';
import { addDays, at, BulkWriter, formatCount, Province, provinceDay, provinceGroup, provinceId } from '@zjjt/demo';
import { AnnualReturn, CollectionRound } from './collection/collection.entity';
import { GroupNotice, GroupNoticeAudience, GroupNoticeKind, GroupNoticeRecipient } from './group-notices/group-notice.entity';
import { Target } from './targets/target.entity';
import { Indicator, ReturnStatus, RoundStatus } from './enums';

/** Each group's one-year targets for 2025, with the range a threshold is drawn from. */
const GROUP_TARGETS: [Indicator, number, number][] = [
  [Indicator.TRAINING_PERSON_TIMES, 5_000, 50_000],
  [Indicator.ENROLLED_STUDENTS, 20_000, 200_000],
  [Indicator.EMPLOYMENT_RATE, 85, 98],
  [Indicator.ENTERPRISE_SHARE, 40, 70],
];
/** Notices a group's secretariat sent in 2025 to all its active members (one more goes to its schools, and a reminder to the drafts). */
const NOTICES_PER_GROUP = 10;
const BY_SEED = { createdBy: 'seed' };

/**
 * Statistics' part of the province dataset (@zjjt/demo `buildProvince`): each group's open 2025
 * collection round, with a return from every active member (nine in ten approved, the rest
 * submitted or draft); schools report the school figures, enterprises theirs. Then each group's
 * targets (four for 2025, one over 2024–2026, one for each member, one for each of its first three
 * schools), the notices its secretariat sent (to every active member, to its schools, and a
 * reminder to the units with a draft) with their recipients (seven in ten read), and its audit log
 * of the approvals and the notices. Ids: collection-round `group n`, annual-return, target,
 * group-notice, group-notice-recipient and statistics-audit `n`.
 */
export async function loadProvince(db: DataSource, province: Province): Promise<string> {
  const random = province.random('statistics');
  const rounds = await BulkWriter.open(db, CollectionRound);
  const returns = await BulkWriter.open(db, AnnualReturn);
  const audit = await BulkWriter.open(db, AuditEntry);
  let entries = 0;
  const log = (groupId: string, entry: Pick<AuditEntry, 'at' | 'operation' | 'entityType' | 'entityId' | 'changeList'>) => {
    entries += 1;
    const { secretariatOrgId } = provinceGroup(province.groups.findIndex((g) => g.id === groupId) + 1, province.counts.groups);
    audit.add({
      id: provinceId('statistics-audit', entries),
      groupId,
      userId: 'seed',
      organizationId: secretariatOrgId,
      roleList: 'SECRETARIAT',
      byService: false,
      ...entry,
    });
  };
  /** The units of each group whose return is still a draft (a reminder goes to them). */
  const drafts: string[][] = province.groups.map(() => []);
  let n = 0;
  for (let gi = 0; gi < province.groups.length; gi += 1) {
    const g = province.groups[gi];
    const roundId = provinceId('collection-round', gi + 1);
    rounds.add({ id: roundId, groupId: g.id, year: 2025, dueOn: '2026-03-31', status: RoundStatus.OPEN, openedBy: 'seed', openedAt: at('2026-01-05', 2) });
    for (const unit of g.active) {
      n += 1;
      const x = random.next();
      const status = x < 0.9 ? ReturnStatus.APPROVED : x < 0.95 ? ReturnStatus.SUBMITTED : ReturnStatus.DRAFT;
      const school = (figure: () => number) => (unit.school ? figure() : null);
      const enrolled = random.int(1_500, 15_000);
      const graduates = Math.round(enrolled / 3);
      const teachers = random.int(80, 800);
      const dual = Math.round(teachers * (0.4 + random.next() * 0.4));
      returns.add({
        id: provinceId('annual-return', n),
        roundId,
        groupId: g.id,
        year: 2025,
        organizationId: unit.id,
        status,
        enrolledStudents: school(() => enrolled),
        fullTimeTeachers: school(() => teachers),
        dualQualifiedTeachers: school(() => dual),
        graduates: school(() => graduates),
        employedGraduates: school(() => Math.round(graduates * 0.92)),
        employees: unit.enterprise ? random.int(50, 5_000) : null,
        specialties: school(() => random.int(10, 60)),
        internsReceived: unit.enterprise ? random.int(0, 80) : null,
        dualQualifiedPercentCents: school(() => Math.round((dual / teachers) * 10_000)),
        admissions: school(() => Math.round(enrolled / 3)),
        employedInGroup: school(() => Math.round(graduates * 0.2)),
        employedInField: school(() => Math.round(graduates * 0.7)),
        certifiedGraduates: school(() => Math.round(graduates * 0.6)),
        coBuiltSpecialties: school(() => random.int(1, 10)),
        industrialColleges: school(() => random.int(0, 3)),
        coDevelopedCourses: school(() => random.int(0, 20)),
        coDevelopedTextbooks: school(() => random.int(0, 8)),
        staffPracticeReceived: school(() => random.int(0, 200)),
        reviewComment: null,
        submittedAt: status === ReturnStatus.DRAFT ? null : at('2026-02-10', 2),
        reviewedBy: status === ReturnStatus.APPROVED ? 'seed' : null,
        reviewedAt: status === ReturnStatus.APPROVED ? at('2026-02-20', 2) : null,
        updatedBy: 'seed',
        updatedAt: at('2026-02-20', 2),
      });
      await returns.flushIfFull();
      if (status === ReturnStatus.DRAFT) drafts[gi].push(unit.id);
      if (status === ReturnStatus.APPROVED) {
        const changeList = JSON.stringify([{ field: 'status', from: ReturnStatus.SUBMITTED, to: ReturnStatus.APPROVED }]);
        log(g.id, {
          at: at('2026-02-20', 2),
          operation: 'approveAnnualReturn',
          entityType: 'AnnualReturn',
          entityId: provinceId('annual-return', n),
          changeList,
        });
        await audit.flushIfFull();
      }
    }
  }
  await rounds.close();
  await returns.close();

  // A stream of its own: the rows above are the same whatever is drawn below.
  const draw = province.random('statistics:notices');
  const targets = await BulkWriter.open(db, Target);
  const notices = await BulkWriter.open(db, GroupNotice);
  const recipients = await BulkWriter.open(db, GroupNoticeRecipient);
  let t = 0;
  let notice = 0;
  let copy = 0;
  const target = (groupId: string, indicator: Indicator, year: number, toYear: number, scope: string, threshold: number) => {
    t += 1;
    targets.add({ id: provinceId('target', t), groupId, year, toYear, indicator, scope, thresholdCents: threshold * 100, ...BY_SEED });
  };
  for (let gi = 0; gi < province.groups.length; gi += 1) {
    const g = province.groups[gi];
    for (const [indicator, lo, hi] of GROUP_TARGETS) target(g.id, indicator, 2025, 2025, 'GROUP', draw.int(lo, hi));
    target(g.id, Indicator.INDUSTRIAL_COLLEGES, 2024, 2026, 'GROUP', draw.int(2, 20));
    target(g.id, Indicator.ADMISSIONS, 2025, 2025, 'EACH_MEMBER', draw.int(300, 3_000));
    for (const school of g.active.filter((u) => u.school).slice(0, 3))
      target(g.id, Indicator.ENROLLED_STUDENTS, 2025, 2025, school.id, draw.int(1_500, 15_000));
    await targets.flushIfFull();

    const schools = g.active.filter((u) => u.school).map((u) => u.id);
    const sends: [GroupNoticeKind, GroupNoticeAudience, string, string[]][] = [
      ...Array.from({ length: NOTICES_PER_GROUP }, (_, i): [GroupNoticeKind, GroupNoticeAudience, string, string[]] => [
        GroupNoticeKind.NOTICE,
        GroupNoticeAudience.ALL_MEMBERS,
        provinceDay(draw, 2025),
        g.active.map((u) => u.id).filter((_id, k) => k % NOTICES_PER_GROUP !== i || k < 5),
      ]),
      [GroupNoticeKind.NOTICE, GroupNoticeAudience.UNIT_CATEGORIES, provinceDay(draw, 2025), schools],
      [GroupNoticeKind.REMINDER, GroupNoticeAudience.NOT_SUBMITTED, '2026-03-20', drafts[gi]],
    ];
    for (const [kind, audience, day, units] of sends) {
      if (!units.length) continue;
      notice += 1;
      const id = provinceId('group-notice', notice);
      const sentAt = at(day, 1 + (notice % 8));
      const reminder = kind === GroupNoticeKind.REMINDER;
      notices.add({
        id,
        groupId: g.id,
        kind,
        audience,
        unitCategories: audience === GroupNoticeAudience.UNIT_CATEGORIES ? 'SCHOOL' : null,
        roundId: reminder ? provinceId('collection-round', gi + 1) : null,
        dueOn: reminder ? '2026-03-31' : null,
        title: reminder ? '2025 年度年报催报（演示）' : `关于开展第 ${notice} 项集团工作的通知（演示）`,
        body: reminder ? '请于 2026-03-31 前提交 2025 年度年报。' : '请各成员单位按通知要求做好相关工作。',
        sentBy: 'seed',
        sentAt,
      });
      for (const organizationId of units) {
        copy += 1;
        const read = draw.next() < 0.7;
        recipients.add({
          id: provinceId('group-notice-recipient', copy),
          noticeId: id,
          groupId: g.id,
          organizationId,
          kind,
          sentAt,
          readAt: read ? at(addDays(day, draw.int(0, 10)), 3) : null,
          readBy: read ? 'seed' : null,
        });
        await recipients.flushIfFull();
      }
      const changeList = JSON.stringify([{ field: 'recipients', from: null, to: String(units.length) }]);
      log(g.id, { at: sentAt, operation: reminder ? 'sendReminder' : 'sendGroupNotice', entityType: 'GroupNotice', entityId: id, changeList });
      await notices.flushIfFull();
      await audit.flushIfFull();
    }
  }
  await targets.close();
  await notices.close();
  await recipients.close();
  await audit.close();
  return `${formatCount(rounds.written)} collection rounds, ${formatCount(returns.written)} annual returns, ${formatCount(targets.written)} targets, ${formatCount(notices.written)} notices to ${formatCount(recipients.written)} recipients, ${formatCount(audit.written)} audit entries`;
}
