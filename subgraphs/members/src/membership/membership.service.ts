import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { badInput, conflict, notFound, now, today, transition, Viewer } from '@zjjt/kit';
import { MembershipAction, MembershipConsent, MembershipRole, MembershipStatus, ROLE_RANK, STATUS_LABEL } from '../enums';
import { Group } from '../group/group.entity';
import { CouncilTerm } from '../group/council-term.entity';
import { Organization } from '../organization/organization.entity';
import { OrganizationInput, validOrganization } from '../organization/organization.input';
import { Membership } from './membership.entity';
import { MembershipEvent } from './membership-event.entity';

export interface Change {
  action: MembershipAction;
  status: MembershipStatus;
  role?: MembershipRole;
  reason?: string | null;
  effectiveOn?: string | null;
  fields?: Partial<Membership>;
}

/** Appends the history row for a change; every write to a membership goes through here. */
async function recordEvent(
  em: EntityManager,
  membershipId: string,
  before: { status: MembershipStatus | null; role: MembershipRole | null },
  after: Membership,
  change: Change,
  viewer: Viewer,
) {
  await em.insert(MembershipEvent, {
    id: randomUUID(),
    membershipId,
    action: change.action,
    fromStatus: before.status,
    toStatus: after.status,
    fromRole: before.role,
    toRole: after.role,
    reason: change.reason ?? null,
    effectiveOn: change.effectiveOn ?? null,
    actorUserId: viewer.userId ?? 'system',
    at: now(),
  });
}

export async function requireGroup(em: EntityManager, groupId: string): Promise<Group> {
  const group = await em.findOneBy(Group, { id: groupId });
  if (!group) throw notFound('集团', groupId);
  return group;
}

/** A council term id given in input must be one of this group's terms. */
export async function checkCouncilTerm(em: EntityManager, groupId: string, termId: string | null | undefined): Promise<string | null> {
  if (!termId) return null;
  const term = await em.findOneBy(CouncilTerm, { id: termId, groupId });
  if (!term) throw badInput(`理事会届次 ${termId} 不属于本集团 (unknown council term)`);
  return term.id;
}

/**
 * The organization with this USCC, created from the input (and recorded as registered by
 * `groupId`) when the hub does not know it yet. An existing unit is returned as it is: what the
 * group typed about it is ignored, and the membership it gets waits for the unit's consent.
 */
export async function organizationFor(em: EntityManager, input: OrganizationInput, viewer: Viewer, groupId: string): Promise<Organization> {
  const values = validOrganization(input);
  const existing = await em.findOneBy(Organization, { uscc: values.uscc });
  if (existing) return existing;
  const organization = em.create(Organization, { id: randomUUID(), ...values, updatedBy: viewer.userId, createdByGroupId: groupId, createdBy: viewer.userId });
  await em.insert(Organization, organization);
  return organization;
}

/** The consent a group's own record carries: only for a unit that this group brought to the hub. */
export const registrationConsent = (organization: Organization, groupId: string): MembershipConsent | null =>
  organization.createdByGroupId === groupId ? MembershipConsent.REGISTERED : null;

/**
 * Puts an organization into a group (registration or application). A unit that is pending or
 * active already is a CONFLICT; one that was rejected or has exited may come back.
 */
