import { randomUUID } from 'node:crypto';
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { MoreThanOrEqual } from 'typeorm';
import { audited, AuditSpec, notFound, now, rateLimited, recordAudit, requiredText, today, transition } from '@zjjt/kit';
import { MembersContext } from '../context';
import { JoinInquiryStatus } from '../enums';
import { Membership } from '../membership/membership.entity';
import { application, enterGroup, organizationFor, registrationConsent, requireGroup } from '../membership/membership.service';
import { JoinInquiry, JoinInquiryReceipt } from './join-inquiry.entity';
import { ConvertJoinInquiryInput, inquiryLimits, JoinInquiryInput, validInquiry } from './join-inquiry.input';
import { sealer } from './sealer';

const RECEIVED = '咨询已收到，集团秘书处将通过您留下的联系方式与您联系。(inquiry received)';

/** The inquiry, for the secretariat of its group; anyone else gets NOT_FOUND (inquiries are not public). */
async function inquiryOfSecretariat(ctx: MembersContext, id: string, repository = ctx.db.getRepository(JoinInquiry)): Promise<JoinInquiry> {
  ctx.viewer.requireRole('SECRETARIAT');
  const inquiry = await repository.findOneBy({ id });
  if (!inquiry || !ctx.viewer.isSecretariatOf(inquiry.groupId)) throw notFound('入会咨询', id);
  return inquiry;
}

/**
 * An inquiry as the audit log shows it: its state and outcome, never the contact person, phone, e-mail
 * or message (sealed in the row, personal data of someone who is not a user of the hub).
 */
const inquiryView = (i: JoinInquiry) => ({ status: i.status, membershipId: i.membershipId, declineReason: i.declineReason });
const inquiryAudit = (operation: string, before: JoinInquiry): AuditSpec<JoinInquiry> => ({ operation, entity: 'JoinInquiry', before, view: inquiryView });

const open = (sealed: string | null) => (sealed === null ? null : sealer().open(sealed));

@Resolver(() => JoinInquiry)
export class JoinInquiryResolver {
  // Only the group's secretariat ever receives a JoinInquiry (Group.joinInquiries, the mutations below), so the fields open without another check.
  @FieldResolver(() => String, { description: '联系人' })
  contactName(@Root() i: JoinInquiry) {
    return open(i.contactNameSealed);
  }

  @FieldResolver(() => String, { description: '联系电话' })
  contactPhone(@Root() i: JoinInquiry) {
    return open(i.contactPhoneSealed);
  }

  @FieldResolver(() => String, { nullable: true, description: '电子邮箱' })
  contactEmail(@Root() i: JoinInquiry) {
    return open(i.contactEmailSealed);
  }

  @FieldResolver(() => String, { nullable: true, description: '留言' })
  message(@Root() i: JoinInquiry) {
    return open(i.messageSealed);
  }

  @FieldResolver(() => Membership, { nullable: true, description: '转成的入会申请' })
  membership(@Root() i: JoinInquiry, @Ctx() ctx: MembersContext) {
    return i.membershipId ? ctx.loaders.visibleMembershipById.load(i.membershipId) : null;
  }

