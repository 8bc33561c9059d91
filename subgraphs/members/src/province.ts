import { DataSource } from 'typeorm';
import { AuditEntry } from '@zjjt/kit';
import {
  addDays,
  at,
  BulkWriter,
  formatCount,
  hoursAfter,
  mobileNumber,
  personName,
  Province,
  PROVINCE_INDUSTRIES,
  provinceDay,
  provinceGroup,
  provinceId,
  provinceUscc,
  Random,
} from '@zjjt/demo';
import { CouncilTerm } from './group/council-term.entity';
import { Group } from './group/group.entity';
import { Meeting, MeetingParticipant } from './meeting/meeting.entity';
import { Attendance, MEETING_KIND_LABEL, MeetingKind } from './meeting/meeting.enums';
import { MembershipEvent } from './membership/membership-event.entity';
import { Membership } from './membership/membership.entity';
import { NoticeRead } from './notice/notice-read.entity';
import { Notice } from './notice/notice.entity';
import { OrganizationChange } from './organization/organization-change.entity';
import { OrganizationCorrection } from './organization/organization-correction.entity';
import { Organization } from './organization/organization.entity';
import { usccCheckCharacter } from './organization/uscc';
import { Bulletin } from './portal/bulletin.entity';
import { JoinInquiry } from './portal/join-inquiry.entity';
import { sealer } from './portal/sealer';
import {
  BulletinKind,
  BulletinStatus,
  ChangeSource,
  CorrectionStatus,
  GroupType,
  JoinInquiryStatus,
  MembershipAction,
  MembershipConsent,
  MembershipRole,
  MembershipStatus,
  NoticeKind,
  OrganizationType,
  ROLE_RANK,
} from './enums';

const INDUSTRIES = [
  '通用设备制造业',
  '专用设备制造业',
  '汽车制造业',
  '电气机械和器材制造业',
  '化学原料和化学制品制造业',
  '软件和信息技术服务业',
  '农副食品加工业',
];

/**
 * Members' part of the province dataset (@zjjt/demo `buildProvince`): the units, the groups with one
 * council term each, and every membership. Ids: organization / group / council-term / membership `n`.
 */
export async function loadProvince(db: DataSource, province: Province): Promise<string> {
  const { units, groups, home } = province;
  const organizations = await BulkWriter.open(db, Organization);
  for (const [i, u] of units.entries()) {
    const created = at(groups[home[i]].foundedOn, 1);
    organizations.add({
      id: u.id,
      name: u.name,
      uscc: u.uscc,
      type: u.type as OrganizationType,
      region: u.region,
      industry: u.school ? '职业教育' : u.enterprise ? INDUSTRIES[i % INDUSTRIES.length] : '社会团体',
      aboveDesignatedSize: u.enterprise && i % 3 === 0,
      fortune500: u.enterprise && i % 97 === 0,
      website: null,
      address: `山东省示范路${(i % 900) + 100}号（${u.region}）`,
      contactPerson: null,
      contactPhone: null,
      contactEmail: null,
      updatedBy: 'seed',
      createdByGroupId: groups[home[i]].id,
      createdBy: 'seed',
      createdAt: created,
      updatedAt: created,
    });
    await organizations.flushIfFull();
  }
  await organizations.close();

  const groupRows = await BulkWriter.open(db, Group);
  const terms = await BulkWriter.open(db, CouncilTerm);
  groups.forEach((g, gi) => {
    const created = at(g.foundedOn, 1);
    groupRows.add({
      id: g.id,
      code: g.code,
      name: g.name,
      shortName: null,
      type: g.type as GroupType,
      leadOrganizationId: g.members[0].unit.id,
      approvingAuthority: '山东省教育厅',
      foundedOn: g.foundedOn,
      region: g.region,
      description: null,
      joinInstructions: null,
      createdAt: created,
      updatedAt: created,
    });
    terms.add({ id: provinceId('council-term', gi + 1), groupId: g.id, number: 1, startsOn: g.foundedOn, endsOn: null });
  });
  await groupRows.close();
  await terms.close();

  const memberships = await BulkWriter.open(db, Membership);
  const written: Membership[][] = groups.map(() => []);
  let n = 0;
  for (const [gi, g] of groups.entries()) {
    for (const [i, m] of g.members.entries()) {
      n += 1;
      const joinedOn = i < 5 ? g.foundedOn : addDays(g.foundedOn, 30 + ((i * 53) % 1200));
      const pending = m.status === 'PENDING';
      const exited = m.status === 'EXITED';
      const role = m.role as MembershipRole;
      const membership: Membership = {
        id: provinceId('membership', n),
        groupId: g.id,
        organizationId: m.unit.id,
        role,
        roleRank: ROLE_RANK[role],
        status: m.status as MembershipStatus,
        councilTermId: pending ? null : provinceId('council-term', gi + 1),
        appliedOn: addDays(joinedOn, -14),
        joinedOn: pending ? null : joinedOn,
        exitedOn: exited ? '2024-12-30' : null,
        exitReason: exited ? '单位业务调整，不再参加集团活动' : null,
        rejectionReason: null,
        statement: pending ? '申请加入集团，参与产教融合与人才培养。' : null,
        // A unit another group registered agreed to this one: it applied, or confirmed the record.
        consent: home[m.unit.index] === gi ? MembershipConsent.REGISTERED : i % 2 ? MembershipConsent.APPLIED : MembershipConsent.CONFIRMED,
        createdAt: at(joinedOn, 2),
        updatedAt: at(joinedOn, 2),
      };
      memberships.add(membership);
      written[gi].push(membership);
      await memberships.flushIfFull();
    }
  }
  await memberships.close();
  const work = await loadGroupWork(db, province, written);
  return `${formatCount(units.length)} units, ${formatCount(groups.length)} groups, ${formatCount(memberships.written)} memberships, ${work}`;
}

