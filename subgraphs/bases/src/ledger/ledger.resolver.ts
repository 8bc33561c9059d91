import { randomUUID } from 'node:crypto';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Connection, exactSum, fenToWan, forbidden, Money, newestFirstPage, notFound, now, recordAudit, requiredText } from '@zjjt/kit';
import { BasesContext } from '../context';
import { CATEGORY_LABEL, MODE_LABEL, PiiField, TARGET_LABEL, TotalsBy } from '../enums';
import { LedgerImport } from '../imports/import.entity';
import { sealer } from '../sealer';
import { RevealAudit, Trainee } from '../trainee/trainee.entity';
import { TrainingBase } from '../base/base.entity';
import { CertificationBatch, TrainingProgram, TrainingSession } from './ledger.entity';
import { applyBatchFilter, applyScope, applySessionFilter, coBuiltBaseIds, LedgerFilter } from './scope';
import { knownSum } from '../report/unreported';

export const TrainingSessionConnection = Connection(TrainingSession, 'TrainingSession');
export const CertificationBatchConnection = Connection(CertificationBatch, 'CertificationBatch');
export const TraineeConnection = Connection(Trainee, 'Trainee');

@ArgsType()
class LedgerPageArgs {
  @Field(() => LedgerFilter, { nullable: true }) filter?: LedgerFilter | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ObjectType({ description: '台账汇总行' })
export class TotalsRow {
  @Field(() => String, { description: '分组键（月份 YYYY-MM、类别、对象、方式或基地 id）' }) key!: string;
  @Field(() => String, { description: '中文名称' }) label!: string;
  @Field(() => Int) sessions!: number;
  @Field(() => Int, { description: '培训人次' }) personTimes!: number;
  @Field(() => Int, { nullable: true, description: '课时；有班次未填报课时时为空（未填报）' }) hours!: number | null;
  @Field(() => Money, { description: '到账金额（元）' }) revenue!: string;
  @Field(() => String, { description: '到账金额（万元，两位小数）' }) revenueWan!: string;
}

// By target group: the primary one, so the rows sum exactly to the person-times.
const KEY: Record<TotalsBy, string> = { MONTH: 's.month', CATEGORY: 's.category', TARGET_GROUP: 's.targetGroup', MODE: 's.mode', BASE: 's.baseId' };

@Resolver(() => TrainingSession)
export class LedgerResolver {
  @Query(() => TrainingSessionConnection, { description: '培训班次台账（按可见范围）' })
  async trainingSessions(@Args(() => LedgerPageArgs) args: LedgerPageArgs, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireUser();
    const bases = await coBuiltBaseIds(ctx.db, ctx.viewer);
    const query = applySessionFilter(applyScope(ctx.db.getRepository(TrainingSession).createQueryBuilder('s'), ctx.viewer, 's', bases), args.filter);
    return newestFirstPage(query, 'startsOn', args.first, args.after);
  }

  @FieldResolver(() => TrainingProgram, { nullable: true })
  program(@Root() s: TrainingSession, @Ctx() ctx: BasesContext) {
    return ctx.loaders.programById.load(s.programId);
  }

  @FieldResolver(() => TrainingBase, { nullable: true })
  base(@Root() s: TrainingSession, @Ctx() ctx: BasesContext) {
    return ctx.loaders.visibleBaseById.load(s.baseId);
  }

  @Query(() => CertificationBatchConnection, { description: '鉴定批次台账（按可见范围）' })
  async certificationBatches(@Args(() => LedgerPageArgs) args: LedgerPageArgs, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireUser();
    const bases = await coBuiltBaseIds(ctx.db, ctx.viewer);
    const query = applyBatchFilter(applyScope(ctx.db.getRepository(CertificationBatch).createQueryBuilder('c'), ctx.viewer, 'c', bases), args.filter);
    return newestFirstPage(query, 'assessedOn', args.first, args.after);
  }

