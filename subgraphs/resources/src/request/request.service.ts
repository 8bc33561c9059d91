import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { badInput, conflict, forbidden, newestFirstPage, notFound, now, optionalText, recordAudit, requiredText, transition, wholeNumber } from '@zjjt/kit';
import { ResourcesContext } from '../context';
import { KIND_LABEL, REQUEST_STATUS_LABEL, RequestDirection, RequestStatus, ResourceStatus } from '../enums';
import { notify } from '../message/message.service';
import { SharedResource } from '../resource/resource.entity';
import { period } from '../validate';
import { ResourceRequest } from './request.entity';
import { OutcomeInput, RequestInput, RequestListArgs } from './request.input';

type Party = 'providerId' | 'requesterId';

/** The requests the acting unit received (as provider) or sent, newest first. */
export function myRequests(ctx: ResourcesContext, args: RequestListArgs) {
  const organizationId = ctx.viewer.requireOrganization();
  const party: Party = args.direction === RequestDirection.INCOMING ? 'providerId' : 'requesterId';
  const query = ctx.db.getRepository(ResourceRequest).createQueryBuilder('q').where(`q.${party} = :org`, { org: organizationId });
  if (args.statuses?.length) query.andWhere('q.status IN (:...statuses)', { statuses: args.statuses });
  return newestFirstPage(query, 'createdAt', args.first, args.after);
}

/**
 * A unit asks for part of another unit's published resource, within its period and its remaining
 * capacity; the provider is told. The requester comes from the login, never from input.
 */
export async function requestResource(ctx: ResourcesContext, input: RequestInput): Promise<ResourceRequest> {
  const requesterId = ctx.viewer.requireOrganization();
  const quantity = wholeNumber(input.quantity, '申请数量', 1);
  const purpose = requiredText(input.purpose, '用途', 1000);
  const { start, end } = period(input.periodStart, input.periodEnd);
  const resource = await ctx.loaders.visibleResourceById.load(input.resourceId);
  if (!resource || resource.status !== ResourceStatus.PUBLISHED) throw notFound('共享资源', input.resourceId);
  if (!ctx.viewer.groupIds.includes(resource.groupId))
    throw forbidden(`只有资源 ${input.resourceId} 所在集团的成员单位可以申请（not a member of the resource's group）`);
  if (resource.providerId === requesterId)
    throw badInput(`资源 ${input.resourceId} 是本单位发布的，不能申请（own resource）：请选择其他单位的资源`, { field: 'resourceId' });
  if (start < resource.periodStart || end > resource.periodEnd)
    throw badInput(`申请期间须在资源开放期间 ${resource.periodStart} 至 ${resource.periodEnd} 之内（period outside the resource's）：请改正申请的起止日期`);
  if (quantity > resource.capacity - resource.reserved)
    throw conflict(`申请数量 ${quantity} 超过资源 ${input.resourceId} 的剩余容量 ${resource.capacity - resource.reserved}（over capacity）：请减少申请数量`);
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
    await notify(
      em,
      resource.providerId,
      `收到资源申请：${resource.title}`,
      `有成员单位申请「${resource.title}」（${KIND_LABEL[resource.kind]}）${quantity} 个名额/单位，用途：${purpose}`,
      request.id,
    );
    await recordAudit(em, ctx.viewer, { groupId: request.groupId, operation: 'requestResource', entity: 'ResourceRequest', id: request.id, after: request });
  });
  return request;
}

/** The provider approves: the quantity is reserved from the resource's capacity, never beyond it. */
export function approve(ctx: ResourcesContext, id: string) {
  return decide(ctx, 'approveResourceRequest', id, 'providerId', RequestStatus.PENDING, RequestStatus.APPROVED, async (em, request) => {
    // Guarded in SQL, so two approvals at once cannot together exceed the capacity.
    const reserved = await em
      .createQueryBuilder()
      .update(SharedResource)
      .set({ reserved: () => `reserved + ${request.quantity}` })
      .where('id = :id AND reserved + :q <= capacity', { id: request.resourceId, q: request.quantity })
      .execute();
    if (reserved.affected !== 1) throw conflict('剩余容量不足，不能同意此申请 (over capacity)');
    await notify(em, request.requesterId, '资源申请已同意', `您的资源申请（${request.quantity} 个名额/单位）已获同意。`, request.id);
    return {};
  });
}

/** The provider rejects, with a reason the requester is told. */
export function reject(ctx: ResourcesContext, id: string, reason: string) {
  const text = requiredText(reason, '拒绝原因', 500);
  return decide(ctx, 'rejectResourceRequest', id, 'providerId', RequestStatus.PENDING, RequestStatus.REJECTED, async (em, request) => {
    await notify(em, request.requesterId, '资源申请未通过', `您的资源申请未获同意，原因：${text}`, request.id);
    return { decisionReason: text };
  });
}

/** The requester records how an approved request went; the provider is told. */
export function complete(ctx: ResourcesContext, id: string, outcome: OutcomeInput) {
  const values = {
    outcomeParticipants: wholeNumber(outcome.participants, '实际参与人数'),
    outcomeHours: outcome.hours === null || outcome.hours === undefined ? null : wholeNumber(outcome.hours, '实际课时'),
    outcomeNote: optionalText(outcome.note, '成效说明', 1000),
  };
  return decide(ctx, 'completeResourceRequest', id, 'requesterId', RequestStatus.APPROVED, RequestStatus.COMPLETED, async (em, request) => {
    await notify(em, request.providerId, '资源使用已完成', `申请单位已登记完成：实际参与 ${values.outcomeParticipants} 人。`, request.id);
    return { ...values, completedAt: now() };
  });
}

/** Moves a request one step; only `party` may do it, and only from `from`. One transaction. */
async function decide(
  ctx: ResourcesContext,
  operation: string,
  id: string,
  party: Party,
  from: RequestStatus,
  to: RequestStatus,
  effect: (em: EntityManager, request: ResourceRequest) => Promise<Partial<ResourceRequest>>,
): Promise<ResourceRequest> {
  const organizationId = ctx.viewer.requireOrganization();
  // Units of the same group are told they may not; others are not told the request exists.
  const request = await ctx.db.getRepository(ResourceRequest).findOneBy({ id });
  if (!request || !ctx.viewer.canRead(request.groupId)) throw notFound('资源申请', id);
  if (request[party] !== organizationId)
    throw forbidden(
      party === 'providerId' ? `只有资源提供单位可以审核申请 ${id}（provider only）` : `只有申请单位可以登记申请 ${id} 的完成情况（requester only）`,
    );
  if (request.status !== from)
    throw badInput(
      `申请 ${id} 当前为「${REQUEST_STATUS_LABEL[request.status]}」，只有「${REQUEST_STATUS_LABEL[from]}」的申请可以执行此操作（request is ${request.status}）：请刷新后查看其状态`,
    );
  return ctx.db.transaction(async (em) => {
    const fields = await effect(em, request);
    const after = await transition(em.getRepository(ResourceRequest), id, from, to, {
      decidedAt: to === RequestStatus.COMPLETED ? request.decidedAt : now(),
      ...fields,
    });
    await recordAudit(em, ctx.viewer, { groupId: request.groupId, operation, entity: 'ResourceRequest', id, before: request, after });
    return after;
  });
}
