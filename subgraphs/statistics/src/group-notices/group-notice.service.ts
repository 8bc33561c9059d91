import { randomUUID } from 'node:crypto';
import { In, IsNull, MoreThan } from 'typeorm';
import { badInput, notFound, now, recordAudit, requiredText, today, UNIT_CATEGORIES, UnitCategory, withLock } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { ReturnStatus, RoundStatus } from '../enums';
import { AnnualReturn, CollectionRound } from '../collection/collection.entity';
import { GroupNotice, GroupNoticeAudience, GroupNoticeKind, GroupNoticeRecipient } from './group-notice.entity';
import { SendGroupNoticeInput } from './group-notice.input';
import { reminderIntervalHours } from './reminder-config';

/** The returns a reminder is about and the overdue list shows: not yet submitted (a draft or returned). */
const NOT_SUBMITTED = [ReturnStatus.DRAFT, ReturnStatus.RETURNED];
/** The most notices a list answers (newest first). */
export const NOTICE_LIST_LIMIT = 200;
const MAX_NAMED_UNITS = 500;
const HOUR_MS = 3_600_000;

/** A notice as one reader sees it: with that unit's own receipt when the reader is a recipient. */
export type GroupNoticeView = GroupNotice & { receipt?: GroupNoticeRecipient | null };

/** A reminder's outcome: the notice sent (none when nobody was left to remind), who got it, who was skipped. */
export interface ReminderOutcome {
  notice: GroupNotice | null;
  reminded: string[];
  skipped: string[];
  intervalHours: number;
}

/**
 * Stores a notice and one recipient row per unit, and its entry in the group's audit log, in one transaction:
 * the notice's fields with the number of recipients (`summary` adds what the operation needs, e.g. a reminder's skipped units).
 */
async function store(ctx: StatisticsContext, operation: string, notice: GroupNotice, organizationIds: string[], summary: object = {}): Promise<GroupNotice> {
  await ctx.db.transaction(async (em) => {
    await em.insert(GroupNotice, notice);
    const rows = organizationIds.map((organizationId) => ({
      id: randomUUID(),
      noticeId: notice.id,
      groupId: notice.groupId,
      organizationId,
      kind: notice.kind,
      sentAt: notice.sentAt,
      readAt: null,
      readBy: null,
    }));
    for (let i = 0; i < rows.length; i += 100) await em.insert(GroupNoticeRecipient, rows.slice(i, i + 100));
    await recordAudit(em, ctx.viewer, {
      groupId: notice.groupId,
      operation,
      entity: 'GroupNotice',
      id: notice.id,
      after: { ...notice, recipients: organizationIds.length, ...summary },
    });
  });
  return notice;
}

/** The units a notice goes to, resolved now from the group's active members. */
async function recipientsOf(ctx: StatisticsContext, input: SendGroupNoticeInput): Promise<{ ids: string[]; categories: UnitCategory[] | null }> {
  const members = await ctx.loaders.directory.activeMembers(input.groupId);
  const categories = [...new Set(input.unitCategories ?? [])];
  const named = [...new Set(input.organizationIds ?? [])];
  if (input.audience !== GroupNoticeAudience.UNIT_CATEGORIES && categories.length)
    throw badInput('只有按单位类别（UNIT_CATEGORIES）发送时才能填写单位类别 (unitCategories only with UNIT_CATEGORIES)', { field: 'unitCategories' });
  if (input.audience !== GroupNoticeAudience.UNITS && named.length)
    throw badInput('只有发送给指定单位（UNITS）时才能填写单位 (organizationIds only with UNITS)', { field: 'organizationIds' });
  switch (input.audience) {
    case GroupNoticeAudience.ALL_MEMBERS:
      if (!members.length) throw badInput('本集团没有正式成员单位，无法发送通知 (no active members)');
      return { ids: members.map((m) => m.id), categories: null };
    case GroupNoticeAudience.UNIT_CATEGORIES: {
      if (!categories.length) throw badInput(`请选择至少一个单位类别：${UNIT_CATEGORIES.join('、')} (unitCategories required)`, { field: 'unitCategories' });
      const ids = members.filter((m) => categories.includes(m.category)).map((m) => m.id);
      if (!ids.length) throw badInput(`本集团没有这些类别的正式成员单位：${categories.join('、')}，请改选单位类别 (no active member of these categories)`);
      return { ids, categories: UNIT_CATEGORIES.filter((c) => categories.includes(c)) };
    }
    case GroupNoticeAudience.UNITS: {
      if (!named.length) throw badInput('请指定至少一个成员单位 (organizationIds required)', { field: 'organizationIds' });
      if (named.length > MAX_NAMED_UNITS) throw badInput(`一次最多指定 ${MAX_NAMED_UNITS} 个单位 (too many units)`, { field: 'organizationIds' });
      const active = new Set(members.map((m) => m.id));
      const refused = named.filter((id) => !active.has(id));
      if (refused.length)
        throw badInput(`以下单位不是本集团的正式成员单位，请从成员名单中选择：${refused.join('、')} (not an active member of this group)`, {
          field: 'organizationIds',
          refused,
        });
      return { ids: named, categories: null };
    }
    default:
      throw badInput('催报请用 sendReminder 发送 (NOT_SUBMITTED is for reminders)', { field: 'audience' });
  }
}