  @Query(() => [TotalsRow], { description: '台账汇总：按月份、类别、对象、方式或基地（SQL 聚合）' })
  async trainingTotals(
    @Arg('by', () => TotalsBy) by: TotalsBy,
    @Arg('filter', () => LedgerFilter, { nullable: true }) filter: LedgerFilter | null,
    @Ctx() ctx: BasesContext,
  ): Promise<TotalsRow[]> {
    ctx.viewer.requireUser();
    const key = KEY[by];
    const query = ctx.db.getRepository(TrainingSession).createQueryBuilder('s');
    applySessionFilter(applyScope(query, ctx.viewer, 's', await coBuiltBaseIds(ctx.db, ctx.viewer), true), filter);
    const rows: { key: string; sessions: string; personTimes: string; hours: string | null; revenue: string }[] = await query
      .select(key, 'key')
      .addSelect('COUNT(*)', 'sessions')
      .addSelect('COALESCE(SUM(s.personTimes), 0)', 'personTimes')
      .addSelect(knownSum('s.hours'), 'hours')
      .addSelect(exactSum('s.revenue'), 'revenue')
      .groupBy(key)
      .orderBy(key)
      .getRawMany();
    const bases = by === TotalsBy.BASE ? await ctx.loaders.visibleBaseById.loadMany(rows.map((r) => r.key)) : [];
    const label = (k: string, i: number): string => {
      if (by === TotalsBy.CATEGORY) return CATEGORY_LABEL[k as keyof typeof CATEGORY_LABEL];
      if (by === TotalsBy.TARGET_GROUP) return TARGET_LABEL[k as keyof typeof TARGET_LABEL];
      if (by === TotalsBy.MODE) return MODE_LABEL[k as keyof typeof MODE_LABEL];
      if (by === TotalsBy.BASE) return (bases[i] as TrainingBase | null)?.name ?? k;
      return k;
    };
    return rows.map((r, i) => ({
      key: r.key,
      label: label(r.key, i),
      sessions: Number(r.sessions),
      personTimes: Number(r.personTimes),
      hours: r.hours === null ? null : Number(r.hours),
      revenue: r.revenue,
      revenueWan: fenToWan(r.revenue),
    }));
  }

  @Query(() => TraineeConnection, { description: '学员名册（身份证号、手机号脱敏；填报机器人不可见）' })
  async trainees(
    @Arg('baseId', () => ID) baseId: string,
    @Arg('sessionId', () => ID, { nullable: true }) sessionId: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: BasesContext,
  ) {
    const base = await ctx.loaders.visibleBaseById.load(baseId);
    if (!base || !(await ctx.loaders.canSeeTrainees(base))) throw forbidden(`无权查看基地 ${baseId} 的学员名册（trainee roster not visible to you）`);
    const query = ctx.db.getRepository(Trainee).createQueryBuilder('t').where('t.baseId = :baseId', { baseId });
    if (sessionId) query.andWhere('t.sessionId = :sessionId', { sessionId });
    return newestFirstPage(query, 'id', first, after);
  }

  @Query(() => [LedgerImport], { description: '基地的台账导入记录' })
  async ledgerImports(@Arg('baseId', () => ID) baseId: string, @Ctx() ctx: BasesContext) {
    const base = await ctx.loaders.visibleBaseById.load(baseId);
    if (!base || !(await ctx.loaders.canSeeTrainees(base))) return [];
    return ctx.db.getRepository(LedgerImport).find({ where: { baseId }, order: { importedAt: 'DESC' } });
  }

  @Mutation(() => String, { description: '查看学员完整身份证号或手机号：仅本集团秘书处，须填写原因，留存查看记录' })
  async revealTraineeField(
    @Arg('traineeId', () => ID) traineeId: string,
    @Arg('field', () => PiiField) field: PiiField,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: BasesContext,
  ) {
    const text = requiredText(reason, '查看原因', 500);
    const trainee = await ctx.db.getRepository(Trainee).findOneBy({ id: traineeId });
    if (!trainee || !ctx.viewer.canRead(trainee.groupId)) throw notFound('学员', traineeId);
    if (!ctx.viewer.isSecretariatOf(trainee.groupId)) throw forbidden('只有本集团秘书处可以查看完整个人信息（secretariat only）');
    const sealed = field === PiiField.ID_NUMBER ? trainee.idNumberSealed : trainee.phoneSealed;
    if (!sealed) throw notFound('手机号', traineeId);
    await ctx.db.transaction(async (em) => {
      const reveal = { id: randomUUID(), traineeId, groupId: trainee.groupId, field, reason: text, actorUserId: ctx.viewer.requireUser(), at: now() };
      await em.getRepository(RevealAudit).insert(reveal);
      // The trail says whose field was revealed and why; the value itself never enters it.
      await recordAudit(em, ctx.viewer, {
        groupId: trainee.groupId,
        operation: 'revealTraineeField',
        entity: 'Trainee',
        id: traineeId,
        after: { field, reason: text },
      });
    });
    return sealer().open(sealed);
  }

  @Query(() => [RevealAudit], { description: '个人信息查看记录（秘书处）' })
  revealAudits(@Arg('groupId', () => ID) groupId: string, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireSecretariatOf(groupId);
    return ctx.db.getRepository(RevealAudit).find({ where: { groupId }, order: { at: 'DESC' }, take: 500 });
  }
}
