import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { LocalDate } from '@zjjt/kit';
import { StatisticsContext } from '../context';
import { CollectionRound } from '../collection/collection.entity';
import { OrganizationCategory } from '../collection/completeness';
import { Organization, organizationRef } from '../stubs';
import { GroupNotice, GroupNoticeKind, GroupNoticeRecipient } from './group-notice.entity';
import { SendGroupNoticeInput } from './group-notice.input';
import * as notices from './group-notice.service';

@ObjectType({ description: '通知的接收单位及阅读回执' })
class GroupNoticeReceipt {
  @Field(() => Organization) organization!: Organization;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: '阅读时间（未读为空）' }) readAt!: string | null;
  @Field(() => String, { nullable: true, description: '阅读人（用户）' }) readBy!: string | null;
}

@ObjectType({ description: '催报结果' })
class ReminderResult {
  @Field(() => GroupNotice, { nullable: true, description: '发出的催报通知（没有需要催报的单位时为空）' }) notice!: GroupNotice | null;
  @Field(() => [Organization], { description: '本次催报的单位（尚未提交年报）' }) reminded!: Organization[];
  @Field(() => [Organization], { description: '因最近已催报而跳过的单位' }) skipped!: Organization[];
  @Field(() => Int, { description: '同一单位两次催报的最短间隔（小时，REMINDER_INTERVAL_HOURS）' }) intervalHours!: number;
}

const receipt = (r: GroupNoticeRecipient): GroupNoticeReceipt => ({ organization: organizationRef(r.organizationId), readAt: r.readAt, readBy: r.readBy });

@Resolver(() => GroupNotice)
export class GroupNoticeResolver {
  @FieldResolver(() => [OrganizationCategory], { nullable: true, description: '按单位类别发送时的类别' })
  unitCategories(@Root() n: GroupNotice) {
    return n.unitCategories ? n.unitCategories.split(',') : null;
  }

  @FieldResolver(() => CollectionRound, { nullable: true, description: '催报所属的数据采集' })
  round(@Root() n: GroupNotice, @Ctx() ctx: StatisticsContext) {
    return n.roundId ? ctx.loaders.roundById.load(n.roundId) : null;
  }

  @FieldResolver(() => GraphQLDateTimeISO, { nullable: true, description: '本单位的阅读时间（未读或不是接收单位时为空）' })
  async readAt(@Root() n: notices.GroupNoticeView, @Ctx() ctx: StatisticsContext) {
    return (await notices.receiptOf(ctx, n))?.readAt ?? null;
  }

  @FieldResolver(() => [GroupNoticeReceipt], { nullable: true, description: '接收单位及阅读回执（仅本集团秘书处）' })
  async recipients(@Root() n: GroupNotice, @Ctx() ctx: StatisticsContext) {
    return (await notices.receiptsOf(ctx, n))?.map(receipt) ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: '接收单位数（仅本集团秘书处）' })
  async recipientCount(@Root() n: GroupNotice, @Ctx() ctx: StatisticsContext) {
    return (await notices.receiptsOf(ctx, n))?.length ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: '已读单位数（仅本集团秘书处）' })
  async readCount(@Root() n: GroupNotice, @Ctx() ctx: StatisticsContext) {
    return (await notices.receiptsOf(ctx, n))?.filter((r) => r.readAt).length ?? null;
  }

  @Query(() => [GroupNotice], { description: `秘书处已发送的通知（含催报），最新在前，最多 ${notices.NOTICE_LIST_LIMIT} 条` })
  sentGroupNotices(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('kind', () => GroupNoticeKind, { nullable: true }) kind: GroupNoticeKind | null,
    @Ctx() ctx: StatisticsContext,
  ) {
    return notices.sentGroupNotices(ctx, groupId, kind ?? null);
  }

  @Query(() => [GroupNotice], { description: `本单位收到的通知（单位取自登录身份）：未读在前，再按时间从新到旧，最多 ${notices.NOTICE_LIST_LIMIT} 条` })
  myGroupNotices(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly: boolean | null,
    @Ctx() ctx: StatisticsContext,
  ) {
    return notices.myGroupNotices(ctx, groupId, unreadOnly ?? false);
  }

  @Query(() => GroupNotice, { nullable: true, description: '一条通知：本集团秘书处或接收单位可见' })
  groupNotice(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    return notices.noticeById(ctx, id);
  }

  @Mutation(() => GroupNotice, { description: '秘书处发送通知：全体正式成员、按单位类别或指定成员单位（接收单位在发送时确定）' })
  sendGroupNotice(@Arg('input', () => SendGroupNoticeInput) input: SendGroupNoticeInput, @Ctx() ctx: StatisticsContext) {
    return notices.sendGroupNotice(ctx, input);
  }

  @Mutation(() => GroupNotice, { description: '接收单位标记通知已读（记录阅读人和时间；重复标记保留首次）' })
  markGroupNoticeRead(@Arg('id', () => ID) id: string, @Ctx() ctx: StatisticsContext) {
    return notices.markRead(ctx, id);
  }
}

@Resolver(() => CollectionRound)
export class RoundReminderResolver {
  @FieldResolver(() => [Organization], { nullable: true, description: '逾期未提交年报的单位（过了截止日期仍为草稿或被退回；秘书处）' })
  async overdue(@Root() round: CollectionRound, @Ctx() ctx: StatisticsContext) {
    return (await notices.overdueOf(ctx, round))?.map(organizationRef) ?? null;
  }

  @Mutation(() => CollectionRound, { description: '秘书处设置或修改采集的截止日期' })
  setRoundDueDate(@Arg('id', () => ID) id: string, @Arg('dueOn', () => LocalDate) dueOn: string, @Ctx() ctx: StatisticsContext) {
    return notices.setDueDate(ctx, id, dueOn);
  }

  @Mutation(() => ReminderResult, { description: '秘书处催报：向本轮尚未提交年报的单位发送通知（同一单位在限频间隔内只催一次）' })
  async sendReminder(@Arg('roundId', () => ID) roundId: string, @Ctx() ctx: StatisticsContext): Promise<ReminderResult> {
    const outcome = await notices.sendReminder(ctx, roundId);
    return { ...outcome, reminded: outcome.reminded.map(organizationRef), skipped: outcome.skipped.map(organizationRef) };
  }
}
