import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Brackets, EntityManager } from 'typeorm';
import { badInput, Connection, fenToYuan, forbidden, newestFirstPage, notFound, now, recordAudit } from '@zjjt/kit';
import { BasesContext } from '../context';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';
import { Organization, organizationRef } from '../stubs';
import { RevenueAuditAction } from './revenue.enums';
import { RevenueEntry, RevenueEntryAudit, RevenueFieldChange } from './revenue.entity';
import { changeReason, RevenueEntryInput, RevenuePageArgs, validRevenue } from './revenue.input';

export const RevenueEntryConnection = Connection(RevenueEntry, 'RevenueEntry');
export const RevenueEntryAuditConnection = Connection(RevenueEntryAudit, 'RevenueEntryAudit');

/** The fields an audit row compares, as text (money in yuan). */
function auditedValues(e: RevenueEntry): Record<string, string | null> {
  return {
    organizationId: e.organizationId,
    source: e.source,
    receivedOn: e.receivedOn,
    amount: fenToYuan(e.amount),
    counterparty: e.counterparty,
    counterpartyUscc: e.counterpartyUscc,
    title: e.title,
    sessionId: e.sessionId,
    certificationBatchId: e.certificationBatchId,
  };
}

/** old → new of every field that changed; for a deletion every field, to null. */
function fieldChanges(before: RevenueEntry, after: RevenueEntry | null): RevenueFieldChange[] {
  const from = auditedValues(before);
  const to = after ? auditedValues(after) : null;
  return Object.keys(from)
    .filter((f) => !to || to[f] !== from[f])
    .map((field) => ({ field, from: from[field], to: to ? to[field] : null }));
}

/** The id of a ledger row of the group, or the refusal an unknown id gets (another group's row is not told apart). */
async function linkedRow(ctx: BasesContext, kind: 'session' | 'batch', id: string | null, groupId: string): Promise<string | null> {
  if (!id) return null;
  const row =
    kind === 'session' ? await ctx.db.getRepository(TrainingSession).findOneBy({ id }) : await ctx.db.getRepository(CertificationBatch).findOneBy({ id });
  if (row && row.groupId === groupId) return id;
  const [what, field] = kind === 'session' ? ['培训班次', 'sessionId'] : ['鉴定批次', 'certificationBatchId'];
  throw badInput(`${what} ${id} 不存在或不属于本集团（unknown ${field}）：请从本集团的台账查询中选择`, { field });
}