/** A group's meetings of a year, by kind, and whom each invites: every active member, the council (roles to 理事) or the standing council (to 常务理事) by rank, or a few. */
const MEETINGS: [kind: MeetingKind, perYear: number, invite: 'ALL' | number | [number, number]][] = [
  [MeetingKind.GENERAL_ASSEMBLY, 1, 'ALL'],
  [MeetingKind.COUNCIL, 2, ROLE_RANK.DIRECTOR],
  [MeetingKind.STANDING_COUNCIL, 2, ROLE_RANK.STANDING_DIRECTOR],
  [MeetingKind.WORKING_MEETING, 6, [5, 12]],
  [MeetingKind.FORUM, 2, [15, 30]],
  [MeetingKind.TRAINING, 3, [10, 25]],
  [MeetingKind.EXCHANGE, 2, [8, 20]],
];
const YEARS = [2024, 2025];
/** Portal items and members' notices a group writes a year. */
const BULLETINS_PER_YEAR = 15;
const NOTICES_PER_YEAR = 12;
/** 入会咨询 a group received in 2025 (its pending applicants' among them, converted into their application). */
const INQUIRIES_PER_GROUP = 12;
/** The operation the audit log names for each action of a membership's history. */
const OPERATION: Record<MembershipAction, string> = {
  REGISTERED: 'registerMember',
  APPLIED: 'applyToJoin',
  APPROVED: 'approveMembership',
  REJECTED: 'rejectMembership',
  EXITED: 'recordExit',
  ROLE_CHANGED: 'changeMembershipRole',
  CONFIRMED: 'confirmMembership',
};
/** The province's data ends with 2025: a role change later than that is not drawn. */
const LAST_DAY = '2025-12-31';

/** `count` different items of `items`, in their order. */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const keyed = items.map((item, i) => [random.next(), i] as const).sort((a, b) => a[0] - b[0]);
  return keyed
    .slice(0, Math.min(count, items.length))
    .map(([, i]) => i)
    .sort((a, b) => a - b)
    .map((i) => items[i]);
}

const later = (a: string, b: string) => (a > b ? a : b);

type Event = [MembershipAction, MembershipStatus | null, MembershipStatus, MembershipRole | null, MembershipRole, day: string, reason: string | null];

