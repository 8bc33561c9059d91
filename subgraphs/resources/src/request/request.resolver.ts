import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '@zjjt/kit';
import { ResourcesContext } from '../context';
import { SharedResource } from '../resource/resource.entity';
import { Organization, organizationRef } from '../stubs';
import { ResourceRequest } from './request.entity';
import { OutcomeInput, RequestInput, RequestListArgs } from './request.input';
import * as requests from './request.service';

export const ResourceRequestConnection = Connection(ResourceRequest, 'ResourceRequest');

@Resolver(() => ResourceRequest)
export class RequestResolver {
  @Query(() => ResourceRequest, { nullable: true, description: '资源申请详情' })
  resourceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.visibleRequestById.load(id);
  }

  @Query(() => ResourceRequestConnection, { description: '本单位收到或发出的资源申请，新的在前' })
  myResourceRequests(@Args(() => RequestListArgs) args: RequestListArgs, @Ctx() ctx: ResourcesContext) {
    return requests.myRequests(ctx, args);
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
  requestResource(@Arg('input', () => RequestInput) input: RequestInput, @Ctx() ctx: ResourcesContext) {
    return requests.requestResource(ctx, input);
  }

  @Mutation(() => ResourceRequest, { description: '提供单位同意申请（占用剩余容量，不能超出）' })
  approveResourceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    return requests.approve(ctx, id);
  }

  @Mutation(() => ResourceRequest, { description: '提供单位拒绝申请（须填写原因）' })
  rejectResourceRequest(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: ResourcesContext) {
    return requests.reject(ctx, id, reason);
  }

  @Mutation(() => ResourceRequest, { description: '申请单位登记完成情况' })
  completeResourceRequest(@Arg('id', () => ID) id: string, @Arg('outcome', () => OutcomeInput) outcome: OutcomeInput, @Ctx() ctx: ResourcesContext) {
    return requests.complete(ctx, id, outcome);
  }
}
