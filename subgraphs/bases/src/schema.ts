import 'reflect-metadata';
import { AuditEntry, groupAuditResolver, SubgraphDefinition } from '@zjjt/kit';
import { BasesAuditLog1764471200000 } from './migrations/1764471200000-audit-log';
import { BaseCoBuilder, BaseDesignation, TrainingBase } from './base/base.entity';
import { BaseResolver } from './base/base.resolver';
import { BasesContext, BasesDependencies, BasesLoaders, createLoaders } from './context';
import { LedgerImport } from './imports/import.entity';
import { importFolder, importLimits } from './imports/limits';
import { ledgerFiles } from './imports/routes';
import { CertificationBatch, ProgramTargetGroup, TrainingProgram, TrainingSession } from './ledger/ledger.entity';
import { LedgerResolver } from './ledger/ledger.resolver';
import { BasesInitial1763900000000 } from './migrations/1763900000000-initial';
import { BasesRevenue1764450000000 } from './migrations/1764450000000-revenue';
import { BaseEstablished1764411000000 } from './migrations/1764411000000-base-established';
import { BasesUnknownFigures1764310000000 } from './migrations/1764310000000-unknown-figures';
import { AnnualReportTrainingResolver, OrganizationBasesResolver, RegionReportTrainingResolver } from './report/training';
import { sealer } from './sealer';
import { AnnualReport, Group, Organization, RegionReport } from './stubs';
import { RegionReportByGroupResolver } from './region/by-group';
import { RevealAudit, Trainee } from './trainee/trainee.entity';
import { RevenueEntry, RevenueEntryAudit } from './revenue/revenue.entity';
import { RevenueEntryAuditResolver, RevenueResolver } from './revenue/revenue.resolver';
import { AnnualReportRevenueResolver, RegionReportRevenueResolver } from './revenue/revenue.section';
import { Competition, CompetitionAward, CompetitionEntrant, CompetitionUnit } from './competition/competition.entity';
import { CompetitionAwardResolver, CompetitionEntrantResolver, CompetitionResolver } from './competition/competition.resolver';
import { AnnualReportCompetitionsResolver, RegionReportCompetitionsResolver } from './competition/competition.section';
import { BasesCompetitions1764500000000 } from './migrations/1764500000000-competitions';
import { BasesListIndexes1764600000000 } from './migrations/1764600000000-list-indexes';
import { BasesTrainedPersons1764700000000 } from './migrations/1764700000000-trained-persons';
import { TrainedPerson } from './trainee/trained-person';

type Ref = { id: string };

/** Upload cap for ledger workbooks (the gateway enforces the same default). */
const maxUploadBytes = () => Number(process.env.MAX_UPLOAD_BYTES || 20 * 1024 * 1024);

/**
 * The bases subgraph (联合培训基地与台账): bases, training and certification ledgers, trainees, imports,
 * revenue received, skills competitions.
 * Built with a members directory (`BasesDependencies`): the real one in index.ts.
 */
export const bases: SubgraphDefinition<BasesLoaders, BasesDependencies> = {
  name: 'bases',
  defaultPort: 4003,
  entities: [
    TrainingBase,
    BaseCoBuilder,
    BaseDesignation,
    TrainingProgram,
    ProgramTargetGroup,
    TrainingSession,
    CertificationBatch,
    Trainee,
    TrainedPerson,
    RevealAudit,
    LedgerImport,
    RevenueEntry,
    RevenueEntryAudit,
    Competition,
    CompetitionUnit,
    CompetitionEntrant,
    CompetitionAward,
    AuditEntry,
  ],
  migrations: [
    BasesInitial1763900000000,
    BasesUnknownFigures1764310000000,
    BaseEstablished1764411000000,
    BasesRevenue1764450000000,
    BasesAuditLog1764471200000,
    BasesCompetitions1764500000000,
    BasesListIndexes1764600000000,
    BasesTrainedPersons1764700000000,
  ],
  resolvers: [
    RegionReportByGroupResolver,
    RegionReportCompetitionsResolver,
    RegionReportRevenueResolver,
    RegionReportTrainingResolver,
    BaseResolver,
    LedgerResolver,
    AnnualReportTrainingResolver,
    OrganizationBasesResolver,
    RevenueResolver,
    RevenueEntryAuditResolver,
    AnnualReportRevenueResolver,
    CompetitionResolver,
    CompetitionEntrantResolver,
    CompetitionAwardResolver,
    AnnualReportCompetitionsResolver,
    groupAuditResolver(Group, 'basesAudit', '基地与台账（基地、导入、收入）'),
  ],
  orphanedTypes: [Organization, AnnualReport, Group, RegionReport],
  referenceResolvers: {
    TrainingBase: { __resolveReference: (ref: Ref, ctx: BasesContext) => ctx.loaders.visibleBaseById.load(ref.id) },
    Organization: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
    Group: { __resolveReference: (ref: Ref) => ({ id: ref.id }) },
    AnnualReport: { __resolveReference: (ref: { groupId: string; year: number }) => ({ groupId: ref.groupId, year: ref.year }) },
    RegionReport: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  },
  createLoaders,
  // An authority reads the groups registered in its region now (members directory, per request).
  groupsInRegion: (_db, { directory }, region) => directory.groupsInRegion(region),
  // Read when the server is built (after checkEnvironment), not when this module is loaded.
  files: (router, contextOf) => ledgerFiles(() => sealer(), maxUploadBytes(), importLimits(), importFolder())(router, contextOf),
  checkEnvironment: (env) => {
    sealer(env);
    importLimits(env);
  },
};
