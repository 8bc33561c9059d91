import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { IsNull } from 'typeorm';
import { Connection, newestFirstPage, notFound, now } from '@zjjt/kit';
import { ResourcesContext } from '../context';
import { Message } from './message.entity';

export const MessageConnection = Connection(Message, 'Message');

@ArgsType()
class MessageListArgs {
  @Field(() => Boolean, { defaultValue: false, description: '只看未读' }) unreadOnly!: boolean;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@Resolver(() => Message)
export class MessageResolver {
  @Query(() => MessageConnection, { description: '本单位的资源共享消息（消息管理），新的在前' })
  myMessages(@Args(() => MessageListArgs) args: MessageListArgs, @Ctx() ctx: ResourcesContext) {
    const recipientId = ctx.viewer.requireOrganization();
    const query = ctx.db.getRepository(Message).createQueryBuilder('m').where('m.recipientId = :recipientId', { recipientId });
    if (args.unreadOnly) query.andWhere('m.readAt IS NULL');
    return newestFirstPage(query, 'createdAt', args.first, args.after);
  }

  @Mutation(() => Message, { description: '标记消息已读' })
  async markMessageRead(@Arg('id', () => ID) id: string, @Ctx() ctx: ResourcesContext) {
    const recipientId = ctx.viewer.requireOrganization();
    const repo = ctx.db.getRepository(Message);
    const message = await repo.findOneBy({ id, recipientId });
    if (!message) throw notFound('消息', id);
    await repo.update({ id, readAt: IsNull() }, { readAt: now() });
    return repo.findOneByOrFail({ id });
  }
}