  @Mutation(() => JoinInquiryReceipt, {
    description: '门户入会咨询（无需登录；按来源地址和集团限流）。无论该单位是否已在平台上，答复都相同',
  })
  async sendJoinInquiry(@Arg('input', () => JoinInquiryInput) input: JoinInquiryInput, @Ctx() ctx: MembersContext): Promise<JoinInquiryReceipt> {
    const values = validInquiry(input);
    await requireGroup(ctx.db.manager, input.groupId);
    const seal = sealer();
    const clientKey = seal.hash(`join-inquiry:${ctx.clientAddress ?? 'unknown'}`);
    const limits = inquiryLimits();
    const since = now(-limits.windowMinutes * 60_000);
    const repository = ctx.db.getRepository(JoinInquiry);
    // Counted in the database, so every replica of members shares the limit; two inquiries at the very same moment may both pass.
    const [fromClient, forGroup] = await Promise.all([
      repository.countBy({ clientKey, receivedAt: MoreThanOrEqual(since) }),
      repository.countBy({ groupId: input.groupId, receivedAt: MoreThanOrEqual(since) }),
    ]);
    if (fromClient >= limits.perAddress || forGroup >= limits.perGroup) {
      throw rateLimited(
        `咨询提交过于频繁：每 ${limits.windowMinutes} 分钟每个来源最多 ${limits.perAddress} 条、每个集团最多 ${limits.perGroup} 条，请稍后再试或直接联系集团秘书处 (rate limited)`,
      );
    }
    const inquiry: JoinInquiry = {
      id: randomUUID(),
      groupId: input.groupId,
      unitName: values.unitName,
      uscc: values.uscc,
      contactNameSealed: seal.seal(values.contactName),
      contactPhoneSealed: seal.seal(values.contactPhone),
      contactEmailSealed: values.contactEmail === null ? null : seal.seal(values.contactEmail),
      messageSealed: values.message === null ? null : seal.seal(values.message),
      clientKey,
      status: JoinInquiryStatus.NEW,
      receivedAt: now(),
      decidedBy: null,
      decidedAt: null,
      declineReason: null,
      membershipId: null,
    };
    // Recorded in the group's trail as a write by an anonymous caller (user `anonymous`, no unit, no roles): the group and the
    // inquiry's id and state, nothing of what the visitor typed.
    await ctx.db.transaction(async (em) => {
      await em.getRepository(JoinInquiry).insert(inquiry);
      await recordAudit(em, ctx.viewer, {
        groupId: inquiry.groupId,
        operation: 'sendJoinInquiry',
        entity: 'JoinInquiry',
        id: inquiry.id,
        after: inquiryView(inquiry),
      });
    });
    return { received: true, message: RECEIVED };
  }

  @Mutation(() => Membership, {
    description: '秘书处把入会咨询转为入会申请（待审核），与 recordJoinApplication 相同：已在平台上的单位须经单位确认后本集团才能查看',
  })
  convertJoinInquiry(@Arg('input', () => ConvertJoinInquiryInput) input: ConvertJoinInquiryInput, @Ctx() ctx: MembersContext) {
    return ctx.db.transaction(async (em) => {
      const repository = em.getRepository(JoinInquiry);
      const inquiry = await inquiryOfSecretariat(ctx, input.inquiryId, repository);
      await requireGroup(em, inquiry.groupId);
      const organization = await organizationFor(
        em,
        {
          uscc: inquiry.uscc,
          name: inquiry.unitName,
          type: input.type,
          region: input.region,
          industry: input.industry,
          aboveDesignatedSize: input.aboveDesignatedSize,
          fortune500: input.fortune500,
          contactPerson: open(inquiry.contactNameSealed),
          contactPhone: open(inquiry.contactPhoneSealed),
          contactEmail: open(inquiry.contactEmailSealed),
        },
        ctx.viewer,
        inquiry.groupId,
      );
      const statement = open(inquiry.messageSealed)?.slice(0, 1000) ?? null;
      const membership = await enterGroup(
        em,
        ctx.viewer,
        inquiry.groupId,
        organization.id,
        application(input.role, statement, today(), registrationConsent(organization, inquiry.groupId)),
      );
      const converted = await transition(repository, inquiry.id, JoinInquiryStatus.NEW, JoinInquiryStatus.CONVERTED, {
        membershipId: membership.id,
        decidedBy: ctx.viewer.requireUser(),
        decidedAt: now(),
      });
      await recordAudit(em, ctx.viewer, {
        groupId: inquiry.groupId,
        operation: 'convertJoinInquiry',
        entity: 'JoinInquiry',
        id: inquiry.id,
        before: inquiryView(inquiry),
        after: inquiryView(converted),
      });
      return membership;
    });
  }

  @Mutation(() => JoinInquiry, { description: '秘书处婉拒入会咨询（须填写原因）' })
  async declineJoinInquiry(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: MembersContext) {
    const text = requiredText(reason, '婉拒原因', 500);
    const inquiry = await inquiryOfSecretariat(ctx, id);
    const user = ctx.viewer.requireUser();
    return audited(ctx.db, ctx.viewer, inquiryAudit('declineJoinInquiry', inquiry), (em) =>
      transition(em.getRepository(JoinInquiry), inquiry.id, JoinInquiryStatus.NEW, JoinInquiryStatus.DECLINED, {
        declineReason: text,
        decidedBy: user,
        decidedAt: now(),
      }),
    );
  }
}