@Resolver(() => RevenueEntry)
export class RevenueResolver {
  @Query(() => RevenueEntryConnection, { description: '社会服务到账台账：秘书处见本集团全部，成员单位见本单位的，按到账日期从新到旧' })
  revenueEntries(@Args(() => RevenuePageArgs) args: RevenuePageArgs, @Ctx() ctx: BasesContext) {
    const { viewer } = ctx;
    viewer.requireUser();
    const f = args.filter ?? {};
    const query = ctx.db.getRepository(RevenueEntry).createQueryBuilder('r');
    if (!viewer.readsEveryRegion) {
      // An authority reads its region's groups (its groupIds) as a secretariat reads its own.
      const secretariatOf = viewer.groupIds.filter((g) => viewer.isSecretariatOf(g) || viewer.isAuthorityOf(g));
      const own = viewer.groupIds.length ? [...viewer.groupIds] : [''];
      query.andWhere(
        new Brackets((b) => {
          b.where('(r.organizationId = :scopeOrg AND r.groupId IN (:...own))', { scopeOrg: viewer.organizationId ?? '', own });
          if (secretariatOf.length) b.orWhere('r.groupId IN (:...secretariatOf)', { secretariatOf });
        }),
      );
    }
    if (f.groupId) query.andWhere('r.groupId = :groupId', { groupId: f.groupId });
    if (f.organizationId) query.andWhere('r.organizationId = :organizationId', { organizationId: f.organizationId });
    if (f.source) query.andWhere('r.source = :source', { source: f.source });
    if (f.year) query.andWhere('r.year = :year', { year: f.year });
    if (f.from && f.to && f.to < f.from) throw badInput(`结束日期 ${f.to} 不能早于开始日期 ${f.from}（to before from）：请改正筛选的日期范围`);
    if (f.from) query.andWhere('r.receivedOn >= :from', { from: f.from });
    if (f.to) query.andWhere('r.receivedOn <= :to', { to: f.to });
    return newestFirstPage(query, 'receivedOn', args.first, args.after);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '到账单位' })
  organization(@Root() e: RevenueEntry) {
    return organizationRef(e.organizationId);
  }

  @FieldResolver(() => TrainingSession, { nullable: true, description: '关联的培训班次（按台账查看权限）' })
  session(@Root() e: RevenueEntry, @Ctx() ctx: BasesContext) {
    return e.sessionId ? ctx.loaders.linkedSessionById.load(e.sessionId) : null;
  }

  @FieldResolver(() => CertificationBatch, { nullable: true, description: '关联的鉴定批次（按台账查看权限）' })
  certificationBatch(@Root() e: RevenueEntry, @Ctx() ctx: BasesContext) {
    return e.certificationBatchId ? ctx.loaders.linkedBatchById.load(e.certificationBatchId) : null;
  }

  @Mutation(() => RevenueEntry, { description: '登记社会服务到账：成员单位登记本单位的，秘书处可登记本集团任一成员单位的' })
  async recordRevenueEntry(@Arg('input', () => RevenueEntryInput) input: RevenueEntryInput, @Ctx() ctx: BasesContext) {
    const { viewer } = ctx;
    const user = viewer.requireUser();
    if (!viewer.groupIds.includes(input.groupId)) throw forbidden(`只能在本人所属的集团登记到账台账，集团 ${input.groupId} 不是您的集团（groupId not yours）`);
    const values = validRevenue(input);
    const organizationId = await this.receivingUnit(ctx, input.groupId, input.organizationId ?? null);
    await this.checkCounterparty(ctx, values.counterpartyUscc);
    await linkedRow(ctx, 'session', values.sessionId, input.groupId);
    await linkedRow(ctx, 'batch', values.certificationBatchId, input.groupId);
    const at = now();
    const entry: RevenueEntry = {
      id: randomUUID(),
      groupId: input.groupId,
      organizationId,
      ...values,
      recordedBy: user,
      recordedAt: at,
      updatedBy: user,
      updatedAt: at,
    };
    await ctx.db.transaction(async (manager) => {
      await manager.getRepository(RevenueEntry).insert(entry);
      await recordAudit(manager, ctx.viewer, { groupId: entry.groupId, operation: 'recordRevenueEntry', entity: 'RevenueEntry', id: entry.id, after: entry });
    });
    return entry;
  }

  @Mutation(() => RevenueEntry, {
    description: '更正到账台账：到账单位改本单位的；秘书处可更正成员单位的（须填理由）。每次更正留变更记录（谁、何时、原值 → 新值）',
  })
  async correctRevenueEntry(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => RevenueEntryInput) input: RevenueEntryInput,
    @Arg('reason', () => String, { nullable: true, description: '理由（秘书处更正成员单位台账时必填）' }) reason: string | null,
    @Ctx() ctx: BasesContext,
  ) {
    const { row: existing, bySecretariat } = await this.editable(ctx, id);
    if (input.groupId !== existing.groupId)
      throw badInput(`到账台账 ${id} 所属集团不能修改（groupId cannot change）：请保持 groupId 为 ${existing.groupId}`, { field: 'groupId' });
    const values = validRevenue(input);
    const note = changeReason(reason, bySecretariat);
    const wanted = input.organizationId ?? existing.organizationId;
    const organizationId = wanted === existing.organizationId ? existing.organizationId : await this.receivingUnit(ctx, existing.groupId, wanted);
    await this.checkCounterparty(ctx, values.counterpartyUscc);
    await linkedRow(ctx, 'session', values.sessionId, existing.groupId);
    await linkedRow(ctx, 'batch', values.certificationBatchId, existing.groupId);
    const updated: RevenueEntry = { ...existing, ...values, organizationId, updatedBy: ctx.viewer.requireUser(), updatedAt: now() };
    await ctx.db.transaction(async (manager) => {
      const { id: _id, groupId: _g, recordedBy: _r, recordedAt: _a, ...changes } = updated;
      await manager.getRepository(RevenueEntry).update({ id }, changes);
      await this.audit(manager, ctx, RevenueAuditAction.UPDATE, existing, updated, bySecretariat, note);
    });
    return ctx.db.getRepository(RevenueEntry).findOneByOrFail({ id });
  }

  @Mutation(() => Boolean, { description: '删除到账台账：到账单位删本单位的；秘书处可删除成员单位登错的（须填理由）。留变更记录' })
  async deleteRevenueEntry(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: '理由（秘书处删除成员单位台账时必填）' }) reason: string | null,
    @Ctx() ctx: BasesContext,
  ) {
    const { row, bySecretariat } = await this.editable(ctx, id);
    const note = changeReason(reason, bySecretariat);
    await ctx.db.transaction(async (manager) => {
      await manager.getRepository(RevenueEntry).delete({ id });
      await this.audit(manager, ctx, RevenueAuditAction.DELETE, row, null, bySecretariat, note);
    });
    return true;
  }

  @Query(() => RevenueEntryAuditConnection, { description: '到账台账变更记录：秘书处见本集团全部，成员单位见本单位台账的' })
  revenueEntryAudits(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: BasesContext,
  ) {
    const { viewer } = ctx;
    viewer.requireUser();
    const query = ctx.db.getRepository(RevenueEntryAudit).createQueryBuilder('a').where('a.groupId = :groupId', { groupId });
    if (!viewer.isSecretariatOf(groupId) && !viewer.isAuthorityOf(groupId)) {
      if (!viewer.organizationId || !viewer.groupIds.includes(groupId))
        throw forbidden('只有本集团秘书处或到账单位可以查看到账台账变更记录（history: secretariat or the receiving unit only）');
      query.andWhere('a.organizationId = :org', { org: viewer.organizationId });
    }
    return newestFirstPage(query, 'changedAt', first, after);
  }

  /**
   * The receiving unit: a member records its own (input naming another unit is refused); the
   * secretariat names one. Either way it must be an active member unit of the group, and a unit of
   * another group gets the same refusal as an id the hub does not know.
   */
  private async receivingUnit(ctx: BasesContext, groupId: string, requested: string | null): Promise<string> {
    const { viewer } = ctx;
    let organizationId: string;
    if (viewer.isSecretariatOf(groupId)) {
      if (!requested) throw badInput('秘书处登记到账须指定到账单位（organizationId）', { field: 'organizationId' });
      organizationId = requested;
    } else {
      const own = viewer.requireOrganization();
      if (requested && requested !== own)
        throw forbidden(`成员单位只能登记本单位的到账，${requested} 不是本单位（organizationId not your unit）；其他单位的到账请由该单位或本集团秘书处登记`);
      organizationId = own;
    }
    const members = await ctx.loaders.directory.activeMembers(groupId);
    if (!members.some((m) => m.id === organizationId))
      throw badInput(`到账单位 ${organizationId} 不是本集团的正式成员单位（not a member unit of this group）：请选择本集团的成员单位`, {
        field: 'organizationId',
      });
    return organizationId;
  }

  /** A counterparty's USCC, when given, must be a valid code (members' check, GB 32100-2015); the payer need not be a unit of the hub. */
  private async checkCounterparty(ctx: BasesContext, uscc: string | null): Promise<void> {
    if (!uscc) return;
    try {
      await ctx.loaders.directory.byUscc(uscc);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions?.code === 'BAD_USER_INPUT')
        throw badInput(`付款方（counterpartyUscc）${error.message}`, { field: 'counterpartyUscc' });
      throw error;
    }
  }

  /** The entry and on whose behalf it is changed: its own unit, or the group's secretariat correcting a member's entry. */
  private async editable(ctx: BasesContext, id: string): Promise<{ row: RevenueEntry; bySecretariat: boolean }> {
    const { viewer } = ctx;
    viewer.requireUser();
    const row = await ctx.db.getRepository(RevenueEntry).findOneBy({ id });
    if (!row || !viewer.groupIds.includes(row.groupId)) throw notFound('到账台账', id);
    if (row.organizationId === viewer.organizationId) return { row, bySecretariat: false };
    if (viewer.isSecretariatOf(row.groupId)) return { row, bySecretariat: true };
    throw notFound('到账台账', id);
  }

  /** Writes the audit row of one change, in the transaction of the change. */
  private async audit(
    manager: EntityManager,
    ctx: BasesContext,
    action: RevenueAuditAction,
    before: RevenueEntry,
    after: RevenueEntry | null,
    bySecretariat: boolean,
    reason: string | null,
  ) {
    await manager.getRepository(RevenueEntryAudit).insert({
      id: randomUUID(),
      entryId: before.id,
      groupId: before.groupId,
      organizationId: before.organizationId,
      action,
      changedBy: ctx.viewer.requireUser(),
      changedByOrganizationId: ctx.viewer.organizationId,
      bySecretariat,
      reason,
      changeList: JSON.stringify(fieldChanges(before, after)),
      changedAt: now(),
    });
    const operation = action === RevenueAuditAction.DELETE ? 'deleteRevenueEntry' : 'correctRevenueEntry';
    await recordAudit(manager, ctx.viewer, { groupId: before.groupId, operation, entity: 'RevenueEntry', id: before.id, before, after });
  }
}

@Resolver(() => RevenueEntryAudit)
export class RevenueEntryAuditResolver {
  @FieldResolver(() => [RevenueFieldChange], { description: '原值 → 新值（删除时新值为空）' })
  changes(@Root() a: RevenueEntryAudit): RevenueFieldChange[] {
    return JSON.parse(a.changeList);
  }
}
