import { DataSource, In } from 'typeorm';
import DataLoader from 'dataloader';
import { HubContext, loadEvery, loader, manyByKey, oneByKey, Viewer } from '@zjjt/kit';
import { Organization } from './organization/organization.entity';
import { Membership } from './membership/membership.entity';
import { MembershipEvent } from './membership/membership-event.entity';
import { Group } from './group/group.entity';
import { GroupDesignation } from './group/designation.entity';
import { CouncilTerm } from './group/council-term.entity';
import { NoticeRead } from './notice/notice-read.entity';
import { Notice } from './notice/notice.entity';
import { OrganizationChange } from './organization/organization-change.entity';
import { OrganizationCorrection } from './organization/organization-correction.entity';
import { MASTER_FIELDS, MasterField } from './organization/organization.service';
import { meetingLoaders } from './meeting/meeting.loaders';
import { Access, canSeeGroup, canSeeMembership, organizationAccess } from './access';
import { MembershipStatus, OrganizationType } from './enums';

/** An organization as one viewer may see it. */
export type VisibleOrganization = Organization & { access: Access };

/** Per-request loaders: every batch is one `IN (...)` query, results in key order. */
export function createLoaders(db: DataSource, viewer: Viewer) {
  const organizationById = loader<string, Organization | null>(async (ids) =>
    oneByKey(ids, await db.getRepository(Organization).findBy({ id: In(ids) }), (o) => o.id),
  );
  const membershipsByOrganizationId = loader<string, Membership[]>(async (ids) =>
    manyByKey(ids, await db.getRepository(Membership).find({ where: { organizationId: In(ids) }, order: { roleRank: 'ASC' } }), (m) => m.organizationId),
  );
  const membershipById = loader<string, Membership | null>(async (ids) =>
    oneByKey(ids, await db.getRepository(Membership).findBy({ id: In(ids) }), (m) => m.id),
  );
  const groupById = loader<string, Group | null>(async (ids) => oneByKey(ids, await db.getRepository(Group).findBy({ id: In(ids) }), (g) => g.id));

  /** The organization with the viewer's access attached, or null when the viewer may not see it. */
  const visibleOrganizationById = new DataLoader<string, VisibleOrganization | null>(async (ids) => {
    const [organizations, memberships] = await Promise.all([loadEvery(organizationById, ids), loadEvery(membershipsByOrganizationId, ids)]);
    return ids.map((id, i) => {
      const organization = organizations[i];
      if (!organization) return null;
      const access = organizationAccess(viewer, id, memberships[i]);
      return access === 'NONE' ? null : Object.assign(organization, { access });
    });
  });

  return {
    ...meetingLoaders(db, viewer),
    organizationById,
    visibleOrganizationById,
    membershipsByOrganizationId,
    membershipById,
    /** Audit rows, oldest first; the fields of one change in the order of MASTER_FIELDS. */
    changesByOrganizationId: loader<string, OrganizationChange[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(OrganizationChange).find({ where: { organizationId: In(ids) }, order: { at: 'ASC' } }),
        (c) => c.organizationId,
      ).map((rows) =>
        rows.sort(
          (a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) || MASTER_FIELDS.indexOf(a.field as MasterField) - MASTER_FIELDS.indexOf(b.field as MasterField),
        ),
      ),
    ),
    correctionsByOrganizationId: loader<string, OrganizationCorrection[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(OrganizationCorrection).find({ where: { organizationId: In(ids) }, order: { proposedAt: 'ASC', id: 'ASC' } }),
        (c) => c.organizationId,
      ),
    ),
    visibleMembershipById: new DataLoader<string, Membership | null>(async (ids) =>
      (await loadEvery(membershipById, ids)).map((m) => (m && canSeeMembership(viewer, m) ? m : null)),
    ),
    groupById,
    visibleGroupById: new DataLoader<string, Group | null>(async (ids) =>
      (await loadEvery(groupById, ids)).map((g) => (g && canSeeGroup(viewer, g.id) ? g : null)),
    ),
    councilTermById: loader<string, CouncilTerm | null>(async (ids) => oneByKey(ids, await db.getRepository(CouncilTerm).findBy({ id: In(ids) }), (t) => t.id)),
    councilTermsByGroupId: loader<string, CouncilTerm[]>(async (ids) =>
      manyByKey(ids, await db.getRepository(CouncilTerm).find({ where: { groupId: In(ids) }, order: { number: 'ASC' } }), (t) => t.groupId),
    ),
    designationsByGroupId: loader<string, GroupDesignation[]>(async (ids) =>
      manyByKey(ids, await db.getRepository(GroupDesignation).find({ where: { groupId: In(ids) }, order: { awardedOn: 'ASC' } }), (d) => d.groupId),
    ),
    eventsByMembershipId: loader<string, MembershipEvent[]>(async (ids) =>
      manyByKey(
        ids,
        await db.getRepository(MembershipEvent).find({ where: { membershipId: In(ids) }, order: { at: 'ASC', id: 'ASC' } }),
        (e) => e.membershipId,
      ),
    ),
    visibleNoticeById: loader<string, Notice | null>(async (ids) =>
      oneByKey(ids, await db.getRepository(Notice).findBy({ id: In(ids) }), (n) => n.id).map((n) => (n && viewer.canRead(n.groupId) ? n : null)),
    ),
    /** Notices the viewer's unit has read, among the given ids. */
    myNoticeReadByNoticeId: loader<string, NoticeRead | null>(async (ids) =>
      viewer.organizationId
        ? oneByKey(ids, await db.getRepository(NoticeRead).findBy({ noticeId: In(ids), organizationId: viewer.organizationId }), (r) => r.noticeId)
        : ids.map(() => null),
    ),
    /** Active, consented members (those the portal lists) by unit type, per group: one GROUP BY. */
    memberCountsByGroupId: loader<string, { type: OrganizationType; count: number }[]>(async (ids) => {
      const rows: { groupId: string; type: OrganizationType; count: string | number }[] = await db
        .createQueryBuilder()
        .select('m.groupId', 'groupId')
        .addSelect('o.type', 'type')
        .addSelect('COUNT(*)', 'count')
        .from('membership', 'm')
        .innerJoin('organization', 'o', 'o.id = m.organizationId')
        .where('m.groupId IN (:...ids) AND m.status = :status AND m.consent IS NOT NULL', { ids, status: MembershipStatus.ACTIVE })
        .groupBy('m.groupId')
        .addGroupBy('o.type')
        .orderBy('o.type', 'ASC')
        .getRawMany();
      return manyByKey(ids, rows, (r) => r.groupId).map((list) => list.map((r) => ({ type: r.type, count: Number(r.count) })));
    }),
    noticeReadCountByNoticeId: loader<string, number>(async (ids) => {
      const rows: { noticeId: string; count: string | number }[] = await db
        .getRepository(NoticeRead)
        .createQueryBuilder('r')
        .select('r.noticeId', 'noticeId')
        .addSelect('COUNT(*)', 'count')
        .where('r.noticeId IN (:...ids)', { ids })
        .groupBy('r.noticeId')
        .getRawMany();
      return oneByKey(ids, rows, (r) => r.noticeId).map((r) => (r ? Number(r.count) : 0));
    }),
  };
}

export type MembersLoaders = ReturnType<typeof createLoaders>;
export type MembersContext = HubContext<MembersLoaders>;
