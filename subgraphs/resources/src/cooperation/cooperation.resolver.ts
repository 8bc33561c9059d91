import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Brackets, EntityManager } from 'typeorm';
import { badInput, Connection, fenToYuan, forbidden, newestFirstPage, notFound, now, recordAudit } from '@zjjt/kit';
import { ResourcesContext } from '../context';
import { Organization, organizationRef } from '../stubs';
import { CooperationAudit, CooperationAuditAction, CooperationFieldChange } from './cooperation-audit.entity';
import { COUNT_FIELDS, Cooperation, MONEY_FIELDS } from './cooperation.entity';
import { changeReason, CooperationInput, CooperationListArgs, validCooperation } from './cooperation.input';

export const CooperationConnection = Connection(Cooperation, 'Cooperation');
export const CooperationAuditConnection = Connection(CooperationAudit, 'CooperationAudit');

const part = (value: number | null, total: number) => (value === null ? (total === 0 ? '0' : '未填') : String(value));

/** The fields an audit row compares, as text (money in yuan). */
function auditedValues(c: Cooperation): Record<string, string> {
  return {
    partnerUscc: c.partnerUscc,
    year: String(c.year),
    projectName: c.projectName,
    ...Object.fromEntries(COUNT_FIELDS.map((f) => [f, String(c[f])])),
    // With no mutual teachers (hours) the enterprise part is 0 whether or not it was stored.
    enterpriseTeachers: part(c.enterpriseTeachers, c.mutualTeachers),
    enterpriseTeachingHours: part(c.enterpriseTeachingHours, c.mutualTeachingHours),
    ...Object.fromEntries(MONEY_FIELDS.map((f) => [f, fenToYuan(c[f])])),
  };
}

/** old → new of every field that changed; for a deletion every field, to null. */
function fieldChanges(before: Cooperation, after: Cooperation | null): CooperationFieldChange[] {
  const from = auditedValues(before);
  const to = after ? auditedValues(after) : null;
  return Object.keys(from)
    .filter((f) => !to || to[f] !== from[f])
    .map((field) => ({ field, from: from[field], to: to ? to[field] : null }));
}

/** Writes the audit row of one change, in the transaction of the change. */
async function audit(
  manager: EntityManager,
  ctx: ResourcesContext,
  action: CooperationAuditAction,
  before: Cooperation,
  after: Cooperation | null,
  bySecretariat: boolean,
  reason: string | null,
) {
  await manager.getRepository(CooperationAudit).insert({
    id: randomUUID(),
    cooperationId: before.id,
    groupId: before.groupId,
    organizationId: before.organizationId,
    year: before.year,
    action,
    changedBy: ctx.viewer.requireUser(),
    changedByOrganizationId: ctx.viewer.organizationId,
    bySecretariat,
    reason,
    changeList: JSON.stringify(fieldChanges(before, after)),
    changedAt: now(),
  });
  const operation = action === CooperationAuditAction.DELETE ? 'deleteCooperation' : 'updateCooperation';
  await recordAudit(manager, ctx.viewer, { groupId: before.groupId, operation, entity: 'Cooperation', id: before.id, before, after });
}

@Resolver(() => Cooperation)
export class CooperationResolver {
  @Query(() => CooperationConnection, { description: '合作台账：秘书处见本集团全部；成员单位见本单位登记的和作为合作方的' })
  cooperations(@Args(() => CooperationListArgs) args: CooperationListArgs, @Ctx() ctx: ResourcesContext) {
    const { viewer } = ctx;
    viewer.requireUser();
    const query = ctx.db.getRepository(Cooperation).createQueryBuilder('c');
    if (args.groupId) query.andWhere('c.groupId = :groupId', { groupId: args.groupId });
    if (args.year) query.andWhere('c.year = :year', { year: args.year });
    if (!viewer.readsEveryRegion) {
      // An authority reads its region's groups (its groupIds) as a secretariat reads its own.
      const secretariatOf = viewer.has('SECRETARIAT') || viewer.has('AUTHORITY') ? [...viewer.groupIds] : [];
      query.andWhere(
        new Brackets((b) => {
          b.where('c.organizationId = :org OR c.partnerId = :org', { org: viewer.organizationId ?? '' });
          if (secretariatOf.length) b.orWhere('c.groupId IN (:...secretariatOf)', { secretariatOf });
        }),
      );
    }
    return newestFirstPage(query, 'updatedAt', args.first, args.after);
  }

