import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import {
  audited,
  badInput,
  conflict,
  currentYear,
  forbidden,
  isUniqueViolation,
  notFound,
  now,
  recordAudit,
  requiredText,
  transition,
  UnitCategory,
} from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { RETURN_STATUS_LABEL, ReturnStatus, RoundStatus } from '../enums';
import { evaluate, Rule, RuleField } from '../templates/rules';
import { AnnualReturn, CollectionRound, PERCENT_FIGURE, RETURN_FIGURES, ReturnFigure } from './collection.entity';
import { AnnualReturnInput, OpenRoundInput } from './collection.input';

/** The figures a unit must report, by members' category of its type. */
const REQUIRED_BY_CATEGORY: Record<UnitCategory, ReturnFigure[]> = {
  SCHOOL: ['enrolledStudents', 'fullTimeTeachers', 'graduates', 'employedGraduates'],
  ENTERPRISE: ['employees'],
  OTHER: [],
};
/** Figures that are part of another: 就业 ≤ 毕业, 对口/集团内企业就业 ≤ 就业, 获证毕业生 ≤ 毕业, 共建专业 ≤ 开设专业, 双师型 ≤ 专任. */
const NOT_ABOVE: Partial<Record<ReturnFigure, ReturnFigure>> = {
  employedGraduates: 'graduates',
  employedInGroup: 'employedGraduates',
  employedInField: 'employedGraduates',
  certifiedGraduates: 'graduates',
  coBuiltSpecialties: 'specialties',
  dualQualifiedTeachers: 'fullTimeTeachers',
};

/** The states in which a unit may still edit and submit its return. */
const EDITABLE = [ReturnStatus.DRAFT, ReturnStatus.RETURNED];

/**
 * A return's figures as rule-engine fields: whole numbers ≥ 0, a part not above its whole (NOT_ABOVE), a percentage
 * 0–100; at submission also the figures the unit's type must report.
 */
function returnFields(values: Record<string, number | null>, requiredFigures: ReturnFigure[]): RuleField[] {
  const counts = (Object.entries(RETURN_FIGURES) as [ReturnFigure, string][]).map(([code, label]) => {
    const rules: Rule[] = [{ kind: 'integer' }, { kind: 'nonNegative' }];
    if (requiredFigures.includes(code)) rules.unshift({ kind: 'required' });
    const above = NOT_ABOVE[code];
    if (above) rules.push({ kind: 'notAbove', field: above });
    return { code, label, value: values[code] ?? null, rules };
  });
  return [
    ...counts,
    { code: 'dualQualifiedPercent', label: PERCENT_FIGURE.dualQualifiedPercent, value: values.dualQualifiedPercent ?? null, rules: [{ kind: 'percentage' }] },
  ];
}

function checkReturn(values: Record<string, number | null>, requiredFigures: ReturnFigure[]) {
  const { errors } = evaluate(returnFields(values, requiredFigures));
  if (errors.length) throw badInput(`年报数据有误（invalid return）：${errors.map((e) => e.message).join('；')}`, { issues: errors });
}

/** 双师型教师比例 as stored (hundredths of a percent), or null. */
export const dualQualifiedPercent = (r: AnnualReturn): number | null => (r.dualQualifiedPercentCents === null ? null : r.dualQualifiedPercentCents / 100);

const valuesOf = (r: AnnualReturn): Record<string, number | null> => ({
  ...Object.fromEntries(Object.keys(RETURN_FIGURES).map((k) => [k, r[k as ReturnFigure]])),
  dualQualifiedPercent: dualQualifiedPercent(r),
});

/** The acting unit's return in the group's open round for the year. */
async function mine(ctx: StatisticsContext, groupId: string, year: number): Promise<AnnualReturn> {
  const organizationId = ctx.viewer.requireOrganization();
  const round = await ctx.db.getRepository(CollectionRound).findOneBy({ groupId, year });
  if (!round || !ctx.viewer.canRead(groupId)) throw notFound(`${year} 年度数据采集`, groupId);
  if (round.status !== RoundStatus.OPEN) throw badInput(`${year} 年度数据采集已结束（round closed），不能再修改或提交年报：如需更正请联系本集团秘书处`);
  const found = await ctx.db.getRepository(AnnualReturn).findOneBy({ roundId: round.id, organizationId });
  if (!found) throw forbidden(`本单位不在 ${year} 年度采集名单中，开启采集时本单位不是正式成员（not in this round）`);
  return found;
}

