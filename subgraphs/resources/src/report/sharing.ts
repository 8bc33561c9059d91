import { exactSum, Money, parseRegionReportId, regionGroupsOf } from '@zjjt/kit';
import { Ctx, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { ResourcesContext } from '../context';
import { COUNT_FIELDS, CountField, Cooperation, MONEY_FIELDS, MoneyField } from '../cooperation/cooperation.entity';
import { RequestStatus, ResourceKind, ResourceStatus } from '../enums';
import { ResourceRequest } from '../request/request.entity';
import { SharedResource } from '../resource/resource.entity';
import { AnnualReport, RegionReport } from '../stubs';

@ObjectType({ description: '按资源类型统计' })
export class KindCount {
  @Field(() => ResourceKind) kind!: ResourceKind;
  @Field(() => Int, { description: '条数' }) count!: number;
  @Field(() => Int, { description: '数量合计（容量或申请数量）' }) quantity!: number;
  @Field(() => Int, { description: '实际参与人数合计（仅已完成的申请）' }) participants!: number;
}

@ObjectType({ description: '按登记单位统计' })
export class OrganizationSharingFigures {
  @Field(() => ID) organizationId!: string;
  @Field(() => Money, { description: '技术服务收入（元）' }) serviceIncome!: string;
}

/** 资源共建共享: the group's cooperation ledgers summed for the year, and resource use by kind. */
@ObjectType({ description: '年度报告：资源共建共享部分' })
export class SharingSection {
  @Field(() => Int, { description: '合作台账条数' }) cooperations!: number;
  @Field(() => Int) orderClassStudents!: number;
  @Field(() => Int) apprentices!: number;
  @Field(() => Int, { description: '互兼互聘教师（人，双向合计：企业人员到校任教与学校教师受聘到企业）' }) mutualTeachers!: number;
  @Field(() => Int, { description: '互兼互聘授课（课时，双向合计）' }) mutualTeachingHours!: number;
  @Field(() => Int, {
    nullable: true,
    description: '企业兼职教师（人）：企业人员到学校兼职任教，只计这一方向；有台账未填方向时为空（未填报），见 undirectedCooperations',
  })
  enterpriseTeachers!: number | null;
  @Field(() => Int, { nullable: true, description: '企业兼职教师授课（课时）：企业人员到学校任教的课时；有台账未填方向时为空' }) enterpriseTeachingHours!:
    number | null;
  @Field(() => [ID], { description: '填了互兼互聘却未填方向（其中企业人员到校任教）的台账：用 updateCooperation 补填后才有企业兼职教师数' })
  undirectedCooperations!: string[];
  @Field(() => Int) teacherPracticePersonTimes!: number;
  @Field(() => Int) teacherPracticeDays!: number;
  @Field(() => Int) coCourses!: number;
  @Field(() => Int) coTextbooks!: number;
  @Field(() => Int) coBases!: number;
  @Field(() => Int) patents!: number;
  @Field(() => Int) certificates1X!: number;
  @Field(() => Money, { description: '企业投入（元）' }) investment!: string;
  @Field(() => Money, { description: '其中到账（元）' }) investmentReceived!: string;
  @Field(() => Money, { description: '其中设备值（元）' }) equipmentValue!: string;
  @Field(() => Money, { description: '技术服务收入（元）' }) serviceIncome!: string;
  @Field(() => [KindCount], { description: '当年发布的资源，按类型' }) resourcesPosted!: KindCount[];
  @Field(() => [KindCount], { description: '当年完成的资源申请，按类型' }) requestsCompleted!: KindCount[];
  @Field(() => [OrganizationSharingFigures], { description: '按登记单位（指标完成情况用）' }) byOrganization!: OrganizationSharingFigures[];
}

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

/** All figures with SQL aggregates over indexed columns: six statements. Money sums stay exact fen as decimal text. */
export async function sharingSection(db: DataSource, groupIds: readonly string[], year: number): Promise<SharingSection> {
  const sums = [...COUNT_FIELDS.map((f) => `COALESCE(SUM(c.${f}), 0) AS ${f}`), ...MONEY_FIELDS.map((f) => `${exactSum(`c.${f}`)} AS ${f}`)].join(', ');
  const totals: Record<string, string | number> =
    (await db
      .getRepository(Cooperation)
      .createQueryBuilder('c')
      .select(`COUNT(*) AS cooperations, ${sums}`)
      .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
      .getRawOne()) ?? {};
  // 企业兼职教师 counts one direction only; a row that has mutual teachers (hours) but no direction makes the figure unknown.
  const undirected = `(c.mutualTeachers > 0 AND c.enterpriseTeachers IS NULL) OR (c.mutualTeachingHours > 0 AND c.enterpriseTeachingHours IS NULL)`;
  const direction: Record<string, string | number | null> =
    (await db
      .getRepository(Cooperation)
      .createQueryBuilder('c')
      .select('COALESCE(SUM(c.enterpriseTeachers), 0)', 'enterpriseTeachers')
      .addSelect('COALESCE(SUM(c.enterpriseTeachingHours), 0)', 'enterpriseTeachingHours')
      .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
      .getRawOne()) ?? {};
  const undirectedRows: { id: string }[] = await db
    .getRepository(Cooperation)
    .createQueryBuilder('c')
    .select('c.id', 'id')
    .where(`c.groupId IN (:...groupIds) AND c.year = :year AND (${undirected})`, { groupIds, year })
    .orderBy('c.id')
    .getRawMany();
  const { from, to } = yearRange(year);
  const posted: { kind: ResourceKind; count: string; quantity: string }[] = await db
    .getRepository(SharedResource)
    .createQueryBuilder('r')
    .select('r.kind', 'kind')
    .addSelect('COUNT(*)', 'count')
    .addSelect('COALESCE(SUM(r.capacity), 0)', 'quantity')
    .where('r.groupId IN (:...groupIds) AND r.status <> :draft AND r.publishedAt >= :from AND r.publishedAt < :to', {
      groupIds,
      draft: ResourceStatus.DRAFT,
      from,
      to,
    })
    .groupBy('r.kind')
    .orderBy('r.kind')
    .getRawMany();
  const completed: { kind: ResourceKind; count: string; quantity: string; participants: string }[] = await db
    .getRepository(ResourceRequest)
    .createQueryBuilder('q')
    .select('q.kind', 'kind')
    .addSelect('COUNT(*)', 'count')
    .addSelect('COALESCE(SUM(q.quantity), 0)', 'quantity')
    .addSelect('COALESCE(SUM(q.outcomeParticipants), 0)', 'participants')
    .where('q.groupId IN (:...groupIds) AND q.status = :completed AND q.completedAt >= :from AND q.completedAt < :to', {
      groupIds,
      completed: RequestStatus.COMPLETED,
      from,
      to,
    })
    .groupBy('q.kind')
    .orderBy('q.kind')
    .getRawMany();

  const byOrganization: { organizationId: string; serviceIncome: string }[] = await db
    .getRepository(Cooperation)
    .createQueryBuilder('c')
    .select('c.organizationId', 'organizationId')
    .addSelect(exactSum('c.serviceIncome'), 'serviceIncome')
    .where('c.groupId IN (:...groupIds) AND c.year = :year', { groupIds, year })
    .groupBy('c.organizationId')
    .orderBy('c.organizationId')
    .getRawMany();

  // MySQL returns SUM() as DECIMAL text; every count is a whole number, money stays text (fen).
  const figure = (key: string) => Number(totals[key] ?? 0);
  const amount = (key: string) => String(totals[key] ?? '0');
  return {
    cooperations: figure('cooperations'),
    ...(Object.fromEntries(COUNT_FIELDS.map((f) => [f, figure(f)])) as Record<CountField, number>),
    ...(Object.fromEntries(MONEY_FIELDS.map((f) => [f, amount(f)])) as Record<MoneyField, string>),
    enterpriseTeachers: undirectedRows.length ? null : Number(direction.enterpriseTeachers ?? 0),
    enterpriseTeachingHours: undirectedRows.length ? null : Number(direction.enterpriseTeachingHours ?? 0),
    undirectedCooperations: undirectedRows.map((r) => r.id),
    resourcesPosted: posted.map((p) => ({ kind: p.kind, count: Number(p.count), quantity: Number(p.quantity), participants: 0 })),
    requestsCompleted: completed.map((c) => ({ kind: c.kind, count: Number(c.count), quantity: Number(c.quantity), participants: Number(c.participants) })),
    byOrganization: byOrganization.map((o) => ({ organizationId: o.organizationId, serviceIncome: o.serviceIncome })),
  };
}

@Resolver(() => AnnualReport)
export class AnnualReportSharingResolver {
  @FieldResolver(() => SharingSection, {
    nullable: true,
    description: '资源共建共享（本集团用户与主管部门可见；按单位的数字只见本单位，秘书处与填报机器人见全部）',
  })
  async sharing(@Root() report: AnnualReport, @Ctx() ctx: ResourcesContext) {
    if (!ctx.viewer.canReadReportOf(report.groupId)) return null;
    const section = await sharingSection(ctx.db, [report.groupId], report.year);
    return { ...section, byOrganization: section.byOrganization.filter((o) => ctx.viewer.canReadUnitFigures(report.groupId, o.organizationId)) };
  }
}

@Resolver(() => RegionReport)
export class RegionReportSharingResolver {
  @FieldResolver(() => SharingSection, { nullable: true, description: '资源共建共享（本地区各集团合计，金额精确到分）' })
  async sharing(@Root() report: RegionReport, @Ctx() ctx: ResourcesContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? sharingSection(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
