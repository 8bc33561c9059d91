import { exactSum, fenToWan, Money, parseRegionReportId, regionGroupsOf, Viewer } from '@zjjt/kit';
import DataLoader from 'dataloader';
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { BaseDesignation, TrainingBase } from '../base/base.entity';
import { BasesContext } from '../context';
import { BaseKind, CertificationLevel, DesignationLevel, IN_SCHOOL_CATEGORIES, ProgramCategory, TargetGroup, TrainingMode } from '../enums';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';
import { TrainedPerson } from '../trainee/trained-person';
import { LedgerImport } from '../imports/import.entity';
import { RegionReport, AnnualReport, Organization } from '../stubs';
import { knownNumber, knownSum, UnreportedFigure, unreportedFigures } from './unreported';

@ObjectType()
export class CategoryFigures {
  @Field(() => ProgramCategory) category!: ProgramCategory;
  @Field(() => Int) personTimes!: number;
  @Field(() => Int, { nullable: true, description: '课时；该类别有班次未填报课时时为空' }) hours!: number | null;
  @Field(() => Money) revenue!: string;
  @Field(() => Int, { description: '班次（台账行数，查询明细用）' }) sessions!: number;
}
@ObjectType({ description: '按主要培训对象：每个项目只计入一个对象，各对象之和等于培训人次' })
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
  @Field(() => CertificationLevel, { description: '等级；UNGRADED 未分级' }) level!: CertificationLevel;
  @Field(() => Int, { description: '参加人数' }) candidates!: number;
  @Field(() => Int, { nullable: true, description: '通过人数；有批次未填报时为空' }) passed!: number | null;
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
  @Field(() => Int, { description: '社会培训人次（不含在校生证书培训）' }) socialPersonTimes!: number;
  @Field(() => Money) revenue!: string;
}

/** 培训与鉴定: the group's training ledgers for the year, all SQL aggregates. */
@ObjectType({ description: '年度报告：培训与鉴定部分' })
export class TrainingSection {
  @Field(() => Int, { description: '培训人次（社会培训 + 在校生培训）' }) personTimes!: number;
  @Field(() => Int, { description: '社会培训人次：面向本校在校生以外人员的培训（除在校生证书培训外的所有类别，含师资培训）' }) socialPersonTimes!: number;
  @Field(() => Int, { description: '在校生培训人次：在校生证书培训（不计入社会培训）' }) inSchoolPersonTimes!: number;
  @Field(() => Int, { description: '培训人数（按身份证号去重）' }) distinctPersons!: number;
  @Field(() => Int, { description: '社会培训人数（社会培训班次的名册按身份证号去重）' }) socialDistinctPersons!: number;
  @Field(() => Int, { description: '班次' }) sessions!: number;
  @Field(() => Int, { description: '社会培训班次（台账行数，查询明细用）' }) socialSessions!: number;
  @Field(() => Int, { description: '在校生培训班次（台账行数，查询明细用）' }) inSchoolSessions!: number;
  @Field(() => Int, { nullable: true, description: '课时；有班次未填报课时时为空（未填报，见 unreported）' }) hours!: number | null;
  @Field(() => Money, { description: '到账金额（元）' }) revenue!: string;
  @Field(() => String, { description: '到账金额（万元，两位小数）' }) revenueWan!: string;
  @Field(() => [CategoryFigures]) byCategory!: CategoryFigures[];
  @Field(() => [TargetGroupFigures]) byTargetGroup!: TargetGroupFigures[];
  @Field(() => [ModeFigures]) byMode!: ModeFigures[];
  @Field(() => Int, { description: '鉴定参加人数' }) candidates!: number;
  @Field(() => Int, { nullable: true, description: '鉴定通过人数；有批次未填报时为空（未填报，见 unreported）' }) passed!: number | null;
  @Field(() => Money, { nullable: true, description: '鉴定收费（元）；有批次未填报时为空' }) certificationRevenue!: string | null;
  @Field(() => [LevelFigures], { description: '按等级，未分级（UNGRADED）单列' }) byLevel!: LevelFigures[];
  @Field(() => Int, { description: '鉴定批次（台账行数，查询明细用）' }) certificationBatches!: number;
  @Field(() => [BaseKindCount], { description: '报告年度存在的基地数（建成日期不晚于年末），按类型' }) basesByKind!: BaseKindCount[];
  @Field(() => [DesignationLevelCount], { description: '报告年度存在的基地在年末前获得的认定数，按级别' }) designationsByLevel!: DesignationLevelCount[];
  @Field(() => [OrganizationTrainingFigures], { description: '按开展单位（指标完成情况用）' }) byOrganization!: OrganizationTrainingFigures[];
  @Field(() => [UnreportedFigure], { description: '未填报的数字：哪些数字为空（未填报）、由哪些台账行缺值引起；为空列表表示全部已填报' })
  unreported!: UnreportedFigure[];
}

