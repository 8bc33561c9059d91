import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { forbidden, notFound, now, recordAudit } from '@zjjt/kit';
import { MembersContext } from '../context';
import { Group } from '../group/group.entity';
import { requireGroup } from '../membership/membership.service';
import { NoticeRead } from './notice-read.entity';
import { Notice } from './notice.entity';
import { PublishNoticeInput, validNotice } from './notice.input';

@Resolver(() => Notice)
export class NoticeResolver {
  @Query(() => Notice, { nullable: true, description: '通知/文件详情' })
  notice(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleNoticeById.load(id);
  }

  @FieldResolver(() => Group, { nullable: true })
  group(@Root() notice: Notice, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleGroupById.load(notice.groupId);
  }

  @FieldResolver(() => Boolean, { description: '本单位是否已读' })
  async readByMyOrganization(@Root() notice: Notice, @Ctx() ctx: MembersContext) {
    return (await ctx.loaders.myNoticeReadByNoticeId.load(notice.id)) !== null;
  }

  @FieldResolver(() => Int, { nullable: true, description: '已读单位数（秘书处可见）' })
  readCount(@Root() notice: Notice, @Ctx() ctx: MembersContext) {
    return ctx.viewer.isSecretariatOf(notice.groupId) ? ctx.loaders.noticeReadCountByNoticeId.load(notice.id) : null;
  }

  @Mutation(() => Notice, { description: '秘书处发布通知/文件' })
  async publishNotice(@Arg('input', () => PublishNoticeInput) input: PublishNoticeInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const values = validNotice(input);
    await requireGroup(ctx.db.manager, input.groupId);
    const notice = { id: randomUUID(), ...values, publishedAt: now(), publishedBy: ctx.viewer.requireUser() };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(Notice).insert(notice);
      await recordAudit(em, ctx.viewer, { groupId: notice.groupId, operation: 'publishNotice', entity: 'Notice', id: notice.id, after: notice });
    });
    return notice;
  }

  @Mutation(() => Notice, { description: '成员单位标记已读' })
  async markNoticeRead(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    const organizationId = ctx.viewer.requireOrganization();
    const notice = await ctx.loaders.visibleNoticeById.load(id);
    if (!notice) throw notFound('通知', id);
    if (!ctx.viewer.groupIds.includes(notice.groupId)) throw forbidden(`只有通知 ${id} 所在集团的成员单位可以标记已读（not a member of the notice's group）`);
    // A read receipt is its own record (who, when) and is not repeated in the audit log.
    // Read twice (or by two users of one unit): the first read stands (INSERT OR IGNORE / INSERT IGNORE).
    await ctx.db
      .getRepository(NoticeRead)
      .createQueryBuilder()
      .insert()
      .values({ id: randomUUID(), noticeId: id, organizationId, readBy: ctx.viewer.requireUser(), readAt: now() })
      .orIgnore()
      .execute();
    ctx.loaders.myNoticeReadByNoticeId.clear(id);
    return notice;
  }
}
