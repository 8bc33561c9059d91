import { Viewer } from '../../kit/src';
import { MembershipStatus } from './enums';
import { Membership } from './membership/membership.entity';

/**
 * How much of an organization a viewer may see:
 * - FULL: its own unit, a secretariat of a group it belongs to or has applied to, an authority;
 * - MEMBER: a user of a group in which it is an active member (public profile);
 * - PORTAL: anyone, for an active member of some group (name and type only);
 * - NONE: not visible at all.
 */
export type Access = 'FULL' | 'MEMBER' | 'PORTAL' | 'NONE';

export function organizationAccess(viewer: Viewer, organizationId: string, memberships: Membership[]): Access {
  if (viewer.organizationId === organizationId || viewer.has('AUTHORITY')) return 'FULL';
  if (memberships.some((m) => viewer.isSecretariatOf(m.groupId))) return 'FULL';
  const active = memberships.filter((m) => m.status === MembershipStatus.ACTIVE);
  if (active.some((m) => viewer.groupIds.includes(m.groupId))) return 'MEMBER';
  if (viewer.isAnonymous && active.length > 0) return 'PORTAL';
  return 'NONE';
}

/** Whether a viewer may see a membership row at all. */
export function canSeeMembership(viewer: Viewer, m: Membership): boolean {
  if (viewer.organizationId === m.organizationId || viewer.has('AUTHORITY') || viewer.isSecretariatOf(m.groupId)) return true;
  if (m.status !== MembershipStatus.ACTIVE) return false;
  return viewer.isAnonymous || viewer.groupIds.includes(m.groupId);
}

/** Whether a viewer may see a membership's reasons and history. */
export function canSeeMembershipDetail(viewer: Viewer, m: Membership): boolean {
  return viewer.organizationId === m.organizationId || viewer.has('AUTHORITY') || viewer.isSecretariatOf(m.groupId);
}

/** Groups are public on the portal; a signed-in user sees only the groups in their token. */
export function canSeeGroup(viewer: Viewer, groupId: string): boolean {
  return viewer.isAnonymous || viewer.canRead(groupId);
}