/** The secretariat sends a notice to all members, to unit categories or to named active members. */
export async function sendGroupNotice(ctx: StatisticsContext, input: SendGroupNoticeInput): Promise<GroupNotice> {
  ctx.viewer.requireSecretariatOf(input.groupId);
  const sentBy = ctx.viewer.requireUser();
  const title = requiredText(input.title, '标题', 100);
  const body = requiredText(input.body, '正文', 5000);
  const { ids, categories } = await recipientsOf(ctx, input);
  const notice: GroupNotice = {
    id: randomUUID(),
    groupId: input.groupId,
    kind: GroupNoticeKind.NOTICE,
    audience: input.audience,
    unitCategories: categories ? categories.join(',') : null,
    roundId: null,
    dueOn: null,
    title,
    body,
    sentBy,
    sentAt: now(),
  };
  return store(ctx, 'sendGroupNotice', notice, ids);
}

/** A round the acting secretariat may write, or NOT_FOUND / FORBIDDEN. */
async function roundForSecretariat(ctx: StatisticsContext, id: string): Promise<CollectionRound> {
  const round = await ctx.db.getRepository(CollectionRound).findOneBy({ id });
  if (!round || !ctx.viewer.canRead(round.groupId)) throw notFound('数据采集', id);
  ctx.viewer.requireSecretariatOf(round.groupId);
  return round;
}

/** The units of a round that have not submitted, by id. */
async function notSubmittedOf(ctx: StatisticsContext, roundId: string): Promise<string[]> {
  const rows = await ctx.db.getRepository(AnnualReturn).find({
    select: { organizationId: true },
    where: { roundId, status: In(NOT_SUBMITTED) },
    order: { organizationId: 'ASC' },
  });
  return rows.map((r) => r.organizationId);
}

/**
 * 催报: a notice to the round's units that have not submitted (computed now), with the due date. A unit
 * reminded by any reminder of the group within `REMINDER_INTERVAL_HOURS` is skipped, so a second click
 * sends nothing twice; when nobody is left no notice is stored.
 */
export async function sendReminder(ctx: StatisticsContext, roundId: string): Promise<ReminderOutcome> {
  const round = await roundForSecretariat(ctx, roundId);
  const sentBy = ctx.viewer.requireUser();
  if (round.status !== RoundStatus.OPEN) throw badInput(`${round.year} 年度数据采集已结束，不能再催报 (round closed)`);
  // One reminder of a group at a time across every statistics process, so two clicks arriving together
  // (on two replicas) cannot both read "not reminded yet" before either writes.
  return withLock(ctx.db, `reminder:${round.groupId}`, () => remind(ctx, round, sentBy));
}

async function remind(ctx: StatisticsContext, round: CollectionRound, sentBy: string): Promise<ReminderOutcome> {
  const intervalHours = reminderIntervalHours();
  const pending = await notSubmittedOf(ctx, round.id);
  const recent =
    pending.length && intervalHours > 0
      ? await ctx.db.getRepository(GroupNoticeRecipient).find({
          select: { organizationId: true },
          where: { groupId: round.groupId, kind: GroupNoticeKind.REMINDER, organizationId: In(pending), sentAt: MoreThan(now(-intervalHours * HOUR_MS)) },
        })
      : [];
  const skipped = new Set(recent.map((r) => r.organizationId));
  const reminded = pending.filter((id) => !skipped.has(id));
  if (!reminded.length) return { notice: null, reminded, skipped: [...skipped].sort(), intervalHours };
  const late = today() > round.dueOn;
  const notice: GroupNotice = {
    id: randomUUID(),
    groupId: round.groupId,
    kind: GroupNoticeKind.REMINDER,
    audience: GroupNoticeAudience.NOT_SUBMITTED,
    unitCategories: null,
    roundId: round.id,
    dueOn: round.dueOn,
    title: `催报：${round.year} 年度成员年报`,
    body:
      `贵单位 ${round.year} 年度成员年报尚未提交，截止日期为 ${round.dueOn}` +
      (late ? '，现已逾期' : '') +
      '。请尽快登录平台填报并提交；如已提交，请忽略本通知。',
    sentBy,
    sentAt: now(),
  };
  // Only a reminder actually sent is recorded, with the counts (which units got it are the notice's recipient rows):
  // a click that finds nobody left to remind writes nothing.
  await store(ctx, 'sendReminder', notice, reminded, { skipped: skipped.size });
  return { notice, reminded, skipped: [...skipped].sort(), intervalHours };
}

/** The secretariat sets (or moves) a round's due date. */
export async function setDueDate(ctx: StatisticsContext, roundId: string, dueOn: string): Promise<CollectionRound> {
  const round = await roundForSecretariat(ctx, roundId);
  await ctx.db.transaction(async (em) => {
    await em.getRepository(CollectionRound).update({ id: round.id }, { dueOn });
    await recordAudit(em, ctx.viewer, {
      groupId: round.groupId,
      operation: 'setRoundDueDate',
      entity: 'CollectionRound',
      id: round.id,
      before: { dueOn: round.dueOn },
      after: { dueOn },
    });
  });
  return { ...round, dueOn };
}

