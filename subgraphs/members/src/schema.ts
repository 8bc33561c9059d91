import 'reflect-metadata';
import { AuditEntry, groupAuditResolver, SubgraphDefinition } from '@zjjt/kit';
import { MembersAuditLog1764471200000 } from './migrations/1764471200000-audit-log';
import { createLoaders, MembersContext, MembersLoaders } from './context';
import { groupIdsInRegion, GroupResolver } from './group/group.resolver';
import { MembershipResolver } from './membership/membership.resolver';
import { NoticeResolver } from './notice/notice.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { OrganizationCorrectionResolver } from './organization/organization-correction.resolver';
import { OrganizationChange } from './organization/organization-change.entity';
import { OrganizationCorrection } from './organization/organization-correction.entity';
import { SharedMasterData1764200000000 } from './migrations/1764200000000-shared-master-data';
import { Organization } from './organization/organization.entity';
import { Membership } from './membership/membership.entity';
import { MembershipEvent } from './membership/membership-event.entity';
import { Group } from './group/group.entity';
import { GroupDesignation } from './group/designation.entity';
import { CouncilTerm } from './group/council-term.entity';
import { Notice } from './notice/notice.entity';
import { NoticeRead } from './notice/notice-read.entity';
import { Initial1763700000000 } from './migrations/1763700000000-initial';
import {
  AnnualReport,
  AnnualReportResolver,
  RegionReport,
  RegionReportMembershipByGroupResolver,
  RegionReportMembershipResolver,
} from './report/membership-section';
import { Portal1764500000000 } from './migrations/1764500000000-portal';
import { Bulletin } from './portal/bulletin.entity';
import { BulletinResolver } from './portal/bulletin.resolver';
import { JoinInquiry } from './portal/join-inquiry.entity';
import { JoinInquiryResolver } from './portal/join-inquiry.resolver';
import { inquiryLimits } from './portal/join-inquiry.input';
import { GroupPortalResolver } from './portal/portal.resolver';
import { sealer } from './portal/sealer';

import { Meeting, MeetingParticipant } from './meeting/meeting.entity';
import { MeetingParticipantResolver, MeetingResolver } from './meeting/meeting.resolver';
import { AnnualReportActivitiesResolver, RegionReportActivitiesResolver } from './meeting/meeting.section';
import { Meetings1764510000000 } from './migrations/1764510000000-meetings';
import { GroupRegion1764520000000 } from './migrations/1764520000000-group-region';

type Ref = { id: string };

/** The members subgraph (成员单位): groups, organizations, memberships, council terms, notices, meetings and activities, the portal (bulletins, join inquiries). */
export const members: SubgraphDefinition<MembersLoaders> = {
  name: 'members',
  defaultPort: 4001,
  entities: [
    Organization,
    OrganizationChange,
    OrganizationCorrection,
    Membership,
    MembershipEvent,
    Group,
    GroupDesignation,
    CouncilTerm,
    Notice,
    NoticeRead,
    Bulletin,
    JoinInquiry,
    Meeting,
    MeetingParticipant,
    AuditEntry,
  ],
  migrations: [
    Initial1763700000000,
    SharedMasterData1764200000000,
    MembersAuditLog1764471200000,
    Portal1764500000000,
    Meetings1764510000000,
    GroupRegion1764520000000,
  ],
  resolvers: [
    GroupResolver,
    OrganizationResolver,
    OrganizationCorrectionResolver,
    MembershipResolver,
    NoticeResolver,
    AnnualReportResolver,
    BulletinResolver,
    GroupPortalResolver,
    JoinInquiryResolver,
    MeetingResolver,
    MeetingParticipantResolver,
    AnnualReportActivitiesResolver,
    RegionReportMembershipResolver,
    RegionReportMembershipByGroupResolver,
    RegionReportActivitiesResolver,
    groupAuditResolver(Group, 'membersAudit', '成员与集团（入会、名录、单位信息、通知）'),
  ],
  orphanedTypes: [AnnualReport, RegionReport],
  referenceResolvers: {
    Organization: { __resolveReference: (ref: Ref, ctx: MembersContext) => ctx.loaders.visibleOrganizationById.load(ref.id) },
    Group: { __resolveReference: (ref: Ref, ctx: MembersContext) => ctx.loaders.visibleGroupById.load(ref.id) },
    Membership: { __resolveReference: (ref: Ref, ctx: MembersContext) => ctx.loaders.visibleMembershipById.load(ref.id) },
    CouncilTerm: {
      __resolveReference: async (ref: Ref, ctx: MembersContext) => {
        const term = await ctx.loaders.councilTermById.load(ref.id);
        return term && (ctx.viewer.isAnonymous || ctx.viewer.canRead(term.groupId)) ? term : null;
      },
    },
    AnnualReport: { __resolveReference: (ref: { groupId: string; year: number }) => ({ groupId: ref.groupId, year: ref.year }) },
    RegionReport: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    Notice: { __resolveReference: (ref: Ref, ctx: MembersContext) => ctx.loaders.visibleNoticeById.load(ref.id) },
  },
  createLoaders,
  groupsInRegion: (db, _dependencies, region) => groupIdsInRegion(db, region),
  // Join inquiries seal their contact data with PII_KEY, and their rate limits come from the environment: both checked at start.
  checkEnvironment: (env) => {
    sealer(env);
    inquiryLimits(env);
  },
};
