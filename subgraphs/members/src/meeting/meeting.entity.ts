import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocalDate } from '@zjjt/kit';
import { Attachment } from '../notice/notice.entity';
import { Attendance, MeetingKind } from './meeting.enums';

/**
 * 会议/活动 of a group, recorded by its secretariat. Organizer units are a short list kept on the row;
 * invited units are rows of `meeting_participant`, so "the meetings a unit was invited to" is SQL.
 * Attachments are references (name + http/https address), as on notices: the hub stores no files here.
 */
@ObjectType({ description: '会议/活动（集团管理）' })
@Entity('meeting')
@Index('ix_meeting_group_held', ['groupId', 'heldOn'])
@Index('ix_meeting_group_year', ['groupId', 'year'])
export class Meeting {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => MeetingKind, { description: '类别' }) @Column({ type: 'varchar', length: 24 }) kind!: MeetingKind;
  @Field(() => String, { description: '名称' }) @Column({ type: 'varchar', length: 200 }) title!: string;
  @Field(() => LocalDate, { description: '日期' }) @Column({ type: 'varchar', length: 10 }) heldOn!: string;
  @Field(() => Int, { description: '年度（按日期）' }) @Column({ type: 'int' }) year!: number;
  @Field(() => String, { nullable: true, description: '地点' }) @Column({ type: 'varchar', length: 200, nullable: true }) place!: string | null;
  /** Ids of the organizing units (active members of the group when recorded). */
  @Column({ type: 'simple-json' }) organizerIds!: string[];
  @Field(() => String, { nullable: true, description: '议程' }) @Column({ type: 'text', nullable: true }) agenda!: string | null;
  @Field(() => String, { nullable: true, description: '纪要' }) @Column({ type: 'text', nullable: true }) minutes!: string | null;
  @Field(() => [String], { description: '决议（每条一项）' }) @Column({ type: 'simple-json' }) resolutions!: string[];
  @Field(() => [Attachment], { description: '附件（名称与地址）' }) @Column({ type: 'simple-json' }) attachments!: Attachment[];
  @Field(() => String, { description: '登记人（用户）' }) @Column({ type: 'varchar', length: 64 }) recordedBy!: string;
  @Field(() => String, { description: '登记时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) recordedAt!: string;
  @Field(() => String, { description: '最后修改人（用户）' }) @Column({ type: 'varchar', length: 64 }) updatedBy!: string;
  @Field(() => String, { description: '最后修改时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) updatedAt!: string;
}

/** A unit invited to a meeting, with its attendance once recorded. */
@ObjectType({ description: '参会单位与出席情况' })
@Entity('meeting_participant')
@Index('uq_meeting_participant', ['meetingId', 'organizationId'], { unique: true })
@Index('ix_meeting_participant_org', ['organizationId', 'groupId'])
export class MeetingParticipant {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) meetingId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => ID, { description: '参会单位' }) @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => Attendance, { nullable: true, description: '出席情况（未登记为空）' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  attendance!: Attendance | null;
}
