import { Viewer } from '@zjjt/kit';
import { ResourceStatus, Visibility } from './enums';
import { SharedResource } from './resource/resource.entity';
import { ResourceRequest } from './request/request.entity';
import { Cooperation } from './cooperation/cooperation.entity';

/** Published resources are seen by their group's users (and by everyone when PUBLIC); the provider and its secretariat see all. */
export function canSeeResource(viewer: Viewer, r: SharedResource): boolean {
  if (viewer.organizationId === r.providerId || viewer.isSecretariatOf(r.groupId)) return true;
  if (r.status !== ResourceStatus.PUBLISHED) return false;
  return r.visibility === Visibility.PUBLIC || viewer.canRead(r.groupId);
}

/** A request is seen by the two units involved, their group's secretariat and authorities. */
export function canSeeRequest(viewer: Viewer, r: ResourceRequest): boolean {
  return (
    viewer.organizationId === r.requesterId || viewer.organizationId === r.providerId || viewer.isSecretariatOf(r.groupId) || viewer.isAuthorityOf(r.groupId)
  );
}

/** A ledger row is seen by the unit that recorded it, its partner, the group's secretariat and authorities. */
export function canSeeCooperation(viewer: Viewer, c: Cooperation): boolean {
  return (
    viewer.organizationId === c.organizationId || viewer.organizationId === c.partnerId || viewer.isSecretariatOf(c.groupId) || viewer.isAuthorityOf(c.groupId)
  );
}
