import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { describeValues as describe, LocalDate } from '@zjjt/kit';

/** What a notice is: one the secretariat wrote, or a reminder (催报) to the units that have not submitted. */
export enum GroupNoticeKind {
  NOTICE = 'NOTICE',
  REMINDER = 'REMINDER',
}

/** To whom a notice was addressed (its recipients are resolved to units when it is sent and stored). */
export enum GroupNoticeAudience {
  ALL_MEMBERS = 'ALL_MEMBERS',
  UNIT_CATEGORIES = 'UNIT_CATEGORIES',
  UNITS = 'UNITS',
  NOT_SUBMITTED = 'NOT_SUBMITTED',
}

export const GROUP_NOTICE_KIND_LABEL: Record<GroupNoticeKind, string> = { NOTICE: '通知', REMINDER: '催报' };
export const GROUP_NOTICE_AUDIENCE_LABEL: Record<GroupNoticeAudience, string> = {
  ALL_MEMBERS: '全体正式成员单位',
  UNIT_CATEGORIES: '按单位类别（发送时的正式成员）',
  UNITS: '指定成员单位',
  NOT_SUBMITTED: '本轮采集尚未提交年报的单位（发送时）',
};

registerEnumType(GroupNoticeKind, { name: 'GroupNoticeKind', description: '消息类别', valuesConfig: describe(GROUP_NOTICE_KIND_LABEL) });
registerEnumType(GroupNoticeAudience, { name: 'GroupNoticeAudience', description: '通知对象', valuesConfig: describe(GROUP_NOTICE_AUDIENCE_LABEL) });

/** 通知: a message from a group's secretariat to member units, with its recipients stored when sent. */
@ObjectType({ description: '通知（含催报）' })
@Entity('group_notice')
@Index('ix_notice_group_sent', ['groupId', 'sentAt'])
export class GroupNotice {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => GroupNoticeKind) @Column({ type: 'varchar', length: 16 }) kind!: GroupNoticeKind;
  @Field(() => GroupNoticeAudience) @Column({ type: 'varchar', length: 16 }) audience!: GroupNoticeAudience;
  /** The categories a notice by unit type was addressed to, comma-separated (null otherwise). */
  @Column({ type: 'varchar', length: 64, nullable: true }) unitCategories!: string | null;
  /** The collection round a reminder is about. */
  @Column({ type: 'varchar', length: 36, nullable: true }) roundId!: string | null;
  @Field(() => LocalDate, { nullable: true, description: '催报：截止日期（发送时）' }) @Column({ type: 'varchar', length: 10, nullable: true }) dueOn!:
    string | null;
  @Field(() => String, { description: '标题' }) @Column({ type: 'varchar', length: 100 }) title!: string;
  @Field(() => String, { description: '正文' }) @Column({ type: 'text' }) body!: string;
  @Field(() => String, { description: '发送人（用户）' }) @Column({ type: 'varchar', length: 64 }) sentBy!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) sentAt!: string;
}

/**
 * One unit's copy of a notice, with its read receipt. Kind and sending time are copied here so that a
 * unit's inbox and the reminder rate limit are one indexed query.
 */
@Entity('group_notice_recipient')
@Index('uq_recipient_notice_org', ['noticeId', 'organizationId'], { unique: true })
@Index('ix_recipient_org_kind_sent', ['groupId', 'organizationId', 'kind', 'sentAt'])
export class GroupNoticeRecipient {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) noticeId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: GroupNoticeKind;
  @Column({ type: 'varchar', length: 24 }) sentAt!: string;
  @Column({ type: 'varchar', length: 24, nullable: true }) readAt!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) readBy!: string | null;
}
