import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notFound, audited, recordAudit } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { Indicator } from '../enums';
import { Organization, organizationRef } from '../stubs';
import { Target } from './target.entity';

@InputType({ description: '指标' })
class TargetInput {
  @Field(() => ID) groupId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Indicator) indicator!: Indicator;
  @Field(() => String, { description: 'GROUP（集团）、EACH_MEMBER（每个成员单位）或某成员单位的 id' }) scope!: string;
  @Field(() => Float, { description: '目标值（最多两位小数）' }) threshold!: number;
}

@Resolver(() => Target)
export class TargetResolver {
  @Query(() => [Target], { description: '某年的指标（本集团用户）' })
  targets(@Arg('groupId', () => ID) groupId: string, @Arg('year', () => Int) year: number, @Ctx() ctx: StatisticsContext) {
    return ctx.viewer.canRead(groupId) ? ctx.loaders.targetsByGroupYear.load(`${groupId}|${year}`) : [];
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

  @Mutation(() => Target, { description: '秘书处设定指标（同一年、同一指标、同一范围只有一个，再次设定即修改）' })
  async setTarget(@Arg('input', () => TargetInput) input: TargetInput, @Ctx() ctx: StatisticsContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const cents = Math.round(input.threshold * 100);
    if (!(input.threshold > 0) || cents !== input.threshold * 100) throw badInput(`目标值应为大于 0、最多两位小数的数，当前为 ${input.threshold}`);
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw badInput('年度应在 2000 到 2100 之间');
    // A unit's id must be an active member of this group; another group's unit is refused exactly like an unknown id.
    if (
      input.scope !== 'GROUP' &&
      input.scope !== 'EACH_MEMBER' &&
      !(await ctx.loaders.directory.activeMembers(input.groupId)).some((m) => m.id === input.scope)
    ) {
      throw badInput(`指标范围应为 GROUP、EACH_MEMBER 或本集团正式成员单位的 id（scope）：${input.scope} 不是本集团的成员单位`);
    }
    const repo = ctx.db.getRepository(Target);
    const key = { groupId: input.groupId, year: input.year, indicator: input.indicator, scope: input.scope };
    const existing = await repo.findOneBy(key);
    return audited(ctx.db, ctx.viewer, { operation: 'setTarget', entity: 'Target', before: existing }, async (em) => {
      const targets = em.getRepository(Target);
      if (existing) await targets.update({ id: existing.id }, { thresholdCents: cents, createdBy: ctx.viewer.requireUser() });
      else await targets.insert({ id: randomUUID(), ...key, thresholdCents: cents, createdBy: ctx.viewer.requireUser() });
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
