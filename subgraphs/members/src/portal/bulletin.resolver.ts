import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { audited, AuditSpec, badInput, notFound, now, transition, Viewer } from '@zjjt/kit';
import { canSeeGroup } from '../access';
import { MembersContext } from '../context';
import { BulletinStatus } from '../enums';
import { Group } from '../group/group.entity';
import { requireGroup } from '../membership/membership.service';
import { Bulletin } from './bulletin.entity';
import { BulletinInput, CreateBulletinInput, validBulletin } from './bulletin.input';

/** Published items: anyone who may see the group (anonymous visitors too); drafts and withdrawn items: its secretariat only. */
export function canSeeBulletin(viewer: Viewer, b: Bulletin): boolean {
  if (b.status === BulletinStatus.PUBLISHED) return canSeeGroup(viewer, b.groupId);
  return viewer.isSecretariatOf(b.groupId);
}

/**
 * The bulletin the secretariat of its group may change; anyone else gets NOT_FOUND for what they
 * cannot see (a draft's existence is not revealed) and FORBIDDEN for a published item they can.
 */
async function ownBulletin(ctx: MembersContext, id: string): Promise<Bulletin> {
  const bulletin = await ctx.db.getRepository(Bulletin).findOneBy({ id });
  if (!bulletin || !canSeeBulletin(ctx.viewer, bulletin)) throw notFound('门户内容', id);
  ctx.viewer.requireSecretariatOf(bulletin.groupId);
  return bulletin;
}

/** What the audit log records of a write to a bulletin: its fields, without the bookkeeping of who changed it last (the entry says who). */
function bulletinAudit(operation: string, before: Bulletin | null): AuditSpec<Bulletin> {
  return { operation, entity: 'Bulletin', before, view: ({ changedAt: _a, changedBy: _b, ...fields }) => fields };
}

@Resolver(() => Bulletin)
export class BulletinResolver {
  @Query(() => Bulletin, { nullable: true, description: '门户内容详情（草稿只有本集团秘书处可见）' })
  async bulletin(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    const bulletin = await ctx.db.getRepository(Bulletin).findOneBy({ id });
    return bulletin && canSeeBulletin(ctx.viewer, bulletin) ? bulletin : null;
  }

  @FieldResolver(() => Group, { nullable: true })
  group(@Root() b: Bulletin, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleGroupById.load(b.groupId);
  }

  @Mutation(() => Bulletin, { description: '秘书处新建门户内容（草稿，发布前只有秘书处可见）' })
  async createBulletin(@Arg('input', () => CreateBulletinInput) input: CreateBulletinInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const values = validBulletin(input);
    await requireGroup(ctx.db.manager, input.groupId);
    const user = ctx.viewer.requireUser();
    const at = now();
    const bulletin: Bulletin = {
      id: randomUUID(),
      groupId: input.groupId,
      ...values,
      status: BulletinStatus.DRAFT,
      publishedAt: null,
      createdBy: user,
      changedAt: at,
      changedBy: user,
    };
    return audited(ctx.db, ctx.viewer, bulletinAudit('createBulletin', null), async (em) => {
      await em.getRepository(Bulletin).insert(bulletin);
      return bulletin;
    });
  }

  @Mutation(() => Bulletin, { description: '秘书处修改门户内容（草稿或已发布的均可修改）' })
  async updateBulletin(@Arg('id', () => ID) id: string, @Arg('input', () => BulletinInput) input: BulletinInput, @Ctx() ctx: MembersContext) {
    const current = await ownBulletin(ctx, id);
    const values = validBulletin(input);
    const user = ctx.viewer.requireUser();
    return audited(ctx.db, ctx.viewer, bulletinAudit('updateBulletin', current), async (em) => {
      await em.getRepository(Bulletin).update({ id: current.id }, { ...values, changedAt: now(), changedBy: user });
      return em.getRepository(Bulletin).findOneByOrFail({ id });
    });
  }

  @Mutation(() => Bulletin, { description: '发布到门户（草稿或已撤回 → 已发布）；publishedAt 可补填过去的发布时间，默认现在' })
  async publishBulletin(
    @Arg('id', () => ID) id: string,
    @Arg('publishedAt', () => GraphQLDateTimeISO, { nullable: true }) publishedAt: Date | null,
    @Ctx() ctx: MembersContext,
  ) {
    const current = await ownBulletin(ctx, id);
    const at = now();
    const when = publishedAt ? publishedAt.toISOString() : (current.publishedAt ?? at);
    if (when > at) throw badInput(`发布时间 ${when} 晚于现在：请留空（立即发布）或填写过去的时间 (publishedAt in the future)`);
    const user = ctx.viewer.requireUser();
    return audited(ctx.db, ctx.viewer, bulletinAudit('publishBulletin', current), (em) =>
      transition(em.getRepository(Bulletin), id, [BulletinStatus.DRAFT, BulletinStatus.UNPUBLISHED], BulletinStatus.PUBLISHED, {
        publishedAt: when,
        changedAt: at,
        changedBy: user,
      }),
    );
  }

  @Mutation(() => Bulletin, { description: '从门户撤回（已发布 → 已撤回，匿名访客不再可见）' })
  async unpublishBulletin(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    const current = await ownBulletin(ctx, id);
    const user = ctx.viewer.requireUser();
    return audited(ctx.db, ctx.viewer, bulletinAudit('unpublishBulletin', current), (em) =>
      transition(em.getRepository(Bulletin), current.id, BulletinStatus.PUBLISHED, BulletinStatus.UNPUBLISHED, {
        changedAt: now(),
        changedBy: user,
      }),
    );
  }
}
