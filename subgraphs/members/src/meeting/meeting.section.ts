import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import { MembersContext } from '../context';
import { AnnualReport, RegionReport, regionGroupsOf } from '../report/membership-section';
import { parseRegionReportId } from '@zjjt/kit';
import { Meeting } from './meeting.entity';
import { MEETING_KIND_LABEL, MEETING_KINDS, MeetingKind } from './meeting.enums';

@ObjectType({ description: '会议/活动：按类别' })
export class MeetingKindCount {
  @Field(() => MeetingKind) kind!: MeetingKind;
  @Field(() => String, { description: '类别名称' }) label!: string;
  @Field(() => Int, { description: '次数' }) count!: number;
}

@ObjectType({ description: '年度报告：集团会议与活动部分' })
export class ActivitiesSection {
  @Field(() => Int, { description: '会议/活动总次数（按日期在报告年度内）' }) meetings!: number;
  @Field(() => [MeetingKindCount], { description: '按类别（七类全部列出，合计等于总次数）' }) meetingsByKind!: MeetingKindCount[];
}

/** One GROUP BY over (groupId, year). */
export async function activitiesSection(db: DataSource, groupIds: readonly string[], year: number): Promise<ActivitiesSection> {
  const rows: { kind: MeetingKind; count: string | number }[] = await db
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .select('m.kind', 'kind')
    .addSelect('COUNT(*)', 'count')
    .where('m.groupId IN (:...groupIds) AND m.year = :year', { groupIds, year })
    .groupBy('m.kind')
    .getRawMany();
  const counts = new Map(rows.map((r) => [r.kind, Number(r.count)]));
  const meetingsByKind = MEETING_KINDS.map((kind) => ({ kind, label: MEETING_KIND_LABEL[kind], count: counts.get(kind) ?? 0 }));
  return { meetings: meetingsByKind.reduce((n, k) => n + k.count, 0), meetingsByKind };
}

@Resolver(() => AnnualReport)
export class AnnualReportActivitiesResolver {
  @FieldResolver(() => ActivitiesSection, { nullable: true, description: '会议与活动（次数按类别；本集团用户与主管部门可见）' })
  activities(@Root() report: AnnualReport, @Ctx() ctx: MembersContext) {
    return ctx.viewer.canReadReportOf(report.groupId) ? activitiesSection(ctx.db, [report.groupId], report.year) : null;
  }
}

@Resolver(() => RegionReport)
export class RegionReportActivitiesResolver {
  @FieldResolver(() => ActivitiesSection, { nullable: true, description: '会议与活动（本地区各集团合计）' })
  async activities(@Root() report: RegionReport, @Ctx() ctx: MembersContext) {
    const groups = await regionGroupsOf(ctx, report);
    return groups ? activitiesSection(ctx.db, groups, parseRegionReportId(report.id).year) : null;
  }
}
