import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { exactSum, fenToWan, Money, Viewer } from '@zjjt/kit';
import { BaseDesignation, TrainingBase } from '../base/base.entity';
import { BasesContext } from '../context';
import { BaseKind, CertificationLevel, DesignationLevel, ProgramCategory, TargetGroup, TrainingMode } from '../enums';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';
import { Trainee } from '../trainee/trainee.entity';
import { LedgerImport } from '../imports/import.entity';
import { AnnualReport, Organization } from '../stubs';

@ObjectType()
export class CategoryFigures {
  @Field(() => ProgramCategory) category!: ProgramCategory;
  @Field(() => Int) personTimes!: number;
  @Field(() => Int) hours!: number;
  @Field(() => Money) revenue!: string;
  @Field(() => Int, { description: '班次（台账行数，查询明细用）' }) sessions!: number;
}
@ObjectType()
export class TargetGroupFigures {
  @Field(() => TargetGroup) targetGroup!: TargetGroup;
  @Field(() => Int) personTimes!: number;
}
@ObjectType()
export class ModeFigures {
  @Field(() => TrainingMode) mode!: TrainingMode;
  @Field(() => Int) personTimes!: number;
}
@ObjectType()
export class LevelFigures {
  @Field(() => CertificationLevel) level!: CertificationLevel;
  @Field(() => Int, { description: '参加人数' }) candidates!: number;
  @Field(() => Int, { description: '通过人数' }) passed!: number;
}
@ObjectType()
export class BaseKindCount {
  @Field(() => BaseKind) kind!: BaseKind;
  @Field(() => Int) count!: number;
}
@ObjectType()
export class DesignationLevelCount {
  @Field(() => DesignationLevel) level!: DesignationLevel;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '按开展单位统计' })
export class OrganizationTrainingFigures {
  @Field(() => ID) organizationId!: string;
  @Field(() => Int) personTimes!: number;
  @Field(() => Money) revenue!: string;
}

/** 培训与鉴定: the group's training ledgers for the year, all SQL aggregates. */
@ObjectType({ description: '年度报告：培训与鉴定部分' })
export class TrainingSection {
  @Field(() => Int, { description: '培训人次' }) personTimes!: number;
  @Field(() => Int, { description: '培训人数（按身份证号去重）' }) distinctPersons!: number;
  @Field(() => Int, { description: '班次' }) sessions!: number;
  @Field(() => Int, { description: '课时' }) hours!: number;
  @Field(() => Money, { description: '到账金额（元）' }) revenue!: string;
  @Field(() => String, { description: '到账金额（万元，两位小数）' }) revenueWan!: string;
  @Field(() => [CategoryFigures]) byCategory!: CategoryFigures[];
  @Field(() => [TargetGroupFigures]) byTargetGroup!: TargetGroupFigures[];
  @Field(() => [ModeFigures]) byMode!: ModeFigures[];
  @Field(() => Int, { description: '鉴定参加人数' }) candidates!: number;
  @Field(() => Int, { description: '鉴定通过人数' }) passed!: number;
  @Field(() => [LevelFigures]) byLevel!: LevelFigures[];
  @Field(() => Int, { description: '鉴定批次（台账行数，查询明细用）' }) certificationBatches!: number;
  @Field(() => [BaseKindCount], { description: '报告年度存在的基地数（建成日期不晚于年末），按类型' }) basesByKind!: BaseKindCount[];
  @Field(() => [DesignationLevelCount], { description: '报告年度存在的基地在年末前获得的认定数，按级别' }) designationsByLevel!: DesignationLevelCount[];
  @Field(() => [OrganizationTrainingFigures], { description: '按开展单位（指标完成情况用）' }) byOrganization!: OrganizationTrainingFigures[];
}

@ObjectType({ description: '单位年度培训概况' })
export class TrainingSummary {
  @Field(() => Int) sessions!: number;
  @Field(() => Int) personTimes!: number;
  @Field(() => Int) hours!: number;
  @Field(() => Money) revenue!: string;
  @Field(() => String) revenueWan!: string;
  @Field(() => Int) candidates!: number;
  @Field(() => Int) passed!: number;
}

const n = (v: unknown) => Number(v ?? 0);
/** A money sum (exactSum): fen as decimal text, never through a float. */
const fen = (v: unknown) => String(v ?? '0');

const personCounts = new Map<string, number>();

/**
 * Distinct persons (by keyed 身份证号 hash) trained by a group in a year: the one aggregate that
 * reads every trainee row. Rosters change only by imports, so the count is kept per "ledger
 * version" (number and time of the group's imports, read each time from the database, so every
 * replica sees a new import at once) and recomputed only after an import.
 */
