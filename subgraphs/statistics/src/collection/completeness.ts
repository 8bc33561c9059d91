import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, registerEnumType, Resolver } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Column, DataSource, Entity, In, Index, PrimaryColumn } from 'typeorm';
import { badInput, DirectoryEntry, manyByKey, MembersDirectory, now, recordAudit, requiredText, UNIT_CATEGORIES, UnitCategory } from '@zjjt/kit';
import type { StatisticsContext } from '../context';
import { RETURN_STATUS_LABEL, ReturnStatus } from '../enums';
import { AnnualReturn, CollectionRound } from './collection.entity';

export enum OrganizationCategory {
  SCHOOL = 'SCHOOL',
  ENTERPRISE = 'ENTERPRISE',
  OTHER = 'OTHER',
}
// The same enum as members' `Organization.category` (members owns the classification; values and words agree).
registerEnumType(OrganizationCategory, {
  name: 'OrganizationCategory',
  description: '单位类别（由单位类型决定）',
  valuesConfig: {
    SCHOOL: { description: '院校（高职、中职、技工、本科）' },
    ENTERPRISE: { description: '企业' },
    OTHER: { description: '其他单位（行业协会、政府部门、科研机构等）' },
  },
});

/** How a unit's category is named in a message. */
export const CATEGORY_LABEL: Record<UnitCategory, string> = { SCHOOL: '院校', ENTERPRISE: '企业', OTHER: '其他单位' };

/**
 * 缺报确认: the secretariat states that a report goes out with members' returns missing, and why. It covers
 * the units missing when it was made (kept by id): it holds while every unit missing is one of them.
 */
@ObjectType({ description: '秘书处对缺报年报的确认（理由随报表报送，作为报表说明）' })
@Entity('return_gap_confirmation')
@Index('ix_gap_group_year', ['groupId', 'year', 'confirmedAt'])
export class ReturnGapConfirmation {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Field(() => String, { description: '理由（报表说明）' }) @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Field(() => Int, { description: '确认时应报单位数' }) @Column({ type: 'int' }) expected!: number;
  @Field(() => Int, { description: '确认时已审核通过数' }) @Column({ type: 'int' }) approved!: number;
  /** The ids of the units missing when confirmed (JSON array). */
  @Column({ type: 'text' }) missingUnitIds!: string;
  @Field(() => String, { description: '确认人' }) @Column({ type: 'varchar', length: 64 }) confirmedBy!: string;
  @Field(() => GraphQLDateTimeISO, { description: '确认时间' }) @Column({ type: 'varchar', length: 24 }) confirmedAt!: string;
  @Field(() => Int, { description: '确认时缺报单位数' }) missing!: number;
  @Field(() => Boolean, { description: '是否仍然有效：当前缺报的单位都在确认时的缺报名单内' }) holds!: boolean;
  @Field(() => Int, { description: '当前缺报但确认时未缺报的单位数（大于 0 时须重新确认）' }) uncovered!: number;
}

@ObjectType({ description: '缺报年报的成员单位' })
export class MissingReturnUnit {
  @Field(() => ID) organizationId!: string;
  @Field(() => String, { nullable: true, description: '单位名称（秘书处、填报机器人、主管部门与本单位可见）' }) name!: string | null;
  @Field(() => OrganizationCategory) category!: UnitCategory;
  @Field(() => String, { description: '年报状态：未开启采集、草稿、已提交待审核、被退回' }) status!: string;
}

@ObjectType({ description: '按单位类别的年报完整性' })
export class CategoryCompleteness {
  @Field(() => OrganizationCategory) category!: UnitCategory;
  @Field(() => Int, { description: '应报单位数' }) expected!: number;
  @Field(() => Int, { description: '已审核通过' }) approved!: number;
  @Field(() => Int, { description: '缺报（未审核通过）' }) missing!: number;
}