/** A membership's history as the membership service writes it: registered, or applied (and approved); then confirmed by the unit, its role changed, exited. */
function historyOf(m: Membership, founder: boolean, random: Random): Event[] {
  const changeRole = !founder && m.joinedOn !== null && m.role !== MembershipRole.MEMBER && addDays(m.joinedOn, 180) <= LAST_DAY;
  const first = changeRole ? MembershipRole.MEMBER : m.role;
  const { ACTIVE, PENDING, EXITED } = MembershipStatus;
  const history: Event[] = [];
  if (m.status === PENDING) history.push([MembershipAction.APPLIED, null, PENDING, null, m.role, m.appliedOn!, m.statement]);
  else if (founder || m.consent !== MembershipConsent.APPLIED) history.push([MembershipAction.REGISTERED, null, ACTIVE, null, first, m.joinedOn!, null]);
  else {
    history.push([MembershipAction.APPLIED, null, PENDING, null, first, m.appliedOn!, '申请加入集团，参与产教融合与人才培养。']);
    history.push([MembershipAction.APPROVED, PENDING, ACTIVE, first, first, m.joinedOn!, null]);
  }
  if (m.consent === MembershipConsent.CONFIRMED) {
    const [, , status, , role, day] = history[history.length - 1];
    history.push([MembershipAction.CONFIRMED, status, status, role, role, addDays(day, random.int(1, 20)), null]);
  }
  if (changeRole) history.push([MembershipAction.ROLE_CHANGED, ACTIVE, ACTIVE, first, m.role, addDays(m.joinedOn!, 180), '理事会换届调整']);
  if (m.status === EXITED) history.push([MembershipAction.EXITED, ACTIVE, EXITED, m.role, m.role, later(m.exitedOn!, addDays(m.joinedOn!, 1)), m.exitReason]);
  return history;
}

/**
 * What the groups did on the hub, drawn from a stream of its own (the directory above is the same
 * whatever is drawn here): each membership's history; in 2024 and 2025 each group's meetings with
 * the active members they invited (attendance recorded for nine in ten), its portal bulletins
 * (drafts and withdrawn ones too) and its notices with the units' read receipts (six in ten read);
 * its 2025 join inquiries (contacts sealed with PII_KEY as members seals them; its pending
 * applicants' converted, the others new or declined); two in five units' master-data changes (a
 * unit of one group edited by its secretariat or by itself, one of two groups through a correction
 * the other group proposed: accepted, pending or declined); and members' audit log of all of it.
 * Ids: membership-event, meeting, meeting-participant, bulletin, notice, notice-read, join-inquiry,
 * organization-change, organization-correction and members-audit `n`.
 */