@ObjectType({ description: '单位年度培训概况' })
export class TrainingSummary {
  @Field(() => Int) sessions!: number;
  @Field(() => Int) personTimes!: number;
  @Field(() => Int, { nullable: true, description: '课时；有班次未填报时为空' }) hours!: number | null;
  @Field(() => Money) revenue!: string;
  @Field(() => String) revenueWan!: string;
  @Field(() => Int) candidates!: number;
  @Field(() => Int, { nullable: true, description: '通过人数；有批次未填报时为空' }) passed!: number | null;
}

const n = (v: unknown) => Number(v ?? 0);
/** A money sum (exactSum): fen as decimal text, never through a float. */
const fen = (v: unknown) => String(v ?? '0');

const personCounts = new Map<string, { persons: number; social: number }>();

/**
 * Distinct persons (by keyed 身份证号 hash) trained by a group, or by a region's groups, in a year,
 * all and in social training: the one aggregate over people rather than sessions. It reads the
 * trained persons each import adds (`trained_person`, about half the roster rows), grouped by
 * person in the order of its (year, person) index, so a person trained in several groups counts
 * once. Rosters change only by imports, so the counts are kept per "ledger version" (number and
 * time of the groups' imports, read each time from the database, so every replica sees a new
 * import at once) and recomputed only after an import.
 */
async function distinctPersons(db: DataSource, groupIds: readonly string[], year: number): Promise<{ persons: number; social: number }> {
  const version = await db
    .getRepository(LedgerImport)
    .createQueryBuilder('i')
    .select('COUNT(*)', 'imports')
    .addSelect('MAX(i.importedAt)', 'last')
    .where('i.groupId IN (:...groupIds)', { groupIds })
    .getRawOne();
  const key = `${groupIds.join(',')}|${year}|${version?.imports}|${version?.last}`;
  const cached = personCounts.get(key);
  if (cached !== undefined) return cached;
  const people = db
    .getRepository(TrainedPerson)
    .createQueryBuilder('p')
    .select('MAX(p.social)', 'social')
    .where('p.year = :year AND p.groupId IN (:...groupIds)', { groupIds, year })
    .groupBy('p.idNumberHash');
  const row = await db
    .createQueryBuilder()
    .select('COUNT(*)', 'persons')
    .addSelect('COALESCE(SUM(people.social), 0)', 'social')
    .from(`(${people.getQuery()})`, 'people')
    .setParameters(people.getParameters())
    .getRawOne();
  const counts = { persons: n(row?.persons), social: n(row?.social) };
  if (personCounts.size >= 1000) personCounts.clear();
  personCounts.set(key, counts);
  return counts;
}

