import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { In } from 'typeorm';
import { badInput, conflict, forbidden, isUniqueViolation, notFound, requiredText, UnitCategory } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { RETURN_STATUS_LABEL, ReturnStatus, RoundStatus } from '../enums';
import { Organization, organizationRef } from '../stubs';
import { evaluate, Rule, RuleField } from '../templates/rules';
import { AnnualReturn, CollectionRound, PERCENT_FIGURE, RETURN_FIGURES, ReturnFigure } from './collection.entity';
import { AnnualReturnInput, OpenRoundInput } from './collection.input';

/** The figures a unit must report, by members' category of its type. */
const REQUIRED_BY_CATEGORY: Record<UnitCategory, ReturnFigure[]> = {
  SCHOOL: ['enrolledStudents', 'fullTimeTeachers', 'graduates', 'employedGraduates'],
  ENTERPRISE: ['employees'],
  OTHER: [],
};
const NOT_ABOVE: Partial<Record<ReturnFigure, ReturnFigure>> = { employedGraduates: 'graduates', dualQualifiedTeachers: 'fullTimeTeachers' };

/**
 * A return's figures as rule-engine fields: whole numbers ≥ 0, 就业 ≤ 毕业, 双师型 ≤ 专任, a percentage
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
  return [...counts, { code: 'dualQualifiedPercent', label: PERCENT_FIGURE.dualQualifiedPercent, value: values.dualQualifiedPercent ?? null, rules: [{ kind: 'percentage' }] }];
}

function checkReturn(values: Record<string, number | null>, requiredFigures: ReturnFigure[]) {
  const { errors } = evaluate(returnFields(values, requiredFigures));
  if (errors.length) throw badInput(`年报数据有误：${errors.map((e) => e.message).join('；')}`, { issues: errors });
}

const valuesOf = (r: AnnualReturn | AnnualReturnInput): Record<string, number | null> => ({
  ...Object.fromEntries(Object.keys(RETURN_FIGURES).map((k) => [k, (r as Record<string, unknown>)[k] ?? null])),
  dualQualifiedPercent: 'dualQualifiedPercentCents' in r ? (r.dualQualifiedPercentCents === null ? null : r.dualQualifiedPercentCents / 100) : (r as AnnualReturnInput).dualQualifiedPercent ?? null,
});

const now = () => new Date().toISOString();

@ObjectType({ description: '年报提交情况' })
class RoundProgress {
  @Field(() => Int) expected!: number;
  @Field(() => Int) submitted!: number;
  @Field(() => Int) approved!: number;
  @Field(() => [Organization], { nullable: 'items', description: '尚未提交（草稿或被退回）的成员单位' }) notSubmitted!: Organization[];
}

@Resolver(() => AnnualReturn)
export class AnnualReturnResolver {
  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() r: AnnualReturn) {
    return organizationRef(r.organizationId);
  }

  @FieldResolver(() => Float, { nullable: true, description: '双师型教师比例（%）' })
  dualQualifiedPercent(@Root() r: AnnualReturn) {
    return r.dualQualifiedPercentCents === null ? null : r.dualQualifiedPercentCents / 100;
  }

  @Query(() => AnnualReturn, { nullable: true, description: '本单位某年的年报' })
  myAnnualReturn(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    const organizationId = ctx.viewer.requireOrganization();
    return ctx.db.getRepository(AnnualReturn).findOneBy({ groupId, year, organizationId });
  }

  @Mutation(() => AnnualReturn, { description: '成员单位保存年报草稿（单位取自登录身份）' })
  async saveAnnualReturn(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Arg('input', () => AnnualReturnInput) input: AnnualReturnInput, @Ctx() ctx: StatisticsContext) {
    const mine = await this.mine(ctx, groupId, year);
    if (![ReturnStatus.DRAFT, ReturnStatus.RETURNED].includes(mine.status)) throw badInput(`年报当前为「${RETURN_STATUS_LABEL[mine.status]}」，不能修改`);
    const values = valuesOf(input);
    checkReturn(values, []);
    const figures = Object.fromEntries(Object.keys(RETURN_FIGURES).map((k) => [k, values[k]]));
    const percent = values.dualQualifiedPercent === null ? null : Math.round(values.dualQualifiedPercent * 100);
    await ctx.db.getRepository(AnnualReturn).update({ id: mine.id, status: mine.status }, { ...figures, dualQualifiedPercentCents: percent, updatedBy: ctx.viewer.userId as string, updatedAt: now() });
    return ctx.db.getRepository(AnnualReturn).findOneByOrFail({ id: mine.id });
  }

  @Mutation(() => AnnualReturn, { description: '成员单位提交年报（校验全部规则）' })
  async submitAnnualReturn(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    const mine = await this.mine(ctx, groupId, year);
    if (![ReturnStatus.DRAFT, ReturnStatus.RETURNED].includes(mine.status)) throw badInput(`年报当前为「${RETURN_STATUS_LABEL[mine.status]}」，不能再次提交`);
    const unit = await ctx.loaders.directory.byId(mine.organizationId);
    checkReturn(valuesOf(mine), (unit && REQUIRED_BY_CATEGORY[unit.category]) ?? []);
    return this.move(ctx, mine, ReturnStatus.SUBMITTED, { submittedAt: now() });
  }

  @Mutation(() => AnnualReturn, { description: '秘书处审核通过年报' })
  async approveAnnualReturn(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    const r = await this.forSecretariat(ctx, id);
    return this.move(ctx, r, ReturnStatus.APPROVED, { reviewedBy: ctx.viewer.userId, reviewedAt: now(), reviewComment: null });
  }

  @Mutation(() => AnnualReturn, { description: '秘书处退回年报（须填写意见）' })
  async returnAnnualReturn(@Arg('id', () => ID) id: string, @Arg('comment', () => String) comment: string, @Ctx() ctx: StatisticsContext) {
    const text = requiredText(comment, '退回意见', 500);
    const r = await this.forSecretariat(ctx, id);
    return this.move(ctx, r, ReturnStatus.RETURNED, { reviewedBy: ctx.viewer.userId, reviewedAt: now(), reviewComment: text });
  }

  private async mine(ctx: StatisticsContext, groupId: string, year: number): Promise<AnnualReturn> {
    const organizationId = ctx.viewer.requireOrganization();
    const round = await ctx.db.getRepository(CollectionRound).findOneBy({ groupId, year });
    if (!round || !ctx.viewer.canRead(groupId)) throw notFound(`${year} 年度数据采集`, groupId);
    if (round.status !== RoundStatus.OPEN) throw badInput(`${year} 年度数据采集已结束`);
    const mine = await ctx.db.getRepository(AnnualReturn).findOneBy({ roundId: round.id, organizationId });
    if (!mine) throw forbidden('本单位不在本轮采集名单中（开启采集时不是正式成员）');
    return mine;
  }

  private async forSecretariat(ctx: StatisticsContext, id: string): Promise<AnnualReturn> {
    const r = await ctx.db.getRepository(AnnualReturn).findOneBy({ id });
    if (!r || !ctx.viewer.canRead(r.groupId)) throw notFound('年报', id);
    ctx.viewer.requireSecretariatOf(r.groupId);
    if (r.status !== ReturnStatus.SUBMITTED) throw badInput(`年报当前为「${RETURN_STATUS_LABEL[r.status]}」，只有已提交的年报可以审核或退回`);
    return r;
  }

  private async move(ctx: StatisticsContext, r: AnnualReturn, to: ReturnStatus, fields: Partial<AnnualReturn>) {
    const result = await ctx.db.getRepository(AnnualReturn).update({ id: r.id, status: r.status }, { status: to, ...fields, updatedBy: ctx.viewer.userId as string, updatedAt: now() });
    if (result.affected !== 1) throw conflict('年报刚被他人修改，请刷新后重试');
    return ctx.db.getRepository(AnnualReturn).findOneByOrFail({ id: r.id });
  }
}

@Resolver(() => CollectionRound)
export class CollectionRoundResolver {
  @Query(() => CollectionRound, { nullable: true, description: '某年的数据采集' })
  collectionRound(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    return ctx.viewer.canRead(groupId) ? ctx.db.getRepository(CollectionRound).findOneBy({ groupId, year }) : null;
  }

  @FieldResolver(() => [AnnualReturn], { description: '年报：秘书处见全部，成员单位见本单位' })
  returns(@Root() round: CollectionRound, @Arg('statuses', () => [ReturnStatus], { nullable: true }) statuses: ReturnStatus[] | null, @Ctx() ctx: StatisticsContext) {
    const where = { roundId: round.id, ...(statuses?.length ? { status: In(statuses) } : {}) };
    if (ctx.viewer.isSecretariatOf(round.groupId) || ctx.viewer.has('AUTHORITY')) return ctx.db.getRepository(AnnualReturn).find({ where, order: { organizationId: 'ASC' } });
    return ctx.viewer.organizationId ? ctx.db.getRepository(AnnualReturn).find({ where: { ...where, organizationId: ctx.viewer.organizationId } }) : [];
  }

  @FieldResolver(() => RoundProgress, { nullable: true, description: '提交进度（秘书处）' })
  async progress(@Root() round: CollectionRound, @Ctx() ctx: StatisticsContext): Promise<RoundProgress | null> {
    if (!ctx.viewer.isSecretariatOf(round.groupId) && !ctx.viewer.has('AUTHORITY')) return null;
    const returns = await ctx.db.getRepository(AnnualReturn).find({ select: { organizationId: true, status: true }, where: { roundId: round.id } });
    const submitted = returns.filter((r) => r.status === ReturnStatus.SUBMITTED || r.status === ReturnStatus.APPROVED);
    return {
      expected: returns.length,
      submitted: submitted.length,
      approved: returns.filter((r) => r.status === ReturnStatus.APPROVED).length,
      notSubmitted: returns.filter((r) => !submitted.includes(r)).map((r) => organizationRef(r.organizationId)),
    };
  }

  @Mutation(() => CollectionRound, { description: '秘书处开启年度数据采集：为每个正式成员单位建立年报' })
  async openCollectionRound(@Arg('input', () => OpenRoundInput) input: OpenRoundInput, @Ctx() ctx: StatisticsContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const thisYear = new Date().getUTCFullYear();
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear) throw badInput(`年度应在 2000 到 ${thisYear} 之间`);
    const members = await ctx.loaders.directory.activeMembers(input.groupId);
    if (!members.length) throw badInput('该集团没有正式成员单位，无法开启采集');
    const round: CollectionRound = { id: randomUUID(), groupId: input.groupId, year: input.year, dueOn: input.dueOn, status: RoundStatus.OPEN, openedBy: ctx.viewer.userId as string, openedAt: now() };
    try {
      await ctx.db.transaction(async (em) => {
        await em.insert(CollectionRound, round);
        const rows = members.map((m) => ({
          id: randomUUID(), roundId: round.id, groupId: round.groupId, year: round.year, organizationId: m.id, status: ReturnStatus.DRAFT,
          ...Object.fromEntries(Object.keys(RETURN_FIGURES).map((k) => [k, null])), dualQualifiedPercentCents: null,
          reviewComment: null, submittedAt: null, reviewedBy: null, reviewedAt: null, updatedBy: ctx.viewer.userId as string, updatedAt: round.openedAt,
        }));
        for (let i = 0; i < rows.length; i += 100) await em.insert(AnnualReturn, rows.slice(i, i + 100));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`${input.year} 年度数据采集已开启`);
      throw error;
    }
    return round;
  }

  @Mutation(() => CollectionRound, { description: '秘书处结束采集（之后不能再修改或提交）' })
  async closeCollectionRound(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    const round = await ctx.db.getRepository(CollectionRound).findOneBy({ id });
    if (!round || !ctx.viewer.canRead(round.groupId)) throw notFound('数据采集', id);
    ctx.viewer.requireSecretariatOf(round.groupId);
    await ctx.db.getRepository(CollectionRound).update({ id }, { status: RoundStatus.CLOSED });
    return ctx.db.getRepository(CollectionRound).findOneByOrFail({ id });
  }
}
