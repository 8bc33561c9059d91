import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { Connection, newestFirstPage, notFound, optionalText, recordAudit } from '@zjjt/kit';
import { MembersContext } from '../context';
import { BulletinKind, BulletinStatus, JoinInquiryStatus, OrganizationType } from '../enums';
import { Group } from '../group/group.entity';
import { Bulletin } from './bulletin.entity';
import { JoinInquiry } from './join-inquiry.entity';

export const BulletinConnection = Connection(Bulletin, 'Bulletin');
export const JoinInquiryConnection = Connection(JoinInquiry, 'JoinInquiry');

@ObjectType({ description: '按单位类型统计的成员数（正式成员，门户公开）' })
export class MemberTypeCount {
  @Field(() => OrganizationType)
  type!: OrganizationType;

  @Field(() => Int)
  count!: number;
}

/** The portal (门户网站) of a group: what anyone who may see the group reads, and what its secretariat manages. */
@Resolver(() => Group)
export class GroupPortalResolver {
  @FieldResolver(() => String, { nullable: true, description: '入会须知（秘书处设置，门户公开）' })
  joinInstructions(@Root() group: Group) {
    return group.joinInstructions;
  }

  @FieldResolver(() => [MemberTypeCount], { description: '正式成员按单位类型计数（门户公开，与成员列表所示一致）' })
  memberCounts(@Root() group: Group, @Ctx() ctx: MembersContext): Promise<MemberTypeCount[]> {
    return ctx.loaders.memberCountsByGroupId.load(group.id);
  }

  @FieldResolver(() => BulletinConnection, {
    description: '门户内容：访客与成员只见已发布的（按发布时间新的在前）；本集团秘书处可按状态查看草稿与已撤回的（按修改时间新的在前）',
  })
  bulletins(
    @Root() group: Group,
    @Arg('kind', () => BulletinKind, { nullable: true }) kind: BulletinKind | null,
    @Arg('status', () => BulletinStatus, { nullable: true, description: '只对本集团秘书处有效；其他人总是只见已发布的' }) status: BulletinStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: MembersContext,
  ) {
    const query = ctx.db.getRepository(Bulletin).createQueryBuilder('b').where('b.groupId = :groupId', { groupId: group.id });
    if (kind) query.andWhere('b.kind = :kind', { kind });
    const secretariat = ctx.viewer.isSecretariatOf(group.id);
    if (!secretariat || status === BulletinStatus.PUBLISHED) {
      query.andWhere('b.status = :published', { published: BulletinStatus.PUBLISHED });
      return newestFirstPage(query, 'publishedAt', first, after);
    }
    if (status) query.andWhere('b.status = :status', { status });
    return newestFirstPage(query, 'changedAt', first, after);
  }

  @FieldResolver(() => JoinInquiryConnection, { nullable: true, description: '门户收到的入会咨询（仅本集团秘书处），新的在前' })
  joinInquiries(
    @Root() group: Group,
    @Arg('status', () => JoinInquiryStatus, { nullable: true }) status: JoinInquiryStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: MembersContext,
  ) {
    if (!ctx.viewer.isSecretariatOf(group.id)) return null;
    const query = ctx.db.getRepository(JoinInquiry).createQueryBuilder('i').where('i.groupId = :groupId', { groupId: group.id });
    if (status) query.andWhere('i.status = :status', { status });
    return newestFirstPage(query, 'receivedAt', first, after);
  }

  @Mutation(() => Group, { description: '秘书处设置门户上的入会须知（null 清除）' })
  async setJoinInstructions(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('text', () => String, { nullable: true }) text: string | null,
    @Ctx() ctx: MembersContext,
  ) {
    ctx.viewer.requireSecretariatOf(groupId);
    const current = await ctx.db.getRepository(Group).findOneBy({ id: groupId });
    if (!current) throw notFound('集团', groupId);
    const joinInstructions = optionalText(text, '入会须知', 5000);
    return ctx.db.transaction(async (em) => {
      await em.getRepository(Group).update({ id: groupId }, { joinInstructions });
      await recordAudit(em, ctx.viewer, {
        groupId,
        operation: 'setJoinInstructions',
        entity: 'Group',
        id: groupId,
        before: { joinInstructions: current.joinInstructions },
        after: { joinInstructions },
      });
      return em.getRepository(Group).findOneByOrFail({ id: groupId });
    });
  }
}