/** How complete a year's report is: the units expected to return, those approved, those missing. */
@ObjectType({ description: '报表完整性：应报单位、已审核通过的年报、缺报单位' })
export class ReportCompleteness {
  @Field(() => Boolean, { description: '是否已开启该年度数据采集（未开启时应报单位为当前正式成员）' }) round!: boolean;
  @Field(() => Int, { description: '应报单位数' }) expected!: number;
  @Field(() => Int, { description: '已审核通过' }) approved!: number;
  @Field(() => Int, { description: '缺报单位数' }) missing!: number;
  @Field(() => Boolean, { description: '年报是否齐全' }) complete!: boolean;
  @Field(() => [CategoryCompleteness], { description: '按单位类别（院校、企业、其他单位）' }) byCategory!: CategoryCompleteness[];
  @Field(() => [MissingReturnUnit], { description: '缺报单位（按类别、名称）；成员单位只见本单位' }) missingUnits!: MissingReturnUnit[];
  @Field(() => ReturnGapConfirmation, { nullable: true, description: '秘书处最近一次缺报确认' }) confirmation!: ReturnGapConfirmation | null;
  @Field(() => Boolean, { description: '缺报已由秘书处确认且确认仍然有效（齐全时为 false）' }) gapConfirmed!: boolean;
}

/** The completeness of a report as the hub computes it, before it is cut to what a viewer may see. */
export interface Completeness extends ReportCompleteness {
  /** Every missing unit, with its name, whoever asks (the blocking messages are cut with the same rule). */
  allMissing: MissingReturnUnit[];
}

const NO_ROUND = '未开启采集';

/** A confirmation with what it covers now: it holds while every unit missing now is one it named. */
function withHold(c: ReturnGapConfirmation, missingNow: string[]): ReturnGapConfirmation {
  const named = new Set(JSON.parse(c.missingUnitIds) as string[]);
  const uncovered = missingNow.filter((id) => !named.has(id)).length;
  return { ...c, missing: named.size, holds: uncovered === 0, uncovered };
}

/**
 * The units expected to return for the year and which of them are missing. Expected: the units of the
 * year's collection round (every active member when it was opened); with no round, the group's active
 * members now. Missing: every expected unit whose return is not approved. Names and categories come from
 * members through the directory: one page walk of the active members, and one look-up per unit that has
 * left since the round was opened.
 */
export async function computeCompleteness(db: DataSource, directory: MembersDirectory, groupId: string, year: number): Promise<Completeness> {
  return (await completenessOfMany(db, directory, [{ groupId, year }]))[0];
}

/**
 * `computeCompleteness` of several reports (a ranking page) in three statements whatever their number:
 * their rounds, the rounds' returns and their gap confirmations.
 */
export async function completenessOfMany(
  db: DataSource,
  directory: MembersDirectory,
  keys: readonly { groupId: string; year: number }[],
): Promise<Completeness[]> {
  const key = (r: { groupId: string; year: number }) => `${r.groupId}|${r.year}`;
  const groupIds = [...new Set(keys.map((k) => k.groupId))];
  const years = [...new Set(keys.map((k) => k.year))];
  const rounds = new Map(
    (await db.getRepository(CollectionRound).findBy({ groupId: In(groupIds), year: In(years) })).map((r) => [key(r), r] as [string, CollectionRound]),
  );
  const roundIds = [...rounds.values()].map((r) => r.id);
  const returns = roundIds.length
    ? manyByKey(
        roundIds,
        await db.getRepository(AnnualReturn).find({ select: { roundId: true, organizationId: true, status: true }, where: { roundId: In(roundIds) } }),
        (r) => r.roundId,
      )
    : [];
  const returnsOf = new Map(roundIds.map((id, i) => [id, returns[i]]));
  const confirmations = await db
    .getRepository(ReturnGapConfirmation)
    .find({ where: { groupId: In(groupIds), year: In(years) }, order: { confirmedAt: 'DESC' } });
  const latest = new Map<string, ReturnGapConfirmation>();
  for (const c of confirmations) if (!latest.has(key(c))) latest.set(key(c), c);
  return Promise.all(keys.map((k) => completenessOf(directory, k.groupId, rounds.get(key(k)) ?? null, returnsOf, latest.get(key(k)) ?? null)));
}