  @Query(() => Cooperation, { nullable: true })
  cooperation(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.visibleCooperationById.load(id);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '登记单位' })
  organization(@Root() c: Cooperation) {
    return organizationRef(c.organizationId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '合作单位' })
  partner(@Root() c: Cooperation) {
    return organizationRef(c.partnerId);
  }

  @Mutation(() => Cooperation, { description: '登记合作台账（登记单位取自登录身份）' })
  async recordCooperation(@Arg('input', () => CooperationInput) input: CooperationInput, @Ctx() ctx: ResourcesContext) {
    const organizationId = ctx.viewer.requireOrganization();
    if (!ctx.viewer.groupIds.includes(input.groupId))
      throw forbidden(`只能在本单位所在的集团登记合作台账，集团 ${input.groupId} 不是本单位的集团（groupId not yours）`);
    const values = validCooperation(input);
    const partner = await this.partnerByUscc(ctx, input.partnerUscc, organizationId, input.groupId);
    const row: Cooperation = {
      id: randomUUID(),
      groupId: input.groupId,
      organizationId,
      partnerId: partner.id,
      partnerUscc: partner.uscc,
      ...values,
      recordedBy: ctx.viewer.requireUser(),
      updatedAt: now(),
    };
    await ctx.db.transaction(async (manager) => {
      await manager.getRepository(Cooperation).insert(row);
      await recordAudit(manager, ctx.viewer, { groupId: row.groupId, operation: 'recordCooperation', entity: 'Cooperation', id: row.id, after: row });
    });
    return row;
  }

  @Mutation(() => Cooperation, { description: '修改合作台账：登记单位改本单位的；本集团秘书处可更正成员单位的（须填理由）。每次修改留变更记录' })
  async updateCooperation(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => CooperationInput) input: CooperationInput,
    @Arg('reason', () => String, { nullable: true, description: '理由（秘书处更正成员单位台账时必填）' }) reason: string | null,
    @Ctx() ctx: ResourcesContext,
  ) {
    const { row: existing, bySecretariat } = await this.editable(ctx, id);
    if (input.groupId !== existing.groupId)
      throw badInput(`合作台账 ${id} 所属集团不能修改（groupId cannot change）：请保持 groupId 为 ${existing.groupId}`, { field: 'groupId' });
    const values = validCooperation(input);
    const note = changeReason(reason, bySecretariat);
    const partner = await this.partnerByUscc(ctx, input.partnerUscc, existing.organizationId, existing.groupId, existing.partnerId);
    const updated: Cooperation = {
      ...existing,
      ...values,
      partnerId: partner.id,
      partnerUscc: partner.uscc,
      recordedBy: ctx.viewer.requireUser(),
      updatedAt: now(),
    };
    await ctx.db.transaction(async (manager) => {
      const { id: _id, groupId: _g, organizationId: _o, ...changes } = updated;
      await manager.getRepository(Cooperation).update({ id }, changes);
      await audit(manager, ctx, CooperationAuditAction.UPDATE, existing, updated, bySecretariat, note);
    });
    return ctx.db.getRepository(Cooperation).findOneByOrFail({ id });
  }

  @Mutation(() => Boolean, { description: '删除合作台账：登记单位删本单位的；本集团秘书处可删除成员单位登错的（须填理由）。留变更记录' })
  async deleteCooperation(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: '理由（秘书处删除成员单位台账时必填）' }) reason: string | null,
    @Ctx() ctx: ResourcesContext,
  ) {
    const { row, bySecretariat } = await this.editable(ctx, id);
    const note = changeReason(reason, bySecretariat);
    await ctx.db.transaction(async (manager) => {
      await manager.getRepository(Cooperation).delete({ id });
      await audit(manager, ctx, CooperationAuditAction.DELETE, row, null, bySecretariat, note);
    });
    return true;
  }

  @Query(() => CooperationAuditConnection, {
    description: '合作台账变更记录（谁、何时、为何、原值 → 新值或删除）：秘书处见本集团全部，成员单位见本单位登记的台账的',
  })
  cooperationAudits(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: ResourcesContext,
  ) {
    const { viewer } = ctx;
    viewer.requireUser();
    const query = ctx.db.getRepository(CooperationAudit).createQueryBuilder('a').where('a.groupId = :groupId', { groupId });
    if (!viewer.isSecretariatOf(groupId) && !viewer.isAuthorityOf(groupId)) {
      if (!viewer.organizationId || !viewer.groupIds.includes(groupId))
        throw forbidden('只有本集团秘书处或登记单位可以查看台账变更记录（history: secretariat or the recording unit only）');
      query.andWhere('a.organizationId = :org', { org: viewer.organizationId });
    }
    return newestFirstPage(query, 'changedAt', first, after);
  }

  /** The row and on whose behalf it is changed: its own unit, or the group's secretariat correcting a member's row. */
  private async editable(ctx: ResourcesContext, id: string): Promise<{ row: Cooperation; bySecretariat: boolean }> {
    const organizationId = ctx.viewer.requireOrganization();
    const row = await ctx.loaders.visibleCooperationById.load(id);
    if (!row) throw notFound('合作台账', id);
    if (row.organizationId === organizationId) return { row, bySecretariat: false };
    if (ctx.viewer.isSecretariatOf(row.groupId)) return { row, bySecretariat: true };
    throw forbidden(`只能修改本单位登记的合作台账，${id} 不是本单位登记的（not your unit's entry）；登错的他单位台账请联系本集团秘书处更正`);
  }

  /**
   * The partner named by USCC: an active member unit of the ledger's group (or the row's current
   * partner), not the recording unit itself. A unit of another group and a code the hub does not
   * know get the same refusal, so the check tells no one which units the hub holds.
   */
  private async partnerByUscc(ctx: ResourcesContext, uscc: string, organizationId: string, groupId: string, currentPartnerId?: string) {
    const code = uscc.trim().toUpperCase();
    const partner = await ctx.loaders.directory.byUscc(code);
    const inGroup = partner && (partner.id === currentPartnerId || (await ctx.loaders.directory.activeMembers(groupId)).some((m) => m.id === partner.id));
    if (!partner || !inGroup)
      throw badInput(
        `合作单位 ${code} 不是本平台登记的单位或不是本集团的正式成员（partner is not a member of this group）：请核对统一社会信用代码，或请秘书处先将该单位登记为本集团成员`,
        { field: 'partnerUscc' },
      );
    if (partner.id === organizationId)
      throw badInput(`合作单位 ${code} 不能是本单位（partner is your own unit）：请填写合作方的统一社会信用代码`, { field: 'partnerUscc' });
    return partner;
  }
}

@Resolver(() => CooperationAudit)
export class CooperationAuditResolver {
  @FieldResolver(() => [CooperationFieldChange], { description: '原值 → 新值（删除时新值为空）' })
  changes(@Root() a: CooperationAudit): CooperationFieldChange[] {
    return JSON.parse(a.changeList);
  }
}
