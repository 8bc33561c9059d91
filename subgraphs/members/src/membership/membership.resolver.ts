import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, notBefore, optionalText, requiredText, withAudit } from '@zjjt/kit';
import { EntityManager } from 'typeorm';
import { MembersContext } from '../context';
import { canSeeMembershipDetail } from '../access';
import { MembershipAction, MembershipConsent, MembershipStatus } from '../enums';
import { CouncilTerm } from '../group/council-term.entity';
import { Group } from '../group/group.entity';
import { Organization } from '../organization/organization.entity';
import { Membership } from './membership.entity';
import { MembershipEvent } from './membership-event.entity';
import {
  ApproveMembershipInput,
  ChangeRoleInput,
  JoinApplicationInput,
  RecordExitInput,
  RecordJoinApplicationInput,
  RegisterMemberInput,
  RejectMembershipInput,
} from './membership.input';
import {
  application,
  checkCouncilTerm,
  confirm,
  enterGroup,
  organizationFor,
  registrationConsent,
  requireGroup,
  todayIfMissing,
  moveMembership,
} from './membership.service';

/** A membership write in one transaction with its audit row: the membership before (by id) and after. */
function audited(ctx: MembersContext, operation: string, id: string | null, work: (em: EntityManager) => Promise<Membership>) {
  return ctx.db.transaction(async (em) => {
    const before = id ? await em.findOneBy(Membership, { id }) : null;
    return withAudit(em, ctx.viewer, { operation, entity: 'Membership', before }, () => work(em));
  });
}

@Resolver(() => Membership)
export class MembershipResolver {
  @Query(() => Membership, { nullable: true, description: '成员资格详情' })
  membership(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleMembershipById.load(id);
  }

  @FieldResolver(() => Group, { nullable: true })
  group(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    // A unit sees the group of every membership of its own, so it knows whose record it confirms.
    if (ctx.viewer.organizationId === m.organizationId) return ctx.loaders.groupById.load(m.groupId);
    return ctx.loaders.visibleGroupById.load(m.groupId);
  }

  @FieldResolver(() => MembershipConsent, {
    nullable: true,
    description: '单位的同意方式；为空表示集团登记的已有单位尚待单位确认（confirmMembership），此前该集团看不到单位信息（秘书处与本单位可见）',
  })
  consent(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return canSeeMembershipDetail(ctx.viewer, m) ? m.consent : null;
  }

  @FieldResolver(() => Organization, { nullable: true })
  organization(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleOrganizationById.load(m.organizationId);
  }