export async function trainingSection(db: DataSource, groupIds: readonly string[], year: number): Promise<TrainingSection> {
  const sessions = () => db.getRepository(TrainingSession).createQueryBuilder('s').where('s.groupId IN (:...groupIds) AND s.year = :year', { groupIds, year });
  const [totals, byCategory, byTarget, byMode, persons, levels, kinds, designations, byOrganization, batches, unreported] = await Promise.all([
    sessions()
      .select('COUNT(*)', 'sessions')
      .addSelect('COALESCE(SUM(s.personTimes), 0)', 'personTimes')
      .addSelect(knownSum('s.hours'), 'hours')
      .addSelect(exactSum('s.revenue'), 'revenue')
      .getRawOne(),
    sessions()
      .select('s.category', 'category')
      .addSelect('COUNT(*)', 'sessions')
      .addSelect('SUM(s.personTimes)', 'personTimes')
      .addSelect(knownSum('s.hours'), 'hours')
      .addSelect(exactSum('s.revenue'), 'revenue')
      .groupBy('s.category')
      .orderBy('s.category')
      .getRawMany(),
    // The primary target group only (copied onto each session): the groups sum exactly to the person-times.
    sessions()
      .select('s.targetGroup', 'targetGroup')
      .addSelect('SUM(s.personTimes)', 'personTimes')
      .groupBy('s.targetGroup')
      .orderBy('s.targetGroup')
      .getRawMany(),
    sessions().select('s.mode', 'mode').addSelect('SUM(s.personTimes)', 'personTimes').groupBy('s.mode').orderBy('s.mode').getRawMany(),
    distinctPersons(db, groupIds, year),
    db
      .getRepository(CertificationBatch)
      .createQueryBuilder('c')
      .select('c.level', 'level')
      .addSelect('COUNT(*)', 'batches')
      .addSelect('SUM(c.candidates)', 'candidates')
      .addSelect(knownSum('c.passed'), 'passed')
      .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
      .groupBy('c.level')
      .orderBy('c.level')
      .getRawMany(),
    db
      .getRepository(TrainingBase)
      .createQueryBuilder('b')
      .select('b.kind', 'kind')
      .addSelect('COUNT(*)', 'count')
      // The bases that existed in the year: established by its end (bases cannot be closed on the hub yet).
      .where('b.groupId IN (:...groupIds) AND b.establishedOn <= :end', { groupIds, end: `${year}-12-31` })
      .groupBy('b.kind')
      .orderBy('b.kind')
      .getRawMany(),
    db
      .getRepository(BaseDesignation)
      .createQueryBuilder('d')
      .innerJoin(TrainingBase, 'b', 'b.id = d.baseId')
      .select('d.level', 'level')
      .addSelect('COUNT(*)', 'count')
      .where('b.groupId IN (:...groupIds) AND b.establishedOn <= :end AND d.awardedOn <= :end', { groupIds, end: `${year}-12-31` })
      .groupBy('d.level')
      .orderBy('d.level')
      .getRawMany(),
    sessions()
      .select('s.organizationId', 'organizationId')
      .addSelect('SUM(s.personTimes)', 'personTimes')
      .addSelect('SUM(CASE WHEN s.category NOT IN (:...inSchool) THEN s.personTimes ELSE 0 END)', 'socialPersonTimes')
      .setParameter('inSchool', IN_SCHOOL_CATEGORIES)
      .addSelect(exactSum('s.revenue'), 'revenue')
      .groupBy('s.organizationId')
      .orderBy('s.organizationId')
      .getRawMany(),
    db
      .getRepository(CertificationBatch)
      .createQueryBuilder('c')
      .select(`CAST(${knownSum('c.feeRevenue')} AS CHAR)`, 'feeRevenue')
      .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
      .getRawOne(),
    unreportedFigures(db, groupIds, year),
  ]);
  // A batch without a level is NULL in the table: the 未分级 bucket, listed last (NULL sorts first in SQL).
  const byLevel = levels
    .map((l) => ({ level: (l.level ?? CertificationLevel.UNGRADED) as CertificationLevel, candidates: n(l.candidates), passed: knownNumber(l.passed) }))
    .sort((a, b) => Number(a.level === CertificationLevel.UNGRADED) - Number(b.level === CertificationLevel.UNGRADED));
  const categories = byCategory.map((c) => ({
    category: c.category,
    personTimes: n(c.personTimes),
    hours: knownNumber(c.hours),
    revenue: fen(c.revenue),
    sessions: n(c.sessions),
  }));
  const inSchool = categories.filter((c) => IN_SCHOOL_CATEGORIES.includes(c.category));
  const inSchoolPersonTimes = inSchool.reduce((sum, c) => sum + c.personTimes, 0);
  const inSchoolSessions = inSchool.reduce((sum, c) => sum + c.sessions, 0);
  return {
    personTimes: n(totals?.personTimes),
    socialPersonTimes: n(totals?.personTimes) - inSchoolPersonTimes,
    inSchoolPersonTimes,
    distinctPersons: persons.persons,
    socialDistinctPersons: persons.social,
    sessions: n(totals?.sessions),
    socialSessions: n(totals?.sessions) - inSchoolSessions,
    inSchoolSessions,
    hours: knownNumber(totals?.hours),
    revenue: fen(totals?.revenue),
    revenueWan: fenToWan(fen(totals?.revenue)),
    byCategory: categories,
    byTargetGroup: byTarget.map((t) => ({ targetGroup: t.targetGroup, personTimes: n(t.personTimes) })),
    byMode: byMode.map((m) => ({ mode: m.mode, personTimes: n(m.personTimes) })),
    candidates: byLevel.reduce((s, l) => s + l.candidates, 0),
    passed: byLevel.some((l) => l.passed === null) ? null : byLevel.reduce((s, l) => s + l.passed!, 0),
    certificationRevenue: batches?.feeRevenue ?? null,
    byLevel,
    certificationBatches: levels.reduce((s, l) => s + n(l.batches), 0),
    basesByKind: kinds.map((k) => ({ kind: k.kind, count: n(k.count) })),
    designationsByLevel: designations.map((d) => ({ level: d.level, count: n(d.count) })),
    byOrganization: byOrganization.map((o) => ({
      organizationId: o.organizationId,
      personTimes: n(o.personTimes),
      socialPersonTimes: n(o.socialPersonTimes),
      revenue: fen(o.revenue),
    })),
    unreported,
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
      const groups = viewer.readsEveryRegion ? null : viewer.groupIds.length ? [...viewer.groupIds] : [''];
      const inGroups = groups ? ' AND s.groupId IN (:...groups)' : '';
      const [sessions, certifications] = await Promise.all([
        db
          .getRepository(TrainingSession)
          .createQueryBuilder('s')
          .select('s.organizationId', 'organizationId')
          .addSelect('COUNT(*)', 'sessions')
          .addSelect('SUM(s.personTimes)', 'personTimes')
          .addSelect(knownSum('s.hours'), 'hours')
          .addSelect(exactSum('s.revenue'), 'revenue')
          .where(`s.organizationId IN (:...ids) AND s.year = :year${inGroups}`, { ids, year, groups })
          .groupBy('s.organizationId')
          .getRawMany(),
        db
          .getRepository(CertificationBatch)
          .createQueryBuilder('c')
          .select('c.organizationId', 'organizationId')
          .addSelect('SUM(c.candidates)', 'candidates')
          .addSelect(knownSum('c.passed'), 'passed')
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
          hours: s ? knownNumber(s.hours) : 0,
          revenue: fen(s?.revenue),
          revenueWan: fenToWan(fen(s?.revenue)),
          candidates: n(c?.candidates),
          passed: c ? knownNumber(c.passed) : 0,
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
    const section = await trainingSection(ctx.db, [report.groupId], report.year);
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

@Resolver(() => RegionReport)
export class RegionReportTrainingResolver {
  @FieldResolver(() => TrainingSection, { nullable: true, description: '培训与鉴定（本地区各集团合计；培训人数按身份证号跨集团去重）' })
  async training(@Root() report: RegionReport, @Ctx() ctx: BasesContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? trainingSection(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
