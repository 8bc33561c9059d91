import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { BaseCoBuilder } from '../base/base.entity';
import { badInput, Viewer } from '@zjjt/kit';
import { IN_SCHOOL_CATEGORIES, ProgramCategory, TargetGroup, TrainingMode } from '../enums';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@zjjt/kit';

@InputType({ description: '台账查询条件' })
export class LedgerFilter {
  @Field(() => ID, { nullable: true }) groupId?: string | null;
  @Field(() => ID, { nullable: true }) baseId?: string | null;
  @Field(() => ID, { nullable: true, description: '开展培训的单位' }) organizationId?: string | null;
  @Field(() => ProgramCategory, { nullable: true }) category?: ProgramCategory | null;
  @Field(() => TargetGroup, { nullable: true, description: '主要培训对象（与按培训对象的统计一致）' }) targetGroup?: TargetGroup | null;
  @Field(() => TargetGroup, { nullable: true, description: '培训对象之一（项目所列的任一对象，含非主要对象）' }) anyTargetGroup?: TargetGroup | null;
  @Field(() => TrainingMode, { nullable: true }) mode?: TrainingMode | null;
  @Field(() => Boolean, { nullable: true, description: 'true 只列社会培训（在校生证书培训以外的类别），false 只列在校生培训' }) social?: boolean | null;
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => LocalDate, { nullable: true, description: '开班日期不早于' }) from?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '开班日期不晚于' }) to?: string | null;
}

/** The bases the viewer's unit co-builds (one statement; none without a unit), for `applyScope`. */
export async function coBuiltBaseIds(db: DataSource, viewer: Viewer): Promise<string[]> {
  if (!viewer.organizationId) return [];
  const rows = await db.getRepository(BaseCoBuilder).find({ select: { baseId: true }, where: { organizationId: viewer.organizationId } });
  return rows.map((r) => r.baseId);
}

/**
 * Limits a ledger query (alias with baseId, groupId) to what the viewer may read: the bases its
 * unit co-builds (`bases`, from `coBuiltBaseIds`), the groups it is the secretariat of, all of its
 * region's groups for an authority; `figuresOnly` lets the group's reporting bot read totals. Both
 * sides are lists of values, so MySQL/MariaDB merges the two indexes (baseId …, groupId …) instead
 * of scanning the table, as it does for an OR with a subquery.
 */
export function applyScope<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  viewer: Viewer,
  alias: string,
  bases: readonly string[],
  figuresOnly = false,
): SelectQueryBuilder<T> {
  if (viewer.readsEveryRegion) return query;
  const groups = viewer.groupIds.filter((g) => viewer.isSecretariatOf(g) || viewer.isAuthorityOf(g) || (figuresOnly && viewer.has('REPORTER')));
  const sides = [...(bases.length ? [`${alias}.baseId IN (:...scopeBases)`] : []), ...(groups.length ? [`${alias}.groupId IN (:...scopeGroups)`] : [])];
  if (!sides.length) return query.andWhere('1 = 0');
  return query.andWhere(`(${sides.join(' OR ')})`, { scopeBases: bases, scopeGroups: groups });
}

/** Applies a LedgerFilter to sessions (alias s). */
export function applySessionFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: LedgerFilter | null | undefined): SelectQueryBuilder<T> {
  const f = filter ?? {};
  if (f.groupId) query.andWhere('s.groupId = :groupId', { groupId: f.groupId });
  if (f.baseId) query.andWhere('s.baseId = :baseId', { baseId: f.baseId });
  if (f.organizationId) query.andWhere('s.organizationId = :organizationId', { organizationId: f.organizationId });
  if (f.category) query.andWhere('s.category = :category', { category: f.category });
  if (f.mode) query.andWhere('s.mode = :mode', { mode: f.mode });
  if (f.social === true) query.andWhere('s.category NOT IN (:...inSchool)', { inSchool: IN_SCHOOL_CATEGORIES });
  if (f.social === false) query.andWhere('s.category IN (:...inSchool)', { inSchool: IN_SCHOOL_CATEGORIES });
  if (f.year) query.andWhere('s.year = :year', { year: f.year });
  if (f.from) query.andWhere('s.startsOn >= :from', { from: f.from });
  if (f.to) query.andWhere('s.startsOn <= :to', { to: f.to });
  if (f.from && f.to && f.to < f.from) throw badInput(`结束日期 ${f.to} 不能早于开始日期 ${f.from}（to before from）：请改正筛选的日期范围`);
  if (f.targetGroup) query.andWhere('s.targetGroup = :targetGroup', { targetGroup: f.targetGroup });
  if (f.anyTargetGroup)
    query.andWhere('s.programId IN (SELECT ptg.programId FROM program_target_group ptg WHERE ptg.targetGroup = :anyTargetGroup)', {
      anyTargetGroup: f.anyTargetGroup,
    });
  return query;
}

/** Applies a LedgerFilter to certification batches (alias c): group, base, unit, year, assessment period. */
export function applyBatchFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, filter: LedgerFilter | null | undefined): SelectQueryBuilder<T> {
  const f = filter ?? {};
  if (f.groupId) query.andWhere('c.groupId = :groupId', { groupId: f.groupId });
  if (f.baseId) query.andWhere('c.baseId = :baseId', { baseId: f.baseId });
  if (f.organizationId) query.andWhere('c.organizationId = :organizationId', { organizationId: f.organizationId });
  if (f.year) query.andWhere('c.year = :year', { year: f.year });
  if (f.from) query.andWhere('c.assessedOn >= :from', { from: f.from });
  if (f.to) query.andWhere('c.assessedOn <= :to', { to: f.to });
  return query;
}