  @FieldResolver(() => CouncilTerm, { nullable: true, description: '理事会届次' })
  councilTerm(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return m.councilTermId ? ctx.loaders.councilTermById.load(m.councilTermId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '申请说明（秘书处与本单位可见）' })
  statement(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return canSeeMembershipDetail(ctx.viewer, m) ? m.statement : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '退出原因（秘书处与本单位可见）' })
  exitReason(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return canSeeMembershipDetail(ctx.viewer, m) ? m.exitReason : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '驳回原因（秘书处与本单位可见）' })
  rejectionReason(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return canSeeMembershipDetail(ctx.viewer, m) ? m.rejectionReason : null;
  }

  @FieldResolver(() => [MembershipEvent], { description: '变更记录（秘书处与本单位可见）' })
  async history(@Root() m: Membership, @Ctx() ctx: MembersContext) {
    return canSeeMembershipDetail(ctx.viewer, m) ? ctx.loaders.eventsByMembershipId.load(m.id) : [];
  }

  @Mutation(() => Membership, { description: '秘书处登记成员单位（直接成为正式成员）' })
  registerMember(@Arg('input', () => RegisterMemberInput) input: RegisterMemberInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    return audited(ctx, 'registerMember', null, async (em) => {
      await requireGroup(em, input.groupId);
      const councilTermId = await checkCouncilTerm(em, input.groupId, input.councilTermId);
      const organization = await organizationFor(em, input.organization, ctx.viewer, input.groupId);
      const joinedOn = todayIfMissing(input.joinedOn);
      return enterGroup(em, ctx.viewer, input.groupId, organization.id, {
        action: MembershipAction.REGISTERED,
        status: MembershipStatus.ACTIVE,
        role: input.role,
        effectiveOn: joinedOn,
        fields: { joinedOn, appliedOn: joinedOn, councilTermId, consent: registrationConsent(organization, input.groupId) },
      });
    });
  }

  @Mutation(() => Membership, { description: '成员单位申请加入集团（单位取自登录身份）' })
  applyToJoin(@Arg('input', () => JoinApplicationInput) input: JoinApplicationInput, @Ctx() ctx: MembersContext) {
    const organizationId = ctx.viewer.requireOrganization();
    const statement = optionalText(input.statement, '申请说明', 1000);
    return audited(ctx, 'applyToJoin', null, async (em) => {
      await requireGroup(em, input.groupId);
      return enterGroup(em, ctx.viewer, input.groupId, organizationId, application(input.role, statement, todayIfMissing(null), MembershipConsent.APPLIED));
    });
  }

  @Mutation(() => Membership, { description: '秘书处登记收到的入会申请（待审核）' })
  recordJoinApplication(@Arg('input', () => RecordJoinApplicationInput) input: RecordJoinApplicationInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const statement = optionalText(input.statement, '申请说明', 1000);
    return audited(ctx, 'recordJoinApplication', null, async (em) => {
      await requireGroup(em, input.groupId);
      const organization = await organizationFor(em, input.organization, ctx.viewer, input.groupId);
      return enterGroup(
        em,
        ctx.viewer,
        input.groupId,
        organization.id,
        application(input.role, statement, todayIfMissing(input.appliedOn), registrationConsent(organization, input.groupId)),
      );
    });
  }

  @Mutation(() => Membership, { description: '单位确认某集团为其登记的成员资格（确认后该集团秘书处可查看本单位信息）' })
  confirmMembership(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return audited(ctx, 'confirmMembership', id, (em) => confirm(em, ctx.viewer, id));
  }

  @Mutation(() => Membership, { description: '批准入会申请（待审核 → 正式成员）' })
  approveMembership(@Arg('input', () => ApproveMembershipInput) input: ApproveMembershipInput, @Ctx() ctx: MembersContext) {
    return audited(ctx, 'approveMembership', input.membershipId, (em) =>
      moveMembership(em, ctx.viewer, input.membershipId, [MembershipStatus.PENDING], async (m) => {
        const joinedOn = todayIfMissing(input.joinedOn);
        notBefore(joinedOn, m.appliedOn, `入会日期 ${joinedOn} 不能早于申请日期 ${m.appliedOn}（joinedOn before appliedOn）：请改正入会日期`);
        const councilTermId = await checkCouncilTerm(em, m.groupId, input.councilTermId);
        return {
          action: MembershipAction.APPROVED,
          status: MembershipStatus.ACTIVE,
          role: input.role ?? m.role,
          effectiveOn: joinedOn,
          fields: { joinedOn, councilTermId },
        };
      }),
    );
  }

  @Mutation(() => Membership, { description: '驳回入会申请（须填写原因）' })
  rejectMembership(@Arg('input', () => RejectMembershipInput) input: RejectMembershipInput, @Ctx() ctx: MembersContext) {
    const reason = requiredText(input.reason, '驳回原因', 500);
    return audited(ctx, 'rejectMembership', input.membershipId, (em) =>
      moveMembership(em, ctx.viewer, input.membershipId, [MembershipStatus.PENDING], () => ({
        action: MembershipAction.REJECTED,
        status: MembershipStatus.REJECTED,
        reason,
        effectiveOn: todayIfMissing(null),
        fields: { rejectionReason: reason },
      })),
    );
  }

  @Mutation(() => Membership, { description: '登记退出（正式成员 → 已退出）' })
  recordExit(@Arg('input', () => RecordExitInput) input: RecordExitInput, @Ctx() ctx: MembersContext) {
    const reason = requiredText(input.reason, '退出原因', 500);
    return audited(ctx, 'recordExit', input.membershipId, (em) =>
      moveMembership(em, ctx.viewer, input.membershipId, [MembershipStatus.ACTIVE], (m) => {
        notBefore(input.exitedOn, m.joinedOn, `退出日期 ${input.exitedOn} 不能早于入会日期 ${m.joinedOn} (exit date before join date)`);
        return {
          action: MembershipAction.EXITED,
          status: MembershipStatus.EXITED,
          reason,
          effectiveOn: input.exitedOn,
          fields: { exitedOn: input.exitedOn, exitReason: reason },
        };
      }),
    );
  }

  @Mutation(() => Membership, { description: '变更成员角色（如当选副理事长单位）' })
  changeMembershipRole(@Arg('input', () => ChangeRoleInput) input: ChangeRoleInput, @Ctx() ctx: MembersContext) {
    const reason = optionalText(input.reason, '说明', 500);
    return audited(ctx, 'changeMembershipRole', input.membershipId, (em) =>
      moveMembership(em, ctx.viewer, input.membershipId, [MembershipStatus.ACTIVE], async (m) => {
        if (input.role === m.role && !input.councilTermId)
          throw badInput(`成员资格 ${m.id} 的新角色与当前角色相同（role unchanged）：请选择另一个角色`, { field: 'role' });
        const councilTermId = (await checkCouncilTerm(em, m.groupId, input.councilTermId)) ?? m.councilTermId;
        return {
          action: MembershipAction.ROLE_CHANGED,
          status: MembershipStatus.ACTIVE,
          role: input.role,
          reason,
          effectiveOn: todayIfMissing(input.effectiveOn),
          fields: { councilTermId },
        };
      }),
    );
  }
}