async function completenessOf(
  directory: MembersDirectory,
  groupId: string,
  round: CollectionRound | null,
  returnsOf: Map<string, AnnualReturn[]>,
  latest: ReturnGapConfirmation | null,
): Promise<Completeness> {
  const active = await directory.activeMembers(groupId);
  const units = new Map<string, DirectoryEntry>(active.map((m) => [m.id, m]));
  let expected: { organizationId: string; status: ReturnStatus | null }[];
  if (round) {
    expected = (returnsOf.get(round.id) ?? []).map((r) => ({ organizationId: r.organizationId, status: r.status }));
    for (const r of expected.filter((e) => !units.has(e.organizationId))) {
      const unit = await directory.byId(r.organizationId);
      if (unit) units.set(unit.id, unit);
    }
  } else expected = active.map((m) => ({ organizationId: m.id, status: null }));

  const categoryOf = (id: string): UnitCategory => units.get(id)?.category ?? 'OTHER';
  const missingRows = expected.filter((e) => e.status !== ReturnStatus.APPROVED);
  const allMissing: MissingReturnUnit[] = missingRows
    .map((e) => ({
      organizationId: e.organizationId,
      name: units.get(e.organizationId)?.name ?? null,
      category: categoryOf(e.organizationId),
      status: e.status ? RETURN_STATUS_LABEL[e.status] : NO_ROUND,
    }))
    .sort((a, b) => UNIT_CATEGORIES.indexOf(a.category) - UNIT_CATEGORIES.indexOf(b.category) || (a.name ?? '').localeCompare(b.name ?? '', 'zh'));
  const byCategory = UNIT_CATEGORIES.map((category) => {
    const of = expected.filter((e) => categoryOf(e.organizationId) === category);
    const approved = of.filter((e) => e.status === ReturnStatus.APPROVED).length;
    return { category, expected: of.length, approved, missing: of.length - approved };
  }).filter((c) => c.expected > 0);
  const confirmation = latest
    ? withHold(
        latest,
        allMissing.map((m) => m.organizationId),
      )
    : null;
  if (latest && confirmation && !confirmation.holds) {
    // The units a lapsed confirmation did not name come first: they are what the secretariat must look at.
    const named = new Set(JSON.parse(latest.missingUnitIds) as string[]);
    allMissing.sort((a, b) => Number(named.has(a.organizationId)) - Number(named.has(b.organizationId)));
  }
  const missing = allMissing.length;
  return {
    round: !!round,
    expected: expected.length,
    approved: expected.length - missing,
    missing,
    complete: missing === 0,
    byCategory,
    missingUnits: allMissing,
    allMissing,
    confirmation,
    gapConfirmed: missing > 0 && !!confirmation?.holds,
  };
}

/** The completeness a viewer sees: counts for every reader of the report; missing units by name to those who read all units, else only their own. */
export function visibleCompleteness(ctx: StatisticsContext, groupId: string, c: Completeness): ReportCompleteness {
  const all = ctx.viewer.canReadAllUnitsOf(groupId);
  const { allMissing: _all, ...rest } = c;
  return { ...rest, missingUnits: c.allMissing.filter((m) => all || m.organizationId === ctx.viewer.organizationId) };
}

/** The 说明 submitted with a report: the reason of the confirmation that covers its missing returns. */
export const noteOf = (c: ReportCompleteness | null | undefined): string | null => (c?.gapConfirmed && c.confirmation ? c.confirmation.reason : null);

@Resolver()
export class ReturnGapResolver {
  @Mutation(() => ReturnGapConfirmation, {
    description:
      '秘书处确认缺报：在仍有成员年报未审核通过时，说明理由后允许报送由年报汇总的字段；理由作为报表说明随报表报送。确认只覆盖此刻缺报的单位：之后新增的缺报单位须重新确认',
  })
  async confirmReturnGaps(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('year', () => Int) year: number,
    @Arg('reason', () => String, { description: '理由，如“6 家企业成员已停产，无法报送；其余已催报”' }) reason: string,
    @Ctx() ctx: StatisticsContext,
  ): Promise<ReturnGapConfirmation> {
    ctx.viewer.requireSecretariatOf(groupId);
    const text = requiredText(reason, '缺报确认理由', 500);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput(`年度应在 2000 到 2100 之间，当前为 ${year}（year）`);
    const c = await computeCompleteness(ctx.db, ctx.loaders.directory, groupId, year);
    if (!c.missing) throw badInput(`${year} 年度应报的 ${c.expected} 家成员单位年报均已审核通过，无需确认缺报 (no returns missing)`);
    const row = {
      id: randomUUID(),
      groupId,
      year,
      reason: text,
      expected: c.expected,
      approved: c.approved,
      missingUnitIds: JSON.stringify(c.allMissing.map((m) => m.organizationId)),
      confirmedBy: ctx.viewer.requireUser(),
      confirmedAt: now(),
    };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(ReturnGapConfirmation).insert(row);
      await recordAudit(em, ctx.viewer, { groupId, operation: 'confirmReturnGaps', entity: 'ReturnGapConfirmation', id: row.id, after: row });
    });
    return { ...row, missing: c.missing, holds: true, uncovered: 0 };
  }
}