async function loadGroupWork(db: DataSource, province: Province, memberships: Membership[][]): Promise<string> {
  const { groups, units } = province;
  const unitById = new Map(units.map((u) => [u.id, u]));
  const draw = province.random('members:work');
  const seal = sealer();
  const audit = await BulkWriter.open(db, AuditEntry);
  type Actor = { userId: string; organizationId: string | null; roleList: string };
  const bySecretariat = (gi: number): Actor => ({
    userId: 'seed',
    organizationId: provinceGroup(gi + 1, groups.length).secretariatOrgId,
    roleList: 'SECRETARIAT',
  });
  const byUnit = (organizationId: string): Actor => ({ userId: 'seed', organizationId, roleList: 'MEMBER' });
  const anonymous: Actor = { userId: 'anonymous', organizationId: null, roleList: '' };
  const log = async (
    groupId: string,
    actor: Actor,
    what: Pick<AuditEntry, 'at' | 'operation' | 'entityType' | 'entityId'>,
    changes: [string, unknown, unknown][],
  ) => {
    const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
    const changeList = JSON.stringify(changes.map(([field, from, to]) => ({ field, from: text(from), to: text(to) })));
    audit.add({ id: provinceId('members-audit', audit.added + 1), groupId, ...actor, byService: false, ...what, changeList });
    await audit.flushIfFull();
  };

  const events = await BulkWriter.open(db, MembershipEvent);
  for (const [gi, g] of groups.entries()) {
    for (const [i, m] of memberships[gi].entries()) {
      for (const [action, fromStatus, toStatus, fromRole, toRole, day, reason] of historyOf(m, i < 5, draw)) {
        const when = at(day, 2);
        events.add({
          id: provinceId('membership-event', events.added + 1),
          membershipId: m.id,
          action,
          fromStatus,
          toStatus,
          fromRole,
          toRole,
          reason,
          effectiveOn: day,
          actorUserId: 'seed',
          at: when,
        });
        await events.flushIfFull();
        const actor = action === MembershipAction.APPLIED || action === MembershipAction.CONFIRMED ? byUnit(m.organizationId) : bySecretariat(gi);
        const changes: [string, unknown, unknown][] = [['status', fromStatus, toStatus]];
        if (fromRole !== toRole) changes.push(['role', fromRole, toRole]);
        await log(g.id, actor, { at: when, operation: OPERATION[action], entityType: 'Membership', entityId: m.id }, changes);
      }
    }
  }
  await events.close();

  const meetings = await BulkWriter.open(db, Meeting);
  const participants = await BulkWriter.open(db, MeetingParticipant);
  const bulletins = await BulkWriter.open(db, Bulletin);
  const notices = await BulkWriter.open(db, Notice);
  const reads = await BulkWriter.open(db, NoticeRead);
  for (const [gi, g] of groups.entries()) {
    const active = memberships[gi].filter((m) => m.status === MembershipStatus.ACTIVE);
    for (const year of YEARS) {
      let number = 0;
      for (const [kind, perYear, invite] of MEETINGS) {
        for (let k = 0; k < perYear; k += 1) {
          number += 1;
          const id = provinceId('meeting', meetings.added + 1);
          const heldOn = provinceDay(draw, year);
          const invited =
            invite === 'ALL' ? active : typeof invite === 'number' ? active.filter((m) => m.roleRank <= invite) : sample(draw, active, draw.int(...invite));
          const organizer = kind === MeetingKind.GENERAL_ASSEMBLY || typeof invite === 'number' ? active[0] : draw.pick(invited);
          const recorded = draw.next() < 0.9;
          const recordedAt = at(addDays(heldOn, 1), 9);
          meetings.add({
            id,
            groupId: g.id,
            kind,
            title: `${year} 年第 ${number} 次${MEETING_KIND_LABEL[kind]}（演示）`,
            heldOn,
            year,
            place: unitById.get(organizer.organizationId)!.name,
            organizerIds: [organizer.organizationId],
            agenda: '一、通报近期工作；二、研究部署下一阶段任务',
            minutes: recorded ? '会议按议程进行，与会单位交流了产教融合工作情况。' : null,
            resolutions: recorded ? ['通过有关事项'] : [],
            attachments: recorded ? [{ name: '会议纪要.pdf', url: `https://${g.code}.example.cn/files/${id}.pdf` }] : [],
            recordedBy: 'seed',
            recordedAt,
            updatedBy: 'seed',
            updatedAt: recordedAt,
          });
          await meetings.flushIfFull();
          for (const m of invited) {
            const x = draw.next();
            participants.add({
              id: provinceId('meeting-participant', participants.added + 1),
              meetingId: id,
              groupId: g.id,
              organizationId: m.organizationId,
              attendance: !recorded ? null : x < 0.85 ? Attendance.ATTENDED : x < 0.95 ? Attendance.EXCUSED : Attendance.ABSENT,
            });
            await participants.flushIfFull();
          }
          await log(g.id, bySecretariat(gi), { at: recordedAt, operation: 'recordMeeting', entityType: 'Meeting', entityId: id }, [
            ['kind', null, kind],
            ['heldOn', null, heldOn],
            ['participants', null, `${invited.length}`],
          ]);
        }
      }

      for (let k = 1; k <= BULLETINS_PER_YEAR; k += 1) {
        const id = provinceId('bulletin', bulletins.added + 1);
        const day = provinceDay(draw, year);
        const x = draw.next();
        const status = x < 0.85 ? BulletinStatus.PUBLISHED : x < 0.92 ? BulletinStatus.UNPUBLISHED : BulletinStatus.DRAFT;
        const kind = draw.pick([BulletinKind.BULLETIN, BulletinKind.NEWS, BulletinKind.NEWS, BulletinKind.NOTICE]);
        const created = at(day, 1);
        const publishedAt = status === BulletinStatus.DRAFT ? null : at(day, 2);
        const changedAt = status === BulletinStatus.UNPUBLISHED ? at(addDays(day, draw.int(5, 60)), 3) : (publishedAt ?? created);
        bulletins.add({
          id,
          groupId: g.id,
          kind,
          title: `${year} 年${kind === BulletinKind.NEWS ? '集团动态' : kind === BulletinKind.BULLETIN ? '工作简报' : '公告'}第 ${k} 期（演示）`,
          cover: kind === BulletinKind.NEWS ? '集团成员单位开展校企合作交流。' : null,
          body: '集团各成员单位围绕人才培养、专业共建和实习就业开展合作，取得积极进展。',
          attachments: [],
          status,
          publishedAt,
          createdBy: 'seed',
          changedAt,
          changedBy: 'seed',
        });
        await bulletins.flushIfFull();
        await log(g.id, bySecretariat(gi), { at: created, operation: 'createBulletin', entityType: 'Bulletin', entityId: id }, [
          ['kind', null, kind],
          ['status', null, BulletinStatus.DRAFT],
        ]);
        if (publishedAt)
          await log(g.id, bySecretariat(gi), { at: publishedAt, operation: 'publishBulletin', entityType: 'Bulletin', entityId: id }, [
            ['status', BulletinStatus.DRAFT, BulletinStatus.PUBLISHED],
            ['publishedAt', null, publishedAt],
          ]);
        if (status === BulletinStatus.UNPUBLISHED)
          await log(g.id, bySecretariat(gi), { at: changedAt, operation: 'unpublishBulletin', entityType: 'Bulletin', entityId: id }, [
            ['status', BulletinStatus.PUBLISHED, status],
          ]);
      }

      for (let k = 1; k <= NOTICES_PER_YEAR; k += 1) {
        const id = provinceId('notice', notices.added + 1);
        const day = provinceDay(draw, year);
        const kind = k % 3 === 0 ? NoticeKind.DOCUMENT : NoticeKind.NOTICE;
        const publishedAt = at(day, 1 + (k % 8));
        notices.add({
          id,
          groupId: g.id,
          kind,
          title: kind === NoticeKind.DOCUMENT ? `关于印发集团 ${year} 年第 ${k} 号文件的通知（演示）` : `关于做好集团 ${year} 年第 ${k} 项工作的通知（演示）`,
          documentNumber: kind === NoticeKind.DOCUMENT ? `${g.code}〔${year}〕${k}号` : null,
          body: '请各成员单位按通知要求做好相关工作。',
          attachments: kind === NoticeKind.DOCUMENT ? [{ name: '文件.pdf', url: `https://${g.code}.example.cn/files/${id}.pdf` }] : [],
          publishedAt,
          publishedBy: 'seed',
        });
        await notices.flushIfFull();
        for (const m of active) {
          if (draw.next() >= 0.6) continue;
          reads.add({
            id: provinceId('notice-read', reads.added + 1),
            noticeId: id,
            organizationId: m.organizationId,
            readBy: 'seed',
            readAt: hoursAfter(publishedAt, draw.int(1, 14 * 24)),
          });
          await reads.flushIfFull();
        }
        await log(g.id, bySecretariat(gi), { at: publishedAt, operation: 'publishNotice', entityType: 'Notice', entityId: id }, [
          ['kind', null, kind],
          ['title', null, `第 ${k} 号`],
        ]);
      }
    }
  }
  await meetings.close();
  await participants.close();
  await bulletins.close();
  await notices.close();
  await reads.close();

  const inquiries = await BulkWriter.open(db, JoinInquiry);
  let newcomer = units.length;
  for (const [gi, g] of groups.entries()) {
    const pending = memberships[gi].filter((m) => m.status === MembershipStatus.PENDING);
    for (let k = 0; k < INQUIRIES_PER_GROUP; k += 1) {
      const id = provinceId('join-inquiry', inquiries.added + 1);
      const applicant = pending[k];
      const unit = applicant ? unitById.get(applicant.organizationId)! : null;
      newcomer += unit ? 0 : 1;
      const region = `${g.region.slice(0, 4)}${String(draw.int(1, 12)).padStart(2, '0')}`;
      const receivedAt = applicant
        ? at(addDays(applicant.appliedOn!, -draw.int(3, 10)), draw.int(0, 12))
        : at(provinceDay(draw, 2025), draw.int(0, 12), draw.int(0, 59));
      const status = applicant ? JoinInquiryStatus.CONVERTED : draw.next() < 0.6 ? JoinInquiryStatus.NEW : JoinInquiryStatus.DECLINED;
      const decidedAt = applicant ? at(applicant.appliedOn!, 8) : status === JoinInquiryStatus.DECLINED ? hoursAfter(receivedAt, draw.int(24, 240)) : null;
      const email = draw.next() < 0.6 ? `lianxi${newcomer}@example.cn` : null;
      const message = draw.next() < 0.7 ? '我单位希望加入集团，参与校企合作与人才培养，请与我们联系。' : null;
      inquiries.add({
        id,
        groupId: g.id,
        unitName: unit ? unit.name : `${draw.pick(PROVINCE_INDUSTRIES)}示范第${newcomer}有限公司（演示）`,
        uscc: unit ? unit.uscc : provinceUscc('91', region, newcomer + 1, usccCheckCharacter),
        contactNameSealed: seal.seal(personName(draw)),
        contactPhoneSealed: seal.seal(mobileNumber(draw)),
        contactEmailSealed: email === null ? null : seal.seal(email),
        messageSealed: message === null ? null : seal.seal(message),
        clientKey: seal.hash(`join-inquiry:203.0.113.${draw.int(1, 254)}`),
        status,
        receivedAt,
        decidedBy: decidedAt ? 'seed' : null,
        decidedAt,
        declineReason: status === JoinInquiryStatus.DECLINED ? '贵单位所在行业与本集团方向不符，建议咨询相关行业的职教集团。' : null,
        membershipId: applicant ? applicant.id : null,
      });
      await inquiries.flushIfFull();
      await log(g.id, anonymous, { at: receivedAt, operation: 'sendJoinInquiry', entityType: 'JoinInquiry', entityId: id }, [
        ['status', null, JoinInquiryStatus.NEW],
      ]);
      if (decidedAt)
        await log(
          g.id,
          bySecretariat(gi),
          { at: decidedAt, operation: applicant ? 'convertJoinInquiry' : 'declineJoinInquiry', entityType: 'JoinInquiry', entityId: id },
          [['status', JoinInquiryStatus.NEW, status]],
        );
    }
  }
  await inquiries.close();

  // Master data: a changed field's old value is drawn, its new one is the unit's value above.
  const groupsOf = units.map(() => [] as number[]);
  groups.forEach((g, gi) => g.members.forEach((m) => groupsOf[m.unit.index].push(gi)));
  const changes = await BulkWriter.open(db, OrganizationChange);
  const corrections = await BulkWriter.open(db, OrganizationCorrection);
  for (const [i, u] of units.entries()) {
    if (draw.next() >= 0.4) continue;
    const address = `山东省示范路${(i % 900) + 100}号（${u.region}）`;
    const fields: [field: string, old: string | null, now: string | null][] = [['address', `山东省示范大街${draw.int(1, 500)}号（${u.region}）`, address]];
    if (u.enterprise && draw.next() < 0.5) fields.push(['aboveDesignatedSize', String(!(i % 3 === 0)), String(i % 3 === 0)]);
    const day = provinceDay(draw, 2025);
    const home = province.home[i];
    const [other] = groupsOf[i].filter((gi) => gi !== home);
    let correctionId: string | null = null;
    let editor: { via: ChangeSource; actor: Actor; groupId: string | null; operation: string };
    if (other === undefined) {
      const bySecretariatOfHome = draw.next() < 0.6;
      editor = bySecretariatOfHome
        ? { via: ChangeSource.SECRETARIAT, actor: bySecretariat(home), groupId: groups[home].id, operation: 'updateOrganization' }
        : { via: ChangeSource.UNIT, actor: byUnit(u.id), groupId: null, operation: 'updateOrganization' };
    } else {
      const x = draw.next();
      const status = x < 0.5 ? CorrectionStatus.ACCEPTED : x < 0.8 ? CorrectionStatus.PENDING : CorrectionStatus.DECLINED;
      correctionId = provinceId('organization-correction', corrections.added + 1);
      const proposedAt = at(addDays(day, -draw.int(2, 20)), 3);
      const decidedAt = status === CorrectionStatus.PENDING ? null : at(day, 6);
      // An accepted correction named what became the unit's data; the others name a value it never took.
      const proposed: typeof fields =
        status === CorrectionStatus.ACCEPTED ? fields : [['address', address, `山东省示范大道${draw.int(1, 500)}号（${u.region}）`]];
      corrections.add({
        id: correctionId,
        organizationId: u.id,
        groupId: groups[other].id,
        fields: proposed.map(([field, currentValue, proposedValue]) => ({ field, currentValue, proposedValue })),
        reason: '单位已搬迁，按营业执照更正注册地址。',
        status,
        proposedBy: 'seed',
        proposedAt,
        decidedBy: decidedAt ? 'seed' : null,
        decidedAt,
        decisionReason: status === CorrectionStatus.DECLINED ? '地址无误，无需更正。' : null,
      });
      await corrections.flushIfFull();
      await log(
        groups[other].id,
        bySecretariat(other),
        { at: proposedAt, operation: 'proposeOrganizationCorrection', entityType: 'OrganizationCorrection', entityId: correctionId },
        [
          ['status', null, CorrectionStatus.PENDING],
          ['fields', null, proposed.map(([field]) => field).join(',')],
        ],
      );
      if (decidedAt) {
        const operation = status === CorrectionStatus.ACCEPTED ? 'acceptOrganizationCorrection' : 'declineOrganizationCorrection';
        await log(groups[other].id, byUnit(u.id), { at: decidedAt, operation, entityType: 'OrganizationCorrection', entityId: correctionId }, [
          ['status', CorrectionStatus.PENDING, status],
        ]);
      }
      if (status !== CorrectionStatus.ACCEPTED) continue;
      editor = { via: ChangeSource.CORRECTION, actor: byUnit(u.id), groupId: groups[other].id, operation: 'acceptOrganizationCorrection' };
    }
    const changedAt = at(day, 6);
    for (const [field, oldValue, newValue] of fields) {
      changes.add({
        id: provinceId('organization-change', changes.added + 1),
        organizationId: u.id,
        field,
        oldValue,
        newValue,
        via: editor.via,
        changedBy: 'seed',
        changedByOrganizationId: editor.actor.organizationId,
        changedByGroupId: editor.groupId,
        correctionId,
        at: changedAt,
      });
      await changes.flushIfFull();
    }
    // Every group the unit belongs to (by its consent: all of them here) records the change.
    for (const gi of groupsOf[i])
      await log(
        groups[gi].id,
        editor.actor,
        { at: changedAt, operation: editor.operation, entityType: 'Organization', entityId: u.id },
        fields.map(([field, from, to]) => [field, from, to]),
      );
  }
  await changes.close();
  await corrections.close();
  await audit.close();
  return (
    `${formatCount(events.written)} membership events, ${formatCount(meetings.written)} meetings inviting ${formatCount(participants.written)} units, ` +
    `${formatCount(bulletins.written)} bulletins, ${formatCount(notices.written)} notices read ${formatCount(reads.written)} times, ` +
    `${formatCount(inquiries.written)} join inquiries, ${formatCount(changes.written)} master-data changes, ${formatCount(corrections.written)} corrections, ` +
    `${formatCount(audit.written)} audit entries`
  );
}
