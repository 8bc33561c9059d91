import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { badInput, notFound, now, optionalText, requiredText, transition, recordAudit } from '@zjjt/kit';
import { consented } from '../access';
import { MembersContext } from '../context';
import { ChangeSource, CorrectionStatus } from '../enums';
import { Membership } from '../membership/membership.entity';
import { Organization } from './organization.entity';
import { OrganizationCorrection } from './organization-correction.entity';
import { OrganizationCorrectionInput, OrganizationInput, patchedOrganization } from './organization.input';
import { changeMasterData, diffMasterData, fromText, MasterField } from './organization.service';

/** A unit's current data in the shape of the input it was registered with. */
const currentInput = (o: Organization): OrganizationInput => ({
  uscc: o.uscc,
  name: o.name,
  type: o.type,
  region: o.region,
  industry: o.industry,
  aboveDesignatedSize: o.aboveDesignatedSize,
  fortune500: o.fortune500,
  website: o.website,
  contactPerson: o.contactPerson,
  contactPhone: o.contactPhone,
  contactEmail: o.contactEmail,
  address: o.address,
});

/**
 * Corrections to a unit's master data that a secretariat may not make directly: the secretariat of
 * any group the unit consented to proposes, and only the unit itself accepts (the change is then
 * applied and audited) or declines.
 */
/** A correction as the audit log shows it: the fields it names, not their values (contacts are personal data). */
function correctionForAudit(c: OrganizationCorrection) {
  return { ...c, fields: c.fields.map((f) => f.field) };
}

@Resolver(() => OrganizationCorrection)
export class OrganizationCorrectionResolver {
  @Mutation(() => OrganizationCorrection, { description: '秘书处提出单位信息更正建议（单位确认后生效）' })
  async proposeOrganizationCorrection(@Arg('input', () => OrganizationCorrectionInput) input: OrganizationCorrectionInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const reason = requiredText(input.reason, '更正理由', 500);
    return ctx.db.transaction(async (em) => {
      const organization = await em.findOneBy(Organization, { id: input.organizationId });
      const membership = organization && (await em.findOneBy(Membership, { groupId: input.groupId, organizationId: organization.id }));
      // Unknown, and not a unit of this group by its consent, look the same.
      if (!organization || !membership || !consented(membership)) throw notFound('单位', input.organizationId);
      const proposed = patchedOrganization(currentInput(organization), input.changes);
      const fields = diffMasterData(organization, proposed).map((c) => ({ field: c.field, currentValue: c.oldValue, proposedValue: c.newValue }));
      if (!fields.length) throw badInput('更正建议与单位现有信息相同，无需更正 (no change)');
      const correction: OrganizationCorrection = {
        id: randomUUID(),
        organizationId: organization.id,
        groupId: input.groupId,
        fields,
        reason,
        status: CorrectionStatus.PENDING,
        proposedBy: ctx.viewer.requireUser(),
        proposedAt: now(),
        decidedBy: null,
        decidedAt: null,
        decisionReason: null,
      };
      await em.insert(OrganizationCorrection, correction);
      await recordAudit(em, ctx.viewer, {
        groupId: correction.groupId,
        operation: 'proposeOrganizationCorrection',
        entity: 'OrganizationCorrection',
        id: correction.id,
        after: correctionForAudit(correction),
      });
      return correction;
    });
  }

  @Mutation(() => OrganizationCorrection, { description: '单位接受更正建议（修改生效并记入变更记录）' })
  acceptOrganizationCorrection(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return this.decide(ctx, id, CorrectionStatus.ACCEPTED, null);
  }

  @Mutation(() => OrganizationCorrection, { description: '单位拒绝更正建议' })
  declineOrganizationCorrection(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: MembersContext,
  ) {
    return this.decide(ctx, id, CorrectionStatus.DECLINED, optionalText(reason, '拒绝理由', 500));
  }

  private async decide(ctx: MembersContext, id: string, status: CorrectionStatus, decisionReason: string | null) {
    const organizationId = ctx.viewer.requireOrganization();
    return ctx.db.transaction(async (em) => {
      const correction = await em.findOneBy(OrganizationCorrection, { id });
      if (!correction || correction.organizationId !== organizationId) throw notFound('更正建议', id);
      if (correction.status !== CorrectionStatus.PENDING)
        throw badInput(`该更正建议已${correction.status === CorrectionStatus.ACCEPTED ? '接受' : '拒绝'}，不能再次处理 (correction is ${correction.status})`);
      const decided = await transition(em.getRepository(OrganizationCorrection), id, CorrectionStatus.PENDING, status, {
        decidedBy: ctx.viewer.requireUser(),
        decidedAt: now(),
        decisionReason,
      });
      if (status === CorrectionStatus.ACCEPTED) {
        const organization = await em.findOneByOrFail(Organization, { id: organizationId });
        const patch = Object.fromEntries(correction.fields.map((f) => [f.field, fromText(f.field as MasterField, f.proposedValue)]));
        // Validated again against the unit's data as it is now, which may have changed since the proposal.
        const next = patchedOrganization(currentInput(organization), patch);
        await changeMasterData(em, organizationId, next, { viewer: ctx.viewer, via: ChangeSource.CORRECTION, groupId: correction.groupId, correctionId: id });
      }
      await recordAudit(em, ctx.viewer, {
        groupId: correction.groupId,
        operation: status === CorrectionStatus.ACCEPTED ? 'acceptOrganizationCorrection' : 'declineOrganizationCorrection',
        entity: 'OrganizationCorrection',
        id,
        before: correctionForAudit(correction),
        after: correctionForAudit(decided),
      });
      return decided;
    });
  }
}
