import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { parseRegionReportId, regionReportGroups } from '@zjjt/kit';
import { groupIdsInRegion } from '../group/group.resolver';
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

/**
 * Members at the end of `year` of one group or several (a region's roll-up), counted in SQL as distinct
 * units: a unit in several of the groups counts once in the totals and by type, and once in each role it
 * holds (so `byRole` may add up to more than `total` across groups); joins and exits in the year are
 * memberships (a unit joining two groups is two joins). For one group both are the same.
 */
export async function membershipSection(db: DataSource, groupIds: readonly string[], year: number): Promise<MembershipSection> {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const atYearEnd = () =>
    db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoin(Organization, 'o', 'o.id = m.organizationId')
      .where('m.groupId IN (:...groupIds) AND m.status IN (:...statuses) AND m.joinedOn <= :end AND (m.exitedOn IS NULL OR m.exitedOn > :end)', {
        groupIds,
        end,
        yes: true,
        statuses: [MembershipStatus.ACTIVE, MembershipStatus.EXITED],
      });
  const [byType, byRole, moves]: [
    { type: OrganizationType; count: string; above: string; f500: string }[],
    { role: MembershipRole; count: string }[],
    { joined: string; exited: string } | undefined,
  ] = await Promise.all([
    atYearEnd()
      .select('o.type', 'type')
      .addSelect('COUNT(DISTINCT o.id)', 'count')
      .addSelect('COUNT(DISTINCT CASE WHEN o.aboveDesignatedSize = :yes THEN o.id END)', 'above')
      .addSelect('COUNT(DISTINCT CASE WHEN o.fortune500 = :yes THEN o.id END)', 'f500')
      .groupBy('o.type')
      .getRawMany(),
    atYearEnd().select('m.role', 'role').addSelect('COUNT(DISTINCT o.id)', 'count').groupBy('m.role').getRawMany(),
    db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .select('SUM(CASE WHEN m.joinedOn >= :start AND m.joinedOn <= :end THEN 1 ELSE 0 END)', 'joined')
      .addSelect('SUM(CASE WHEN m.exitedOn >= :start AND m.exitedOn <= :end THEN 1 ELSE 0 END)', 'exited')
      .where('m.groupId IN (:...groupIds)', { groupIds, start, end })
      .getRawOne(),
  ]);
  const enterprises = byType.filter((r) => CATEGORY_OF_TYPE[r.type] === OrganizationCategory.ENTERPRISE);
  return {
    total: byType.reduce((n, r) => n + Number(r.count), 0),
    enterprises: enterprises.reduce((n, r) => n + Number(r.count), 0),
    aboveDesignatedSize: enterprises.reduce((n, r) => n + Number(r.above), 0),
    fortune500: enterprises.reduce((n, r) => n + Number(r.f500), 0),
    schools: byType.filter((r) => CATEGORY_OF_TYPE[r.type] === OrganizationCategory.SCHOOL).reduce((n, r) => n + Number(r.count), 0),
    byType: byType.map((r) => ({ type: r.type, count: Number(r.count) })),
    byRole: byRole.map((r) => ({ role: r.role, count: Number(r.count) })),
    joined: Number(moves?.joined ?? 0),
    exited: Number(moves?.exited ?? 0),
  };
}

/** 地区年度汇总 (owned by statistics): this subgraph contributes `membership` and `activities` over the region's groups. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '地区年度汇总（主管部门）' })
export class RegionReport {
  @Field(() => ID) id!: string;
}

/** The groups a roll-up sums, as this viewer reads them (null: not the viewer's region). */
export const regionGroupsOf = (ctx: MembersContext, report: RegionReport) =>
  regionReportGroups(ctx.viewer, parseRegionReportId(report.id), (region, type) => groupIdsInRegion(ctx.db, region, type));

@Resolver(() => RegionReport)
export class RegionReportMembershipResolver {
  @FieldResolver(() => MembershipSection, { nullable: true, description: '成员单位（跨集团的同一单位只计一次）' })
  async membership(@Root() report: RegionReport, @Ctx() ctx: MembersContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? membershipSection(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}

@Resolver(() => AnnualReport)
export class AnnualReportResolver {
  @FieldResolver(() => MembershipSection, { nullable: true, description: '成员单位' })
  membership(@Root() report: AnnualReport, @Ctx() ctx: MembersContext) {
    return ctx.viewer.canReadReportOf(report.groupId) ? membershipSection(ctx.db, [report.groupId], report.year) : null;
  }
}

@ObjectType({ description: '地区汇总：每个集团的成员数（排名用）' })
export class GroupMembershipFigures {
  @Field(() => ID) groupId!: string;
  @Field(() => Int, { description: '成员单位总数（年末）' }) total!: number;
  @Field(() => Int, { description: '企业' }) enterprises!: number;
}

/** Every group's members at the end of `year` by category: one statement grouped by group and unit type. */
export async function membershipByGroup(db: DataSource, groupIds: readonly string[], year: number): Promise<GroupMembershipFigures[]> {
  const end = `${year}-12-31`;
  const rows: { groupId: string; type: OrganizationType; count: string }[] = await db
    .getRepository(Membership)
    .createQueryBuilder('m')
    .innerJoin(Organization, 'o', 'o.id = m.organizationId')
    .select('m.groupId', 'groupId')
    .addSelect('o.type', 'type')
    .addSelect('COUNT(*)', 'count')
    .where('m.groupId IN (:...groupIds) AND m.status IN (:...statuses) AND m.joinedOn <= :end AND (m.exitedOn IS NULL OR m.exitedOn > :end)', {
      groupIds,
      end,
      statuses: [MembershipStatus.ACTIVE, MembershipStatus.EXITED],
    })
    .groupBy('m.groupId')
    .addGroupBy('o.type')
    .getRawMany();
  return groupIds.filter(Boolean).map((groupId) => {
    const own = rows.filter((r) => r.groupId === groupId);
    return {
      groupId,
      total: own.reduce((n, r) => n + Number(r.count), 0),
      enterprises: own.filter((r) => CATEGORY_OF_TYPE[r.type] === OrganizationCategory.ENTERPRISE).reduce((n, r) => n + Number(r.count), 0),
    };
  });
}

@Resolver(() => RegionReport)
export class RegionReportMembershipByGroupResolver {
  @FieldResolver(() => [GroupMembershipFigures], { nullable: true, description: '每个集团的成员数（集团排名用）' })
  async membershipByGroup(@Root() report: RegionReport, @Ctx() ctx: MembersContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? membershipByGroup(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
