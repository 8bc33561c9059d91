import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { MembersContext } from '../context';
import { CATEGORY_OF_TYPE, MembershipRole, MembershipStatus, OrganizationCategory, OrganizationType } from '../enums';
import { Membership } from '../membership/membership.entity';
import { Organization } from '../organization/organization.entity';

/** 集团年度报告 (owned by statistics): this subgraph contributes the `membership` section. */
@Directive('@key(fields: "groupId year")')
@ObjectType({ description: '集团年度报告' })
export class AnnualReport {
  @Field(() => ID) groupId!: string;
  @Field(() => Int) year!: number;
}

@ObjectType({ description: '按单位类型统计' })
export class TypeCount {
  @Field(() => OrganizationType) type!: OrganizationType;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '按成员角色统计' })
export class RoleCount {
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: '年度报告：成员单位部分（截至年末）' })
export class MembershipSection {
  @Field(() => Int, { description: '成员单位总数' }) total!: number;
  @Field(() => Int, { description: '企业' }) enterprises!: number;
  @Field(() => Int, { description: '其中规模以上企业' }) aboveDesignatedSize!: number;
  @Field(() => Int, { description: '其中 500 强企业' }) fortune500!: number;
  @Field(() => Int, { description: '院校' }) schools!: number;
  @Field(() => [TypeCount]) byType!: TypeCount[];
  @Field(() => [RoleCount]) byRole!: RoleCount[];
  @Field(() => Int, { description: '当年加入' }) joined!: number;
  @Field(() => Int, { description: '当年退出' }) exited!: number;
}

/** Members at the end of `year`, grouped in SQL by type and role; joins and exits in the year. */
export async function membershipSection(db: DataSource, groupId: string, year: number): Promise<MembershipSection> {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const rows: { type: OrganizationType; role: MembershipRole; count: string; above: string; f500: string }[] = await db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoin(Organization, 'o', 'o.id = m.organizationId')
    .select('o.type', 'type')
    .addSelect('m.role', 'role')
    .addSelect('COUNT(*)', 'count')
    .addSelect('SUM(CASE WHEN o.aboveDesignatedSize = :yes THEN 1 ELSE 0 END)', 'above')
    .addSelect('SUM(CASE WHEN o.fortune500 = :yes THEN 1 ELSE 0 END)', 'f500')
    .where('m.groupId = :groupId AND m.status IN (:...statuses) AND m.joinedOn <= :end AND (m.exitedOn IS NULL OR m.exitedOn > :end)', {
      groupId,
      end,
      yes: true,
      statuses: [MembershipStatus.ACTIVE, MembershipStatus.EXITED],
    })
    .groupBy('o.type')
    .addGroupBy('m.role')
    .getRawMany();
  const moves: { joined: string; exited: string } | undefined = await db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .select('SUM(CASE WHEN m.joinedOn >= :start AND m.joinedOn <= :end THEN 1 ELSE 0 END)', 'joined')
    .addSelect('SUM(CASE WHEN m.exitedOn >= :start AND m.exitedOn <= :end THEN 1 ELSE 0 END)', 'exited')
    .where('m.groupId = :groupId', { groupId, start, end })
    .getRawOne();

  const sum = <K extends string>(key: (r: (typeof rows)[number]) => K) => {
    const totals = new Map<K, number>();
    for (const r of rows) totals.set(key(r), (totals.get(key(r)) ?? 0) + Number(r.count));
    return totals;
  };
  const enterprises = rows.filter((r) => CATEGORY_OF_TYPE[r.type] === OrganizationCategory.ENTERPRISE);
  return {
    total: rows.reduce((n, r) => n + Number(r.count), 0),
    enterprises: enterprises.reduce((n, r) => n + Number(r.count), 0),
    aboveDesignatedSize: enterprises.reduce((n, r) => n + Number(r.above), 0),
    fortune500: enterprises.reduce((n, r) => n + Number(r.f500), 0),
    schools: rows.filter((r) => CATEGORY_OF_TYPE[r.type] === OrganizationCategory.SCHOOL).reduce((n, r) => n + Number(r.count), 0),
    byType: [...sum((r) => r.type)].map(([type, count]) => ({ type, count })),
    byRole: [...sum((r) => r.role)].map(([role, count]) => ({ role, count })),
    joined: Number(moves?.joined ?? 0),
    exited: Number(moves?.exited ?? 0),
  };
}

@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  @FieldResolver(() => MembershipSection, { nullable: true, description: '成员单位' })
  membership(@Root() report: AnnualReport, @Ctx() ctx: MembersContext) {
    return ctx.viewer.canReadReportOf(report.groupId) ? membershipSection(ctx.db, report.groupId, report.year) : null;
  }
}