/** A submitted return of a group whose secretariat is acting. */
async function forReview(ctx: StatisticsContext, id: string): Promise<AnnualReturn> {
  const r = await ctx.db.getRepository(AnnualReturn).findOneBy({ id });
  if (!r || !ctx.viewer.canRead(r.groupId)) throw notFound('年报', id);
  ctx.viewer.requireSecretariatOf(r.groupId);
  if (r.status !== ReturnStatus.SUBMITTED)
    throw badInput(`年报 ${r.id} 当前为「${RETURN_STATUS_LABEL[r.status]}」，只有已提交的年报可以审核或退回（return is ${r.status}）`);
  return r;
}

/** The acting unit's own return for a year, if the group collects one. */
export function myReturn(ctx: StatisticsContext, groupId: string, year: number) {
  const organizationId = ctx.viewer.requireOrganization();
  return ctx.db.getRepository(AnnualReturn).findOneBy({ groupId, year, organizationId });
}

/**
 * The figures a save changes: a field the input leaves out keeps its value, a field sent as null is
 * cleared (type-graphql leaves an absent input field undefined and passes an explicit null as null).
 */
function sentFigures(input: AnnualReturnInput): Record<string, number | null> {
  const fields = [...Object.keys(RETURN_FIGURES), ...Object.keys(PERCENT_FIGURE)] as (keyof AnnualReturnInput)[];
  return Object.fromEntries(fields.filter((k) => input[k] !== undefined).map((k) => [k, input[k] ?? null]));
}

/**
 * Saves the unit's draft as a patch: only the figures sent change. The return as it will stand is
 * checked for form (not yet for completeness), so 就业 ≤ 毕业 holds against the figure saved earlier.
 */
export async function saveReturn(ctx: StatisticsContext, groupId: string, year: number, input: AnnualReturnInput) {
  const r = await mine(ctx, groupId, year);
  if (!EDITABLE.includes(r.status))
    throw badInput(`年报 ${r.id} 当前为「${RETURN_STATUS_LABEL[r.status]}」，不能修改（return is ${r.status}）：如需更正请联系本集团秘书处退回`);
  const sent = sentFigures(input);
  checkReturn({ ...valuesOf(r), ...sent }, []);
  const { dualQualifiedPercent: percent, ...figures } = sent;
  return audited(ctx.db, ctx.viewer, { operation: 'saveAnnualReturn', entity: 'AnnualReturn', before: r }, (em) =>
    transition(em.getRepository(AnnualReturn), r.id, r.status, r.status, {
      ...figures,
      ...(percent === undefined ? {} : { dualQualifiedPercentCents: percent === null ? null : Math.round(percent * 100) }),
      updatedBy: ctx.viewer.requireUser(),
      updatedAt: now(),
    }),
  );
}

/** Submits the unit's return, checked against every rule and the figures its type must report. */
export async function submitReturn(ctx: StatisticsContext, groupId: string, year: number) {
  const r = await mine(ctx, groupId, year);
  if (!EDITABLE.includes(r.status)) throw badInput(`年报 ${r.id} 当前为「${RETURN_STATUS_LABEL[r.status]}」，不能再次提交（return is ${r.status}）`);
  const unit = await ctx.loaders.directory.byId(r.organizationId);
  checkReturn(valuesOf(r), (unit && REQUIRED_BY_CATEGORY[unit.category]) ?? []);
  const at = now();
  return audited(ctx.db, ctx.viewer, { operation: 'submitAnnualReturn', entity: 'AnnualReturn', before: r }, (em) =>
    transition(em.getRepository(AnnualReturn), r.id, r.status, ReturnStatus.SUBMITTED, {
      submittedAt: at,
      updatedBy: ctx.viewer.requireUser(),
      updatedAt: at,
    }),
  );
}

/** The secretariat approves a submitted return. */
export async function approveReturn(ctx: StatisticsContext, id: string) {
  const r = await forReview(ctx, id);
  return review(ctx, r, ReturnStatus.APPROVED, null);
}

/** The secretariat returns a submitted return to its unit, with a comment. */
export async function returnReturn(ctx: StatisticsContext, id: string, comment: string) {
  const text = requiredText(comment, '退回意见', 500);
  const r = await forReview(ctx, id);
  return review(ctx, r, ReturnStatus.RETURNED, text);
}

function review(ctx: StatisticsContext, r: AnnualReturn, to: ReturnStatus, comment: string | null) {
  const userId = ctx.viewer.requireUser();
  const at = now();
  const operation = to === ReturnStatus.APPROVED ? 'approveAnnualReturn' : 'returnAnnualReturn';
  return audited(ctx.db, ctx.viewer, { operation, entity: 'AnnualReturn', before: r }, (em) =>
    transition(em.getRepository(AnnualReturn), r.id, ReturnStatus.SUBMITTED, to, {
      reviewedBy: userId,
      reviewedAt: at,
      reviewComment: comment,
      updatedBy: userId,
      updatedAt: at,
    }),
  );
}