/**
 * The units overdue in a round: past its due date (the due date itself still counts as in time) and not
 * submitted. Its secretariat and authorities only (null to others); empty before the due date.
 */
export async function overdueOf(ctx: StatisticsContext, round: CollectionRound): Promise<string[] | null> {
  if (!ctx.viewer.isSecretariatOf(round.groupId) && !ctx.viewer.isAuthorityOf(round.groupId)) return null;
  if (today() <= round.dueOn) return [];
  return notSubmittedOf(ctx, round.id);
}

/** The notices a group's secretariat has sent, newest first. */
export function sentGroupNotices(ctx: StatisticsContext, groupId: string, kind: GroupNoticeKind | null): Promise<GroupNotice[]> {
  ctx.viewer.requireSecretariatOf(groupId);
  return ctx.db.getRepository(GroupNotice).find({
    where: { groupId, ...(kind ? { kind } : {}) },
    order: { sentAt: 'DESC', id: 'ASC' },
    take: NOTICE_LIST_LIMIT,
  });
}

/** The acting unit's notices in a group: unread first, then newest first. */
export async function myGroupNotices(ctx: StatisticsContext, groupId: string, unreadOnly: boolean): Promise<GroupNoticeView[]> {
  const organizationId = ctx.viewer.requireOrganization();
  if (!ctx.viewer.groupIds.includes(groupId)) return [];
  const receipts = await ctx.db.getRepository(GroupNoticeRecipient).find({
    where: { groupId, organizationId, ...(unreadOnly ? { readAt: IsNull() } : {}) },
    order: { sentAt: 'DESC' },
    take: NOTICE_LIST_LIMIT,
  });
  if (!receipts.length) return [];
  const notices = new Map((await ctx.db.getRepository(GroupNotice).findBy({ id: In(receipts.map((r) => r.noticeId)) })).map((n) => [n.id, n]));
  const unreadFirst = [...receipts.filter((r) => !r.readAt), ...receipts.filter((r) => r.readAt)];
  return unreadFirst.flatMap((receipt) => {
    const notice = notices.get(receipt.noticeId);
    return notice ? [{ ...notice, receipt }] : [];
  });
}

/** The acting unit's copy of a notice of one of its groups, if it is a recipient. */
function ownReceipt(ctx: StatisticsContext, noticeId: string): Promise<GroupNoticeRecipient | null> {
  const organizationId = ctx.viewer.organizationId;
  if (!organizationId) return Promise.resolve(null);
  return ctx.db.getRepository(GroupNoticeRecipient).findOneBy({ noticeId, organizationId });
}

/** One notice: to its group's secretariat and to its recipient units; null to anyone else. */
export async function noticeById(ctx: StatisticsContext, id: string): Promise<GroupNoticeView | null> {
  const notice = await ctx.db.getRepository(GroupNotice).findOneBy({ id });
  if (!notice || !ctx.viewer.groupIds.includes(notice.groupId)) return null;
  const receipt = await ownReceipt(ctx, id);
  if (!receipt && !ctx.viewer.isSecretariatOf(notice.groupId)) return null;
  return { ...notice, receipt };
}

/** A recipient unit marks a notice read; the first reading is kept (who, when). */
export async function markRead(ctx: StatisticsContext, id: string): Promise<GroupNoticeView> {
  const organizationId = ctx.viewer.requireOrganization();
  const userId = ctx.viewer.requireUser();
  const notice = await ctx.db.getRepository(GroupNotice).findOneBy({ id });
  const receipt = notice && ctx.viewer.groupIds.includes(notice.groupId) ? await ownReceipt(ctx, id) : null;
  if (!notice || !receipt) throw notFound('通知', id);
  if (!receipt.readAt) {
    // Not in the audit log: a read receipt is its own record (who read it, when), as for markNoticeRead (docs/security.md).
    await ctx.db.getRepository(GroupNoticeRecipient).update({ id: receipt.id, readAt: IsNull() }, { readAt: now(), readBy: userId });
  }
  return { ...notice, receipt: await ctx.db.getRepository(GroupNoticeRecipient).findOneBy({ id: receipt.id, organizationId }) };
}

/** A notice's recipients with their receipts, to its group's secretariat only (null to others). */
export async function receiptsOf(ctx: StatisticsContext, notice: GroupNotice): Promise<GroupNoticeRecipient[] | null> {
  if (!ctx.viewer.isSecretariatOf(notice.groupId)) return null;
  return ctx.loaders.receiptsByNoticeId.load(notice.id);
}

/** The reading unit's own receipt of a notice (loaded unless the list brought it). */
export async function receiptOf(ctx: StatisticsContext, notice: GroupNoticeView): Promise<GroupNoticeRecipient | null> {
  return notice.receipt !== undefined ? notice.receipt : ctx.loaders.ownReceiptByNoticeId.load(notice.id);
}