export async function enterGroup(em: EntityManager, viewer: Viewer, groupId: string, organizationId: string, change: Change): Promise<Membership> {
  const role = change.role ?? MembershipRole.MEMBER;
  const existing = await em.findOneBy(Membership, { groupId, organizationId });
  if (existing && (existing.status === MembershipStatus.ACTIVE || existing.status === MembershipStatus.PENDING)) {
    throw conflict(`该单位已是本集团${STATUS_LABEL[existing.status]}，不能重复登记或申请 (already ${existing.status} in this group)`);
  }
  // A consent once given stays when the membership is reopened; a group's new record never removes it.
  const consent = change.fields?.consent ?? existing?.consent ?? null;
  const fields = { role, roleRank: ROLE_RANK[role], status: change.status, exitedOn: null, exitReason: null, rejectionReason: null, ...change.fields, consent };
  if (existing) {
    const before = { status: existing.status, role: existing.role };
    await em.update(Membership, { id: existing.id }, fields);
    const after = (await em.findOneBy(Membership, { id: existing.id })) as Membership;
    await recordEvent(em, existing.id, before, after, change, viewer);
    return after;
  }
  const membership = em.create(Membership, {
    id: randomUUID(),
    groupId,
    organizationId,
    councilTermId: null,
    appliedOn: null,
    joinedOn: null,
    statement: null,
    ...fields,
  });
  await em.insert(Membership, membership);
  await recordEvent(em, membership.id, { status: null, role: null }, membership, change, viewer);
  return (await em.findOneBy(Membership, { id: membership.id })) as Membership;
}

/**
 * Moves a membership from one of `from` to the change's status (`transition`: the UPDATE is
 * guarded by the status it read, so two secretaries acting at once cannot both succeed).
 */
export async function moveMembership(
  em: EntityManager,
  viewer: Viewer,
  membershipId: string,
  from: MembershipStatus[],
  plan: (m: Membership) => Promise<Change> | Change,
): Promise<Membership> {
  viewer.requireRole('SECRETARIAT');
  const current = await em.findOneBy(Membership, { id: membershipId });
  if (!current || !viewer.isSecretariatOf(current.groupId)) {
    if (current && viewer.canRead(current.groupId)) viewer.requireSecretariatOf(current.groupId);
    throw notFound('成员资格', membershipId);
  }
  if (!from.includes(current.status)) {
    const allowed = from.map((s) => `「${STATUS_LABEL[s]}」`).join('或');
    throw badInput(`该成员资格当前为「${STATUS_LABEL[current.status]}」，只有${allowed}状态才能执行此操作 (membership is ${current.status})`);
  }
  const change = await plan(current);
  const role = change.role ?? current.role;
  const after = await transition(em.getRepository(Membership), membershipId, current.status, change.status, {
    role,
    roleRank: ROLE_RANK[role],
    ...change.fields,
  });
  await recordEvent(em, membershipId, { status: current.status, role: current.role }, after, change, viewer);
  return after;
}

/**
 * The unit confirms a membership a group recorded for it, which lets that group's secretariat
 * read (and its members see) the unit. Only the unit's own users; any state.
 */
export async function confirm(em: EntityManager, viewer: Viewer, membershipId: string): Promise<Membership> {
  const organizationId = viewer.requireOrganization();
  const current = await em.findOneBy(Membership, { id: membershipId });
  if (!current || current.organizationId !== organizationId) throw notFound('成员资格', membershipId);
  if (current.consent) throw badInput('本单位已同意该成员资格，无需再次确认 (already consented)');
  const result = await em.update(Membership, { id: membershipId, consent: IsNull() }, { consent: MembershipConsent.CONFIRMED });
  if (result.affected !== 1) throw conflict('该成员资格刚被他人修改，请刷新后重试 (changed concurrently)');
  const after = (await em.findOneBy(Membership, { id: membershipId })) as Membership;
  await recordEvent(
    em,
    membershipId,
    { status: current.status, role: current.role },
    after,
    { action: MembershipAction.CONFIRMED, status: current.status, effectiveOn: today() },
    viewer,
  );
  return after;
}

/** The change a 入会申请 makes: pending, with its statement, not yet in a council term. */
export function application(role: MembershipRole, statement: string | null, appliedOn: string, consent: MembershipConsent | null): Change {
  return {
    action: MembershipAction.APPLIED,
    status: MembershipStatus.PENDING,
    role,
    reason: statement,
    effectiveOn: appliedOn,
    fields: { appliedOn, statement, joinedOn: null, councilTermId: null, consent },
  };
}

export const todayIfMissing = (date: string | null | undefined) => date ?? today();
