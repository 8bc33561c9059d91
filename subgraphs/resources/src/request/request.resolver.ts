import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, conflict, Connection, forbidden, newestFirstPage, notFound, optionalText, requiredText, wholeNumber } from '@zjjt/kit';
import { ResourcesContext } from '../context';
import { KIND_LABEL, REQUEST_STATUS_LABEL, RequestDirection, RequestStatus, ResourceStatus } from '../enums';
import { notify } from '../message/message.service';
import { SharedResource } from '../resource/resource.entity';
import { Organization, organizationRef } from '../stubs';
import { period } from '../validate';
import { ResourceRequest } from './request.entity';
import { OutcomeInput, RequestInput, RequestListArgs } from './request.input';

export const ResourceRequestConnection = Connection(ResourceRequest, 'ResourceRequest');

const now = () => new Date().toISOString();

type Party = 'providerId' | 'requesterId';

@Resolver(() => ResourceRequest)
export class RequestResolver {
  @Query(() => ResourceRequest, { nullable: true, description: '资源申请详情' })
  resourceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.visibleRequestById.load(id);
  }

  @Query(() => ResourceRequestConnection, { description: '本单位收到或发出的资源申请，新的在前' })
  myResourceRequests(@Args(() => RequestListArgs) args: RequestListArgs, @Ctx() ctx: ResourcesContext) {
    const organizationId = ctx.viewer.requireOrganization();
    const party = args.direction === RequestDirection.INCOMING ? 'providerId' : 'requesterId';
    const query = ctx.db.getRepository(ResourceRequest).createQueryBuilder('q').where(`q.${party} = :org`, { org: organizationId });
    if (args.statuses?.length) query.andWhere('q.status IN (:...statuses)', { statuses: args.statuses });
    return newestFirstPage(query, 'createdAt', args.first, args.after);
  }

  @FieldResolver(() => SharedResource, { nullable: true })
  resource(@Root() r: ResourceRequest, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.visibleResourceById.load(r.resourceId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '申请单位' })
  requester(@Root() r: ResourceRequest) {
    return organizationRef(r.requesterId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: '提供单位' })
  provider(@Root() r: ResourceRequest) {
    return organizationRef(r.providerId);
  }

  @Mutation(() => ResourceRequest, { description: '申请使用共享资源（申请单位取自登录身份）' })
  async requestResource(@Arg('input', () => RequestInput) input: RequestInput, @Ctx() ctx: ResourcesContext) {
    const requesterId = ctx.viewer.requireOrganization();
    const quantity = wholeNumber(input.quantity, '申请数量', 1);
    const purpose = requiredText(input.purpose, '用途', 1000);
    const { start, end } = period(input.periodStart, input.periodEnd);
    const resource = await ctx.loaders.visibleResourceById.load(input.resourceId);
    if (!resource || resource.status !== ResourceStatus.PUBLISHED) throw notFound('共享资源', input.resourceId);
    if (!ctx.viewer.groupIds.includes(resource.groupId)) throw forbidden('只有该集团的成员单位可以申请此资源');
    if (resource.providerId === requesterId) throw badInput('不能申请本单位发布的资源');
    if (start < resource.periodStart || end > resource.periodEnd) throw badInput(`申请期间须在资源开放期间 ${resource.periodStart} 至 ${resource.periodEnd} 之内`);
    if (quantity > resource.capacity - resource.reserved) throw conflict(`申请数量 ${quantity} 超过剩余容量 ${resource.capacity - resource.reserved}`);
    const request: ResourceRequest = {
      id: randomUUID(),
      resourceId: resource.id,
      groupId: resource.groupId,
      kind: resource.kind,
      providerId: resource.providerId,
      requesterId,
      quantity,
      periodStart: start,
      periodEnd: end,
      purpose,
      status: RequestStatus.PENDING,
      decisionReason: null,
      outcomeParticipants: null,
      outcomeHours: null,
      outcomeNote: null,
      createdAt: now(),
      decidedAt: null,
      completedAt: null,
    };
    await ctx.db.transaction(async (em) => {
      await em.insert(ResourceRequest, request);
      await notify(em, resource.providerId, `收到资源申请：${resource.title}`, `有成员单位申请「${resource.title}」（${KIND_LABEL[resource.kind]}）${quantity} 个名额/单位，用途：${purpose}`, request.id);
    });
    return request;
  }

  @Mutation(() => ResourceRequest, { description: '提供单位同意申请（占用剩余容量，不能超出）' })
  approveResourceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return this.decide(ctx, id, 'providerId', RequestStatus.PENDING, RequestStatus.APPROVED, async (em, request) => {
      // Guarded in SQL, so two approvals at once cannot together exceed the capacity.
      const reserved = await em.createQueryBuilder().update(SharedResource).set({ reserved: () => `reserved + ${request.quantity}` })
        .where('id = :id AND reserved + :q <= capacity', { id: request.resourceId, q: request.quantity }).execute();
      if (reserved.affected !== 1) throw conflict('剩余容量不足，不能同意此申请 (over capacity)');
      await notify(em, request.requesterId, '资源申请已同意', `您的资源申请（${request.quantity} 个名额/单位）已获同意。`, request.id);
      return {};
    });
  }

  @Mutation(() => ResourceRequest, { description: '提供单位拒绝申请（须填写原因）' })
  rejectResourceRequest(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: ResourcesContext) {
    const text = requiredText(reason, '拒绝原因', 500);
    return this.decide(ctx, id, 'providerId', RequestStatus.PENDING, RequestStatus.REJECTED, async (em, request) => {
      await notify(em, request.requesterId, '资源申请未通过', `您的资源申请未获同意，原因：${text}`, request.id);
      return { decisionReason: text };
    });
  }

  @Mutation(() => ResourceRequest, { description: '申请单位登记完成情况' })
  completeResourceRequest(@Arg('id', () => ID) id: string, @Arg('outcome', () => OutcomeInput) outcome: OutcomeInput, @Ctx() ctx: ResourcesContext) {
    const values = {
      outcomeParticipants: wholeNumber(outcome.participants, '实际参与人数'),
      outcomeHours: outcome.hours === null || outcome.hours === undefined ? null : wholeNumber(outcome.hours, '实际课时'),
      outcomeNote: optionalText(outcome.note, '成效说明', 1000),
    };
    return this.decide(ctx, id, 'requesterId', RequestStatus.APPROVED, RequestStatus.COMPLETED, async (em, request) => {
      await notify(em, request.providerId, '资源使用已完成', `申请单位已登记完成：实际参与 ${values.outcomeParticipants} 人。`, request.id);
      return { ...values, completedAt: now() };
    });
  }

  /** Moves a request one step; only `party` may do it, and only from `from`. One transaction. */
  private async decide(
    ctx: ResourcesContext,
    id: string,
    party: Party,
    from: RequestStatus,
    to: RequestStatus,
    effect: (em: import('typeorm').EntityManager, request: ResourceRequest) => Promise<Partial<ResourceRequest>>,
  ) {
    const organizationId = ctx.viewer.requireOrganization();
    // Units of the same group are told they may not; others are not told the request exists.
    const request = await ctx.db.getRepository(ResourceRequest).findOneBy({ id });
    if (!request || !ctx.viewer.canRead(request.groupId)) throw notFound('资源申请', id);
    if (request[party] !== organizationId) throw forbidden(party === 'providerId' ? '只有资源提供单位可以审核此申请' : '只有申请单位可以登记完成情况');
    if (request.status !== from) throw badInput(`该申请当前为「${REQUEST_STATUS_LABEL[request.status]}」，只有「${REQUEST_STATUS_LABEL[from]}」的申请可以执行此操作`);
    await ctx.db.transaction(async (em) => {
      const fields = await effect(em, request);
      const changed = await em.update(ResourceRequest, { id, status: from }, { status: to, decidedAt: to === RequestStatus.COMPLETED ? request.decidedAt : now(), ...fields });
      if (changed.affected !== 1) throw conflict('该申请刚被他人处理，请刷新后重试');
    });
    return ctx.db.getRepository(ResourceRequest).findOneByOrFail({ id });
  }
}
