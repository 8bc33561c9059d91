import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, Connection, forbidden, notFound, now, recordAudit, transition } from '@zjjt/kit';
import { ResourcesContext } from '../context';
import { RESOURCE_STATUS_LABEL, ResourceStatus } from '../enums';
import { ResourceRequest } from '../request/request.entity';
import { Organization, organizationRef } from '../stubs';
import { SharedResource } from './resource.entity';
import { ResourceInput, ResourceSearchArgs, validResource } from './resource.input';
import { searchResources } from './resource-search';

export const SharedResourceConnection = Connection(SharedResource, 'SharedResource');

/** The viewer's own resource, or NOT_FOUND (cannot see it) / FORBIDDEN (another unit's). */
export async function ownResource(ctx: ResourcesContext, id: string): Promise<SharedResource> {
  const organizationId = ctx.viewer.requireOrganization();
  const resource = await ctx.loaders.visibleResourceById.load(id);
  if (!resource) throw notFound('共享资源', id);
  if (resource.providerId !== organizationId) throw forbidden('只能修改本单位发布的资源 (not your unit’s resource)');
  return resource;
}

@Resolver(() => SharedResource)
export class ResourceResolver {
  @Query(() => SharedResource, { nullable: true, description: '共享资源详情' })
  resource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.visibleResourceById.load(id);
  }

  @Query(() => SharedResourceConnection, { description: '检索已发布的共享资源（匿名只见门户公开资源）' })
  resources(@Args(() => ResourceSearchArgs) args: ResourceSearchArgs, @Ctx() ctx: ResourcesContext) {
    return searchResources(ctx.db, ctx.viewer, args);
  }

  @Query(() => [SharedResource], { description: '本单位发布的资源（含草稿、已撤回）' })
  myResources(@Arg('status', () => ResourceStatus, { nullable: true }) status: ResourceStatus | null, @Ctx() ctx: ResourcesContext) {
    const providerId = ctx.viewer.requireOrganization();
    return ctx.db.getRepository(SharedResource).find({ where: { providerId, ...(status ? { status } : {}) }, order: { updatedAt: 'DESC' } });
  }

  @FieldResolver(() => Organization, { nullable: true, description: '提供单位（当前用户无权查看时为空）' })
  provider(@Root() r: SharedResource) {
    return organizationRef(r.providerId);
  }

  @FieldResolver(() => Int, { description: '剩余容量' })
  capacityLeft(@Root() r: SharedResource) {
    return r.capacity - r.reserved;
  }

  @FieldResolver(() => [ResourceRequest], { nullable: true, description: '收到的申请（仅提供单位可见）' })
  requests(@Root() r: SharedResource, @Ctx() ctx: ResourcesContext) {
    if (ctx.viewer.organizationId !== r.providerId) return null;
    return ctx.loaders.requestsByResourceId.load(r.id);
  }

  @Mutation(() => SharedResource, { description: '发布单位保存资源草稿（提供单位取自登录身份）' })
  async createResource(@Arg('input', () => ResourceInput) input: ResourceInput, @Ctx() ctx: ResourcesContext) {
    const providerId = ctx.viewer.requireOrganization();
    if (!ctx.viewer.groupIds.includes(input.groupId))
      throw forbidden(`只能向本单位所在的集团发布资源，集团 ${input.groupId} 不是本单位的集团（groupId not yours）`);
    const values = validResource(input);
    const provider = await ctx.loaders.directory.byId(providerId);
    if (!provider) throw forbidden('本单位不在成员名录中，不能发布资源（unit not in the directory）：请联系本集团秘书处登记本单位');
    const resource: SharedResource = {
      id: randomUUID(),
      groupId: input.groupId,
      providerId,
      providerName: provider.name,
      providerType: provider.type,
      providerRegion: provider.region,
      ...values,
      reserved: 0,
      status: ResourceStatus.DRAFT,
      publishedAt: null,
      updatedAt: now(),
    };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(SharedResource).insert(resource);
      await recordAudit(em, ctx.viewer, { groupId: resource.groupId, operation: 'createResource', entity: 'SharedResource', id: resource.id, after: resource });
    });
    return resource;
  }

  @Mutation(() => SharedResource, { description: '修改本单位的资源（容量不能低于已同意的数量）' })
  async updateResource(@Arg('id', () => ID) id: string, @Arg('input', () => ResourceInput) input: ResourceInput, @Ctx() ctx: ResourcesContext) {
    const resource = await ownResource(ctx, id);
    if (input.groupId !== resource.groupId)
      throw badInput(`资源 ${id} 发布到的集团不能修改（groupId cannot change）；请在另一集团新建资源`, { field: 'groupId' });
    if (resource.status === ResourceStatus.WITHDRAWN) throw badInput(`资源 ${id} 已撤回，不能修改（resource withdrawn）：请重新发布后再改`);
    const values = validResource(input);
    if (values.capacity < resource.reserved)
      throw badInput(`容量 ${values.capacity} 不能小于已同意的申请数量 ${resource.reserved}（capacity below reserved）：请调大容量`, { field: 'capacity' });
    return ctx.db.transaction(async (em) => {
      const result = await em
        .getRepository(SharedResource)
        .createQueryBuilder()
        .update()
        .set({ ...values, updatedAt: now() })
        .where('id = :id AND reserved <= :capacity', { id, capacity: values.capacity })
        .execute();
      if (result.affected !== 1) throw badInput('容量不能小于已同意的申请数量，刚有申请被同意（capacity below reserved）：请刷新后重试', { field: 'capacity' });
      const after = await em.getRepository(SharedResource).findOneByOrFail({ id });
      await recordAudit(em, ctx.viewer, { groupId: after.groupId, operation: 'updateResource', entity: 'SharedResource', id, before: resource, after });
      return after;
    });
  }

  @Mutation(() => SharedResource, { description: '发布（草稿或已撤回 → 已发布）' })
  publishResource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return this.move(ctx, 'publishResource', id, [ResourceStatus.DRAFT, ResourceStatus.WITHDRAWN], ResourceStatus.PUBLISHED);
  }

  @Mutation(() => SharedResource, { description: '撤回（不再出现在检索中；已同意的申请不受影响）' })
  withdrawResource(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return this.move(ctx, 'withdrawResource', id, [ResourceStatus.DRAFT, ResourceStatus.PUBLISHED], ResourceStatus.WITHDRAWN);
  }

  private async move(ctx: ResourcesContext, operation: string, id: string, from: ResourceStatus[], to: ResourceStatus) {
    const resource = await ownResource(ctx, id);
    if (!from.includes(resource.status))
      throw badInput(
        `资源 ${id} 当前为「${RESOURCE_STATUS_LABEL[resource.status]}」，不能改为「${RESOURCE_STATUS_LABEL[to]}」（resource is ${resource.status}）：请刷新后查看其状态`,
      );
    const at = now();
    return ctx.db.transaction(async (em) => {
      const after = await transition(em.getRepository(SharedResource), id, resource.status, to, {
        publishedAt: to === ResourceStatus.PUBLISHED ? at : resource.publishedAt,
        updatedAt: at,
      });
      await recordAudit(em, ctx.viewer, { groupId: after.groupId, operation, entity: 'SharedResource', id, before: resource, after });
      return after;
    });
  }
}
