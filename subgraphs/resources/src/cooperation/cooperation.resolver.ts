import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Brackets } from 'typeorm';
import { badInput, Connection, forbidden, newestFirstPage, notFound } from '../../../kit/src';
import { ResourcesContext } from '../context';
import { Organization, organizationRef } from '../stubs';
import { Cooperation } from './cooperation.entity';
import { CooperationInput, CooperationListArgs, validCooperation } from './cooperation.input';

export const CooperationConnection = Connection(Cooperation, 'Cooperation');

@Resolver(() => Cooperation)
export class CooperationResolver {
  @Query(() => CooperationConnection, { description: '合作台账：秘书处见本集团全部；成员单位见本单位登记的和作为合作方的' })
  cooperations(@Args(() => CooperationListArgs) args: CooperationListArgs, @Ctx() ctx: ResourcesContext) {
    const { viewer } = ctx;
    viewer.requireUser();
    const query = ctx.db.getRepository(Cooperation).createQueryBuilder('c');
    if (args.groupId) query.andWhere('c.groupId = :groupId', { groupId: args.groupId });
    if (args.year) query.andWhere('c.year = :year', { year: args.year });
    if (!viewer.has('AUTHORITY')) {
      const secretariatOf = viewer.has('SECRETARIAT') ? [...viewer.groupIds] : [];
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
    if (!ctx.viewer.groupIds.includes(input.groupId)) throw forbidden('只能在本单位所在的集团登记合作台账');
    const values = validCooperation(input);
    const partner = await this.partnerByUscc(ctx, input.partnerUscc, organizationId, input.groupId);
    const row: Cooperation = { id: randomUUID(), groupId: input.groupId, organizationId, partnerId: partner.id, partnerUscc: partner.uscc, ...values, recordedBy: ctx.viewer.userId as string, updatedAt: new Date().toISOString() };
    await ctx.db.getRepository(Cooperation).insert(row);
    return row;
  }

  @Mutation(() => Cooperation, { description: '修改本单位登记的合作台账' })
  async updateCooperation(@Arg('id', () => ID) id: string, @Arg('input', () => CooperationInput) input: CooperationInput, @Ctx() ctx: ResourcesContext) {
    const existing = await this.own(ctx, id);
    if (input.groupId !== existing.groupId) throw badInput('台账所属集团不能修改');
    const values = validCooperation(input);
    const partner = await this.partnerByUscc(ctx, input.partnerUscc, existing.organizationId, existing.groupId, existing.partnerId);
    await ctx.db.getRepository(Cooperation).update({ id }, { ...values, partnerId: partner.id, partnerUscc: partner.uscc, recordedBy: ctx.viewer.userId as string, updatedAt: new Date().toISOString() });
    return ctx.db.getRepository(Cooperation).findOneByOrFail({ id });
  }

  @Mutation(() => Boolean, { description: '删除本单位登记的合作台账' })
  async deleteCooperation(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    await this.own(ctx, id);
    await ctx.db.getRepository(Cooperation).delete({ id });
    return true;
  }

  private async own(ctx: ResourcesContext, id: string): Promise<Cooperation> {
    const organizationId = ctx.viewer.requireOrganization();
    const row = await ctx.loaders.visibleCooperationById.load(id);
    if (!row) throw notFound('合作台账', id);
    if (row.organizationId !== organizationId) throw forbidden('只能修改本单位登记的合作台账');
    return row;
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
    if (!partner || !inGroup) throw badInput(`合作单位 ${code} 不是本平台登记的单位或不是本集团的正式成员（partner is not a member of this group）：请核对统一社会信用代码，或请秘书处先将该单位登记为本集团成员`, { field: 'partnerUscc' });
    if (partner.id === organizationId) throw badInput('合作单位不能是本单位');
    return partner;
  }
}
