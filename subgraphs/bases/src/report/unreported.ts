import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DataSource } from 'typeorm';
import { CertificationLevel } from '../enums';
import { CertificationBatch, TrainingSession } from '../ledger/ledger.entity';

/** How many row codes an unreported figure lists; `count` says how many there are. */
export const MAX_LISTED_ROWS = 20;

/**
 * The sum of a column that may hold NULL (not reported): NULL as soon as one row lacks the value —
 * a sum over rows some of which are unknown is unknown, never the sum of the known ones; 0 over no rows.
 */
export const knownSum = (column: string) => `CASE WHEN COUNT(${column}) = COUNT(*) THEN COALESCE(SUM(${column}), 0) END`;

/** A number from a knownSum: null stays null (not reported). */
export const knownNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

@ObjectType({ description: '缺少某项数值的台账行' })
export class LedgerRowRef {
  @Field(() => ID) id!: string;
  @Field(() => ID) baseId!: string;
  @Field(() => String, { description: '班次编号或批次编号' }) code!: string;
}

@ObjectType({ description: '未填报的数字：哪些数字因此为空（未填报），由哪些台账行缺值引起' })
export class UnreportedFigure {
  @Field(() => String, { description: '缺少的台账数值：hours 课时 | passed 通过人数 | certificationRevenue 鉴定收费' }) figure!: string;
  @Field(() => String, { description: '中文名称' }) label!: string;
  @Field(() => String, { description: '台账：培训班次 | 鉴定批次' }) ledger!: string;
  @Field(() => [String], { description: '本部分中因此为空的数字（路径，如 hours、byCategory.EMPLOYEE_SKILLS.hours、byLevel.LEVEL_4.passed）' })
  affects!: string[];
  @Field(() => [LedgerRowRef], { description: `缺值的台账行（按编号排序，最多 ${MAX_LISTED_ROWS} 行）` }) rows!: LedgerRowRef[];
  @Field(() => Int, { description: '缺值的台账行数' }) count!: number;
  @Field(() => String, { description: '说明（中文）' }) message!: string;
}

/** 「课时」未填报：培训班次 BC-1、BC-2 等 3 行缺少课时. */
export function unreportedMessage(label: string, ledger: string, codes: string[], count: number): string {
  const listed = codes.join('、');
  return `「${label}」未填报：${ledger} ${listed}${count > codes.length ? ` 等 ${count} 行` : ` 共 ${count} 行`}缺少${label}，依赖它的数字按未填报（空）计`;
}

interface Spec {
  figure: string;
  label: string;
  ledger: string;
  entity: typeof TrainingSession | typeof CertificationBatch;
  column: string;
  /** The breakdown the missing value also empties: its GROUP BY column and the path of each bucket's figure (none: no breakdown). */
  bucket: { column: string; path: ((key: string) => string) | null };
  /** Figures of the section that are null whenever any row lacks the value. */
  totals: string[];
}

const SPECS: Spec[] = [
  {
    figure: 'hours',
    label: '课时',
    ledger: '培训班次',
    entity: TrainingSession,
    column: 'hours',
    bucket: { column: 'category', path: (category) => `byCategory.${category}.hours` },
    totals: ['hours'],
  },
  {
    figure: 'passed',
    label: '通过人数',
    ledger: '鉴定批次',
    entity: CertificationBatch,
    column: 'passed',
    bucket: { column: 'level', path: (level) => `byLevel.${level ?? CertificationLevel.UNGRADED}.passed` },
    totals: ['passed'],
  },
  {
    figure: 'certificationRevenue',
    label: '鉴定收费',
    ledger: '鉴定批次',
    entity: CertificationBatch,
    column: 'feeRevenue',
    bucket: { column: 'level', path: null },
    totals: ['certificationRevenue'],
  },
];

/**
 * The figures of a group's year that are not reported because ledger rows lack a value: per figure,
 * which figures of the section it empties, how many rows and the first rows by code. Two indexed
 * statements per figure (a GROUP BY and a capped list), none when nothing is missing.
 */
export async function unreportedFigures(db: DataSource, groupIds: readonly string[], year: number): Promise<UnreportedFigure[]> {
  const found = await Promise.all(
    SPECS.map(async (spec) => {
      const missing = () =>
        db
          .getRepository(spec.entity)
          .createQueryBuilder('r')
          .where(`r.groupId IN (:...groupIds) AND r.year = :year AND r.${spec.column} IS NULL`, { groupIds, year });
      const buckets: { bucket: string | null; count: string }[] = await missing()
        .select(`r.${spec.bucket.column}`, 'bucket')
        .addSelect('COUNT(*)', 'count')
        .groupBy(`r.${spec.bucket.column}`)
        .orderBy(`r.${spec.bucket.column}`)
        .getRawMany();
      if (!buckets.length) return null;
      const rows: LedgerRowRef[] = await missing()
        .select(['r.id AS id', 'r.baseId AS baseId', 'r.code AS code'])
        .orderBy('r.code')
        .addOrderBy('r.id')
        .limit(MAX_LISTED_ROWS)
        .getRawMany();
      const count = buckets.reduce((n, b) => n + Number(b.count), 0);
      return {
        figure: spec.figure,
        label: spec.label,
        ledger: spec.ledger,
        affects: [...spec.totals, ...(spec.bucket.path ? buckets.map((b) => spec.bucket.path!(b.bucket as string)) : [])],
        rows: rows.map((r) => ({ id: r.id, baseId: r.baseId, code: r.code })),
        count,
        message: unreportedMessage(
          spec.label,
          spec.ledger,
          rows.map((r) => r.code),
          count,
        ),
      };
    }),
  );
  return found.filter((f): f is UnreportedFigure => f !== null);
}
