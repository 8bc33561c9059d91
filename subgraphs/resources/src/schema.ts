import 'reflect-metadata';
import { AuditEntry, groupAuditResolver, SubgraphDefinition } from '@zjjt/kit';
import { ResourcesAuditLog1764471200000 } from './migrations/1764471200000-audit-log';
import { createLoaders, ResourcesContext, ResourcesDependencies, ResourcesLoaders } from './context';
import { Cooperation } from './cooperation/cooperation.entity';
import { CooperationAudit } from './cooperation/cooperation-audit.entity';
import { CooperationAuditResolver, CooperationResolver } from './cooperation/cooperation.resolver';
import { Message } from './message/message.entity';
import { MessageResolver } from './message/message.resolver';
import { ResourcesInitial1763800000000 } from './migrations/1763800000000-initial';
import { CooperationAudit1764300000000 } from './migrations/1764300000000-cooperation-audit';
import { EnterpriseTeachers1764411000000 } from './migrations/1764411000000-enterprise-teachers';
import { ResourcesListIndexes1764600000000 } from './migrations/1764600000000-list-indexes';
import { OrganizationResourcesResolver } from './organization.resolver';
import { AnnualReportSharingResolver, RegionReportSharingResolver } from './report/sharing';
import { ResourceRequest } from './request/request.entity';
import { RequestResolver } from './request/request.resolver';
import { SharedResource } from './resource/resource.entity';
import { ResourceResolver } from './resource/resource.resolver';
import { AnnualReport, Group, Organization, RegionReport } from './stubs';

type Ref = { id: string };

/**
 * The resources subgraph (资源共建共享): shared resources, requests, cooperation ledgers, messages.
 * Built with a members directory (`ResourcesDependencies`): the real one in index.ts.
 */
export const resources: SubgraphDefinition<ResourcesLoaders, ResourcesDependencies> = {
  name: 'resources',
  defaultPort: 4002,
  entities: [SharedResource, ResourceRequest, Cooperation, CooperationAudit, Message, AuditEntry],
  migrations: [
    ResourcesInitial1763800000000,
    CooperationAudit1764300000000,
    EnterpriseTeachers1764411000000,
    ResourcesAuditLog1764471200000,
    ResourcesListIndexes1764600000000,
  ],
  resolvers: [
    RegionReportSharingResolver,
    ResourceResolver,
    RequestResolver,
    CooperationResolver,
    CooperationAuditResolver,
    MessageResolver,
    OrganizationResourcesResolver,
    AnnualReportSharingResolver,
    groupAuditResolver(Group, 'resourcesAudit', '资源共建共享（资源、申请、合作台账）'),
  ],
  orphanedTypes: [Organization, AnnualReport, Group, RegionReport],
  referenceResolvers: {
    SharedResource: { __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.visibleResourceById.load(ref.id) },
    ResourceRequest: { __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.visibleRequestById.load(ref.id) },
    Cooperation: { __resolveReference: (ref: Ref, ctx: ResourcesContext) => ctx.loaders.visibleCooperationById.load(ref.id) },
    // Key-only entities: the fields this subgraph adds check access themselves.
    Organization: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
    Group: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
    AnnualReport: { __resolveReference: (ref: { groupId: string; year: number }) => ({ groupId: ref.groupId, year: ref.year }) },
    RegionReport: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  },
  createLoaders,
  // An authority reads the groups registered in its region now (members directory, per request).
  groupsInRegion: (_db, { directory }, region) => directory.groupsInRegion(region),
};
