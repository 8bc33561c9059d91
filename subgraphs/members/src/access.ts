import { Viewer } from '@zjjt/kit';
import { MembershipStatus } from './enums';
import { Membership } from './membership/membership.entity';
import { Organization } from './organization/organization.entity';

/**
 * How much of an organization a viewer may see:
 * - FULL: its own unit, a secretariat of a group the unit consented to (see `consented`), an authority;
 * - MEMBER: a user of a group in which it is an active, consented member (public profile);
 * - PORTAL: anyone, for an active consented member of some group (name and type only);
 * - NONE: not visible at all.
 */
export type Access = 'FULL' | 'MEMBER' | 'PORTAL' | 'NONE';

/**
 * A membership counts for access only when the unit agreed to it: the group created the unit, the
 * unit applied, or the unit confirmed the group's record. A group that records a membership for a
 * unit that already existed (in any state) gets nothing of the unit from it — otherwise knowing a
 * USCC would be enough to read, and then edit, another group's unit.
 */
export const consented = (m: Membership) => m.consent !== null && m.consent !== undefined;

export function organizationAccess(viewer: Viewer, organizationId: string, memberships: Membership[]): Access {
  if (viewer.organizationId === organizationId || viewer.readsEveryRegion || memberships.some((m) => viewer.isAuthorityOf(m.groupId))) return 'FULL';
  const agreed = memberships.filter(consented);
  if (agreed.some((m) => viewer.isSecretariatOf(m.groupId))) return 'FULL';
  const active = agreed.filter((m) => m.status === MembershipStatus.ACTIVE);
  if (active.some((m) => viewer.groupIds.includes(m.groupId))) return 'MEMBER';
  if (viewer.isAnonymous && active.length > 0) return 'PORTAL';
  return 'NONE';
}

/** Whether a viewer may see a membership row at all. */
export function canSeeMembership(viewer: Viewer, m: Membership): boolean {
  if (viewer.organizationId === m.organizationId || viewer.isAuthorityOf(m.groupId) || viewer.isSecretariatOf(m.groupId)) return true;
  if (m.status !== MembershipStatus.ACTIVE || !consented(m)) return false;
  return viewer.isAnonymous || viewer.groupIds.includes(m.groupId);
}

/** Whether a viewer may see a membership's reasons and history. */
export function canSeeMembershipDetail(viewer: Viewer, m: Membership): boolean {
  return viewer.organizationId === m.organizationId || viewer.isAuthorityOf(m.groupId) || viewer.isSecretariatOf(m.groupId);
}

/** Groups are public on the portal; a signed-in user sees only the groups in their token. */
export function canSeeGroup(viewer: Viewer, groupId: string): boolean {
  return viewer.isAnonymous || viewer.canRead(groupId);
}

/**
 * Who may change a unit's master data directly, and as whom:
 * - the unit itself (any of its users): `{ via: 'UNIT' }`;
 * - the secretariat of the group that registered the unit, while the unit belongs to no other
 *   group (no consented pending or active membership elsewhere): `{ via: 'SECRETARIAT', groupId }`;
 * - anyone else: null — a secretariat then proposes a correction the unit accepts or declines.
 */
export function directEditor(
  viewer: Viewer,
  organization: Organization,
  memberships: Membership[],
): { via: 'UNIT' | 'SECRETARIAT'; groupId: string | null } | null {
  if (viewer.isAnonymous) return null;
  if (viewer.organizationId === organization.id) return { via: 'UNIT', groupId: null };
  const owner = organization.createdByGroupId;
  if (!owner || !viewer.isSecretariatOf(owner)) return null;
  const elsewhere = memberships.some(
    (m) => m.groupId !== owner && consented(m) && (m.status === MembershipStatus.ACTIVE || m.status === MembershipStatus.PENDING),
  );
  return elsewhere ? null : { via: 'SECRETARIAT', groupId: owner };
}