/** The group's round for a year, to whoever may read the group. */
export function roundOf(ctx: StatisticsContext, groupId: string, year: number) {
  return ctx.viewer.canRead(groupId) ? ctx.db.getRepository(CollectionRound).findOneBy({ groupId, year }) : null;
}

/** A round's returns: every one to its secretariat and authorities, a unit's own to the unit. */
export function returnsOf(ctx: StatisticsContext, round: CollectionRound, statuses: ReturnStatus[] | null) {
  const where = { roundId: round.id, ...(statuses?.length ? { status: In(statuses) } : {}) };
  if (ctx.viewer.isSecretariatOf(round.groupId) || ctx.viewer.isAuthorityOf(round.groupId))
    return ctx.db.getRepository(AnnualReturn).find({ where, order: { organizationId: 'ASC' } });
  return ctx.viewer.organizationId
    ? ctx.db.getRepository(AnnualReturn).find({ where: { ...where, organizationId: ctx.viewer.organizationId } })
    : Promise.resolve([]);
}

export interface Progress {
  expected: number;
  submitted: number;
  approved: number;
  /** Units whose return is a draft or was returned. */
  notSubmitted: string[];
}

/** How far a round has come (its secretariat and authorities only; null to others). */
export async function progressOf(ctx: StatisticsContext, round: CollectionRound): Promise<Progress | null> {
  if (!ctx.viewer.isSecretariatOf(round.groupId) && !ctx.viewer.isAuthorityOf(round.groupId)) return null;
  const returns = await ctx.db.getRepository(AnnualReturn).find({ select: { organizationId: true, status: true }, where: { roundId: round.id } });
  const submitted = returns.filter((r) => r.status === ReturnStatus.SUBMITTED || r.status === ReturnStatus.APPROVED);
  return {
    expected: returns.length,
    submitted: submitted.length,
    approved: returns.filter((r) => r.status === ReturnStatus.APPROVED).length,
    notSubmitted: returns.filter((r) => !submitted.includes(r)).map((r) => r.organizationId),
  };
}

/** Opens the year's round: one draft return for every active member unit, in one transaction. */
export async function openRound(ctx: StatisticsContext, input: OpenRoundInput): Promise<CollectionRound> {
  ctx.viewer.requireSecretariatOf(input.groupId);
  const userId = ctx.viewer.requireUser();
  const thisYear = currentYear();
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear)
    throw badInput(`年度应在 2000 到 ${thisYear} 之间，当前为 ${input.year}（year）`, { field: 'year' });
  const members = await ctx.loaders.directory.activeMembers(input.groupId);
  if (!members.length) throw badInput(`集团 ${input.groupId} 没有正式成员单位，无法开启采集（no active members）：请先登记成员单位`);
  const round: CollectionRound = {
    id: randomUUID(),
    groupId: input.groupId,
    year: input.year,
    dueOn: input.dueOn,
    status: RoundStatus.OPEN,
    openedBy: userId,
    openedAt: now(),
  };
  try {
    await ctx.db.transaction(async (em) => {
      await em.insert(CollectionRound, round);
      const rows = members.map((m) => ({
        id: randomUUID(),
        roundId: round.id,
        groupId: round.groupId,
        year: round.year,
        organizationId: m.id,
        status: ReturnStatus.DRAFT,
        ...Object.fromEntries(Object.keys(RETURN_FIGURES).map((k) => [k, null])),
        dualQualifiedPercentCents: null,
        reviewComment: null,
        submittedAt: null,
        reviewedBy: null,
        reviewedAt: null,
        updatedBy: userId,
        updatedAt: round.openedAt,
      }));
      for (let i = 0; i < rows.length; i += 100) await em.insert(AnnualReturn, rows.slice(i, i + 100));
      // One row for the round: the drafts it creates are counted, not listed.
      await recordAudit(em, ctx.viewer, {
        groupId: round.groupId,
        operation: 'openCollectionRound',
        entity: 'CollectionRound',
        id: round.id,
        after: { ...round, returnsCreated: rows.length },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${input.year} 年度数据采集已开启（round already open）：请在已开启的采集中继续`);
    throw error;
  }
  return round;
}

/** Closes a round: no return can be edited or submitted after. */
export async function closeRound(ctx: StatisticsContext, id: string) {
  const round = await ctx.db.getRepository(CollectionRound).findOneBy({ id });
  if (!round || !ctx.viewer.canRead(round.groupId)) throw notFound('数据采集', id);
  ctx.viewer.requireSecretariatOf(round.groupId);
  return audited(ctx.db, ctx.viewer, { operation: 'closeCollectionRound', entity: 'CollectionRound', before: round }, (em) =>
    transition(em.getRepository(CollectionRound), id, [RoundStatus.OPEN, RoundStatus.CLOSED], RoundStatus.CLOSED),
  );
}
