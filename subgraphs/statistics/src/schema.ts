import 'reflect-metadata';
import { AuditEntry, groupAuditResolver, SubgraphDefinition } from '@zjjt/kit';
import { StatisticsAuditLog1764471200000 } from './migrations/1764471200000-audit-log';
import { AnnualReturn, CollectionRound } from './collection/collection.entity';
import { AnnualReturnResolver, CollectionRoundResolver } from './collection/collection.resolver';
import { createLoaders, StatisticsContext, StatisticsDependencies, StatisticsLoaders } from './context';
import { StatisticsInitial1764000000000 } from './migrations/1764000000000-initial';
import { FilledReportResolver, ReportResolver } from './report/report.resolver';
import { AnnualReport } from './report/sections';
import { RegionReport, RegionReportResolver } from './region/region-report';
import { RegionGroupResolver, RegionGroupsResolver } from './region/region-groups';
import { Group, Organization } from './stubs';
import { GroupPublicFiguresResolver } from './submission/public-figures';
import { Target } from './targets/target.entity';
import { TargetResolver } from './targets/target.resolver';
import { TrendResolver } from './trend/trend.resolver';
import { templates } from './templates/loader';
import { startRetryLoop } from './submission/dispatcher';
import { readSubmissionConfig } from './submission/runtime';
import { Submission } from './submission/submission.entity';
import { SubmissionResolver } from './submission/submission.resolver';
import { Submissions1764100000000 } from './migrations/1764100000000-submissions';
import { ReturnGaps1764411000000 } from './migrations/1764411000000-return-gaps';
import { ReturnPolicyFigures1764500000000 } from './migrations/1764500000000-return-policy-figures';
import { TargetYears1764500000001 } from './migrations/1764500000001-target-years';
import { ReturnGapConfirmation, ReturnGapResolver } from './collection/completeness';
import { assembledReportReader } from './submission/assembled-report';
import { GroupNotice, GroupNoticeRecipient } from './group-notices/group-notice.entity';
import { GroupNoticeResolver, RoundReminderResolver } from './group-notices/group-notice.resolver';
import { GroupNotices1764600000000 } from './migrations/1764600000000-group-notices';
import { reminderIntervalHours } from './group-notices/reminder-config';
import { StatisticsLocks1764731000000 } from './migrations/1764731000000-locks';

type Ref = { id: string };

/**
 * The statistics subgraph (年度统计与填报): collection rounds, annual returns, targets, the annual
 * report and its templates. Built with a members directory (`StatisticsDependencies`): the real one in index.ts.
 */
export const statistics: SubgraphDefinition<StatisticsLoaders, StatisticsDependencies> = {
  name: 'statistics',
  defaultPort: 4004,
  entities: [CollectionRound, AnnualReturn, Target, Submission, ReturnGapConfirmation, GroupNotice, GroupNoticeRecipient, AuditEntry],
  migrations: [
    StatisticsInitial1764000000000,
    Submissions1764100000000,
    ReturnGaps1764411000000,
    StatisticsAuditLog1764471200000,
    ReturnPolicyFigures1764500000000,
    TargetYears1764500000001,
    GroupNotices1764600000000,
    StatisticsLocks1764731000000,
  ],
  resolvers: [
    ReportResolver,
    TrendResolver,
    FilledReportResolver,
    CollectionRoundResolver,
    AnnualReturnResolver,
    TargetResolver,
    SubmissionResolver,
    ReturnGapResolver,
    GroupNoticeResolver,
    RoundReminderResolver,
    GroupPublicFiguresResolver,
    RegionReportResolver,
    RegionGroupsResolver,
    RegionGroupResolver,
    groupAuditResolver(Group, 'statisticsAudit', '统计上报（年报、填报轮次、目标、上报）'),
  ],
  orphanedTypes: [Organization, Group],
  referenceResolvers: {
    // The report arrives with the sections this subgraph @requires; its fields check access.
    AnnualReport: { __resolveReference: (ref: AnnualReport) => ref },
    // The roll-up likewise; its fields check the region against the viewer.
    RegionReport: { __resolveReference: (ref: RegionReport) => ref },
    Organization: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
    // Members answers a Group only to those who may see it; publicFigures checks again.
    Group: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
    CollectionRound: {
      __resolveReference: async (ref: Ref, ctx: StatisticsContext) => {
        const round = await ctx.db.getRepository(CollectionRound).findOneBy({ id: ref.id });
        return round && ctx.viewer.canRead(round.groupId) ? round : null;
      },
    },
    Submission: {
      __resolveReference: async (ref: Ref, ctx: StatisticsContext) => {
        const s = await ctx.db.getRepository(Submission).findOneBy({ id: ref.id });
        return s && ctx.viewer.canReadAllUnitsOf(s.groupId) ? s : null;
      },
    },
    AnnualReturn: {
      __resolveReference: async (ref: Ref, ctx: StatisticsContext) => {
        const r = await ctx.db.getRepository(AnnualReturn).findOneBy({ id: ref.id });
        return r && (ctx.viewer.isSecretariatOf(r.groupId) || ctx.viewer.organizationId === r.organizationId || ctx.viewer.isAuthorityOf(r.groupId)) ? r : null;
      },
    },
  },
  createLoaders,
  // An authority reads the groups registered in its region now (members directory, per request).
  groupsInRegion: (_db, { directory }, region) => directory.groupsInRegion(region),
  background: (db, log) => startRetryLoop(db, readSubmissionConfig(), log),
  checkEnvironment: (env) => {
    assembledReportReader(env);
    templates();
    readSubmissionConfig();
    reminderIntervalHours(env);
  },
};
