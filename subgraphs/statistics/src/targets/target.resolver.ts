import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound, audited, recordAudit } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { Indicator } from '../enums';
import { Organization, organizationRef } from '../stubs';
import { Target } from './target.entity';

@InputType({ description: '指标' })
class TargetInput {
  @Field(() => ID) groupId!: string;
  @Field(() => Int, { nullable: true, description: '一个年度（与 fromYear/toYear 二选一）' }) year?: number | null;
  @Field(() => Int, { nullable: true, description: '起始年度' }) fromYear?: number | null;
  @Field(() => Int, { nullable: true, description: '截止年度（含；不填为起始年度）' }) toYear?: number | null;
  @Field(() => Indicator, { description: '任一指标（见 Indicator）' }) indicator!: Indicator;
  @Field(() => String, { description: 'GROUP（集团）、EACH_MEMBER（每个成员单位）或某成员单位的 id' }) scope!: string;
  @Field(() => Float, { description: '目标值（最多两位小数）' }) threshold!: number;
}

@Resolver(() => Target)
export class TargetResolver {
  @Query(() => [Target], { description: '适用于某年的指标（含跨年度的）；不给年度则为全部指标（本集团用户）' })
  targets(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: StatisticsContext) {
    if (!ctx.viewer.canRead(groupId)) return [];
    if (year === null || year === undefined)
      return ctx.db.getRepository(Target).find({ where: { groupId }, order: { year: 'ASC', indicator: 'ASC', scope: 'ASC' } });
    return ctx.loaders.targetsByGroupYear.load(`${groupId}|${year}`);
  }

  @FieldResolver(() => Int, { description: '起始年度' })
  fromYear(@Root() t: Target) {
    return t.year;
  }

  @FieldResolver(() => String, { description: 'GROUP、EACH_MEMBER 或成员单位 id' })
  scope(@Root() t: Target) {
    return t.scope;
  }

  @FieldResolver(() => Organization, { nullable: true, description: '指定的成员单位' })
  organization(@Root() t: Target) {
    return t.scope === 'GROUP' || t.scope === 'EACH_MEMBER' ? null : organizationRef(t.scope);
  }

  @FieldResolver(() => Float, { description: '目标值' })
  threshold(@Root() t: Target) {
    return t.thresholdCents / 100;
  }

  @Mutation(() => Target, {
    description:
      '秘书处设定指标：一个年度（year）或一段年度（fromYear..toYear）；同一起始年度、同一指标、同一范围只有一个，再次设定即修改（含截止年度）；与其他年度段重叠的不可设定',
  })
  async setTarget(@Arg('input', () => TargetInput) input: TargetInput, @Ctx() ctx: StatisticsContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const cents = Math.round(input.threshold * 100);
    if (!(input.threshold > 0) || cents !== input.threshold * 100)
      throw badInput(`目标值应为大于 0、最多两位小数的数，当前为 ${input.threshold}（threshold）`, { field: 'threshold' });
    const given = (v: number | null | undefined) => v !== null && v !== undefined;
    if (given(input.year) === given(input.fromYear)) throw badInput('请给出一个年度（year）或起始年度（fromYear），二者只能有一个');
    if (given(input.year) && given(input.toYear)) throw badInput('一个年度的指标（year）不能再给截止年度（toYear）；一段年度请用 fromYear 与 toYear');
    const fromYear = (input.year ?? input.fromYear)!;
    const toYear = input.toYear ?? fromYear;
    for (const y of [fromYear, toYear]) if (!Number.isInteger(y) || y < 2000 || y > 2100) throw badInput(`年度应在 2000 到 2100 之间，当前为 ${y}（year）`);
    if (toYear < fromYear) throw badInput(`截止年度（toYear ${toYear}）不能早于起始年度（fromYear ${fromYear}）`);
    // A unit's id must be an active member of this group; another group's unit is refused exactly like an unknown id.
    if (
      input.scope !== 'GROUP' &&
      input.scope !== 'EACH_MEMBER' &&
      !(await ctx.loaders.directory.activeMembers(input.groupId)).some((m) => m.id === input.scope)
    ) {
      throw badInput(`指标范围应为 GROUP、EACH_MEMBER 或本集团正式成员单位的 id（scope）：${input.scope} 不是本集团的成员单位`);
    }
    const repo = ctx.db.getRepository(Target);
    const key = { groupId: input.groupId, year: fromYear, indicator: input.indicator, scope: input.scope };
    // One threshold per indicator, scope and year: another target's years must not overlap these.
    const overlapping = (
      await repo.findBy({
        groupId: input.groupId,
        indicator: input.indicator,
        scope: input.scope,
        year: LessThanOrEqual(toYear),
        toYear: MoreThanOrEqual(fromYear),
      })
    ).find((t) => t.year !== fromYear);
    if (overlapping) {
      throw badInput(
        `该指标在 ${overlapping.year}–${overlapping.toYear} 年度已有目标（target years overlap），与 ${fromYear}–${toYear} 重叠：请修改或删除原目标（id ${overlapping.id}）`,
      );
    }
    const existing = await repo.findOneBy(key);
    return audited(ctx.db, ctx.viewer, { operation: 'setTarget', entity: 'Target', before: existing }, async (em) => {
      const targets = em.getRepository(Target);
      if (existing) await targets.update({ id: existing.id }, { toYear, thresholdCents: cents, createdBy: ctx.viewer.requireUser() });
      else await targets.insert({ id: randomUUID(), ...key, toYear, thresholdCents: cents, createdBy: ctx.viewer.requireUser() });
      return targets.findOneByOrFail(key);
    });
  }

  @Mutation(() => Boolean, { description: '删除指标' })
  async deleteTarget(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    const target = await ctx.db.getRepository(Target).findOneBy({ id });
    if (!target || !ctx.viewer.canRead(target.groupId)) throw notFound('指标', id);
    ctx.viewer.requireSecretariatOf(target.groupId);
    await ctx.db.transaction(async (em) => {
      await em.getRepository(Target).delete({ id });
      await recordAudit(em, ctx.viewer, { groupId: target.groupId, operation: 'deleteTarget', entity: 'Target', id, before: target });
    });
    return true;
  }
}