async function distinctPersons(db: DataSource, groupId: string, year: number): Promise<number> {
  const version = await db
    .getRepository(LedgerImport)
    .createQueryBuilder('i')
    .select('COUNT(*)', 'imports')
    .addSelect('MAX(i.importedAt)', 'last')
    .where('i.groupId = :groupId', { groupId })
    .getRawOne();
  const key = `${groupId}|${year}|${version?.imports}|${version?.last}`;
  const cached = personCounts.get(key);
  if (cached !== undefined) return cached;
  const row = await db
    .getRepository(Trainee)
    .createQueryBuilder('t')
    .innerJoin(TrainingSession, 's', 's.id = t.sessionId')
    .select('COUNT(DISTINCT t.idNumberHash)', 'persons')
    .where('s.groupId = :groupId AND s.year = :year', { groupId, year })
    .getRawOne();
  const persons = n(row?.persons);
  if (personCounts.size >= 1000) personCounts.clear();
  personCounts.set(key, persons);
  return persons;
}

export async function trainingSection(db: DataSource, groupId: string, year: number): Promise<TrainingSection> {
  const sessions = () => db.getRepository(TrainingSession).createQueryBuilder('s').where('s.groupId = :groupId AND s.year = :year', { groupId, year });
  const [totals, byCategory, byTarget, byMode, persons, levels, kinds, designations, byOrganization] = await Promise.all([
    sessions()
      .select('COUNT(*)', 'sessions')
      .addSelect('COALESCE(SUM(s.personTimes), 0)', 'personTimes')
      .addSelect('COALESCE(SUM(s.hours), 0)', 'hours')
      .addSelect(exactSum('s.revenue'), 'revenue')
      .getRawOne(),
    sessions()
      .select('s.category', 'category')
      .addSelect('COUNT(*)', 'sessions')
      .addSelect('SUM(s.personTimes)', 'personTimes')
      .addSelect('SUM(s.hours)', 'hours')
      .addSelect(exactSum('s.revenue'), 'revenue')
      .groupBy('s.category')
      .orderBy('s.category')
      .getRawMany(),
    sessions()
      .innerJoin('program_target_group', 'ptg', 'ptg.programId = s.programId')
      .select('ptg.targetGroup', 'targetGroup')
      .addSelect('SUM(s.personTimes)', 'personTimes')
      .groupBy('ptg.targetGroup')
      .orderBy('ptg.targetGroup')
      .getRawMany(),
    sessions().select('s.mode', 'mode').addSelect('SUM(s.personTimes)', 'personTimes').groupBy('s.mode').orderBy('s.mode').getRawMany(),
    distinctPersons(db, groupId, year),
    db
      .getRepository(CertificationBatch)
      .createQueryBuilder('c')
      .select('c.level', 'level')
      .addSelect('COUNT(*)', 'batches')
      .addSelect('SUM(c.candidates)', 'candidates')
      .addSelect('SUM(c.passed)', 'passed')
      .where('c.groupId = :groupId AND c.year = :year', { groupId, year })
      .groupBy('c.level')
      .orderBy('c.level')
      .getRawMany(),
    db
      .getRepository(TrainingBase)
      .createQueryBuilder('b')
      .select('b.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      // The bases that existed in the year: established by its end (bases cannot be closed on the hub yet).
      .where('b.groupId = :groupId AND b.establishedOn <= :end', { groupId, end: `${year}-12-31` })
      .groupBy('b.kind')
      .orderBy('b.kind')
      .getRawMany(),
    db
      .getRepository(BaseDesignation)
      .createQueryBuilder('d')
      .innerJoin(TrainingBase, 'b', 'b.id = d.baseId')
      .select('d.level', 'level')
      .addSelect('COUNT(*)', 'count')
      .where('b.groupId = :groupId AND b.establishedOn <= :end AND d.awardedOn <= :end', { groupId, end: `${year}-12-31` })
      .groupBy('d.level')
      .orderBy('d.level')
      .getRawMany(),
    sessions()
      .select('s.organizationId', 'organizationId')
      .addSelect('SUM(s.personTimes)', 'personTimes')
      .addSelect(exactSum('s.revenue'), 'revenue')
      .groupBy('s.organizationId')
      .orderBy('s.organizationId')
      .getRawMany(),
  ]);
  const byLevel = levels.map((l) => ({ level: l.level, candidates: n(l.candidates), passed: n(l.passed) }));
  return {
    personTimes: n(totals?.personTimes),
    distinctPersons: persons,
    sessions: n(totals?.sessions),
    hours: n(totals?.hours),
    revenue: fen(totals?.revenue),
    revenueWan: fenToWan(fen(totals?.revenue)),
    byCategory: byCategory.map((c) => ({
      category: c.category,
      personTimes: n(c.personTimes),
      hours: n(c.hours),
      revenue: fen(c.revenue),
      sessions: n(c.sessions),
    })),
    byTargetGroup: byTarget.map((t) => ({ targetGroup: t.targetGroup, personTimes: n(t.personTimes) })),
    byMode: byMode.map((m) => ({ mode: m.mode, personTimes: n(m.personTimes) })),
    candidates: byLevel.reduce((s, l) => s + l.candidates, 0),
    passed: byLevel.reduce((s, l) => s + l.passed, 0),
    byLevel,
    certificationBatches: levels.reduce((s, l) => s + n(l.batches), 0),
    basesByKind: kinds.map((k) => ({ kind: k.kind, count: n(k.count) })),
    designationsByLevel: designations.map((d) => ({ level: d.level, count: n(d.count) })),
    byOrganization: byOrganization.map((o) => ({ organizationId: o.organizationId, personTimes: n(o.personTimes), revenue: fen(o.revenue) })),
  };
}

/**
 * Per-unit summaries for a page of organizations: two GROUP BY statements per year, whatever the
 * page size. Only the viewer's groups' ledgers count (an authority's: all groups).
 */
export function trainingSummaryLoader(db: DataSource, viewer: Viewer) {
  return new DataLoader<string, TrainingSummary | null>(async (keys) => {
    const pairs = keys.map((k) => ({ organizationId: k.split('|')[0], year: Number(k.split('|')[1]) }));
    const results = new Map<string, TrainingSummary>();
    for (const year of new Set(pairs.map((p) => p.year))) {
      const ids = pairs.filter((p) => p.year === year).map((p) => p.organizationId);
      const groups = viewer.has('AUTHORITY') ? null : viewer.groupIds.length ? [...viewer.groupIds] : [''];
      const inGroups = groups ? ' AND s.groupId IN (:...groups)' : '';
      const [sessions, certifications] = await Promise.all([
        db
          .getRepository(TrainingSession)
          .createQueryBuilder('s')
          .select('s.organizationId', 'organizationId')
          .addSelect('COUNT(*)', 'sessions')
          .addSelect('SUM(s.personTimes)', 'personTimes')
          .addSelect('SUM(s.hours)', 'hours')
          .addSelect(exactSum('s.revenue'), 'revenue')
          .where(`s.organizationId IN (:...ids) AND s.year = :year${inGroups}`, { ids, year, groups })
          .groupBy('s.organizationId')
          .getRawMany(),
        db
          .getRepository(CertificationBatch)
          .createQueryBuilder('c')
          .select('c.organizationId', 'organizationId')
          .addSelect('SUM(c.candidates)', 'candidates')
          .addSelect('SUM(c.passed)', 'passed')
          .where(`c.organizationId IN (:...ids) AND c.year = :year${inGroups.replace('s.', 'c.')}`, { ids, year, groups })
          .groupBy('c.organizationId')
          .getRawMany(),
      ]);
      const certs = new Map(certifications.map((c) => [c.organizationId, c]));
      const bySession = new Map(sessions.map((s) => [s.organizationId, s]));
      for (const id of ids) {
        const s = bySession.get(id);
        const c = certs.get(id);
        results.set(`${id}|${year}`, {
          sessions: n(s?.sessions),
          personTimes: n(s?.personTimes),
          hours: n(s?.hours),
          revenue: fen(s?.revenue),
          revenueWan: fenToWan(fen(s?.revenue)),
          candidates: n(c?.candidates),
          passed: n(c?.passed),
        });
      }
    }
    return keys.map((k) => results.get(k) ?? null);
  });
}

@Resolver(() => AnnualReport)
export class AnnualReportTrainingResolver {
  @FieldResolver(() => TrainingSection, {
    nullable: true,
    description: '培训与鉴定（本集团用户与主管部门可见；按单位的数字只见本单位，秘书处与填报机器人见全部）',
  })
  async training(@Root() report: AnnualReport, @Ctx() ctx: BasesContext) {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    const section = await trainingSection(ctx.db, report.groupId, report.year);
    return { ...section, byOrganization: section.byOrganization.filter((o) => ctx.viewer.canReadUnitFigures(report.groupId, o.organizationId)) };
  }
}

/** Adds a unit's bases and its yearly training figures to the members subgraph's `Organization`. */
@Resolver(() => Organization)
export class OrganizationBasesResolver {
  @FieldResolver(() => [TrainingBase], { nullable: true, description: '该单位共建的基地' })
  bases(@Root() org: Organization, @Ctx() ctx: BasesContext) {
    return ctx.loaders.basesByOrganizationId.load(org.id);
  }

  @FieldResolver(() => TrainingSummary, { nullable: true, description: '年度培训概况（本单位、本集团秘书处、主管部门可见）' })
  trainingSummary(@Root() org: Organization, @Arg('year', () => Int) year: number, @Ctx() ctx: BasesContext) {
    const { viewer } = ctx;
    const allowed = viewer.organizationId === org.id || viewer.has('AUTHORITY') || viewer.has('SECRETARIAT') || viewer.has('REPORTER');
    return allowed ? ctx.loaders.trainingSummary.load(`${org.id}|${year}`) : null;
  }
}
