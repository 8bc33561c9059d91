import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { declareStates, LocalDate } from '@zjjt/kit';
import { RESOURCE_STATUS_LABEL, ResourceKind, ResourceStatus, Visibility } from '../enums';

/**
 * 共享资源 posted by a member unit to one of its groups. The provider's name, type and region
 * are copied from the members subgraph when the resource is written, so search filters on them
 * in SQL.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '共享资源' })
@Entity('shared_resource')
@Index('ix_resource_group_status', ['groupId', 'status', 'publishedAt'])
@Index('ix_resource_provider', ['providerId'])
@Index('ix_resource_visibility', ['visibility', 'status', 'publishedAt'])
export class SharedResource {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID, { description: '发布到的集团' })
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Column({ type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ type: 'varchar', length: 100 })
  providerName!: string;

  @Column({ type: 'varchar', length: 32 })
  providerType!: string;

  @Column({ type: 'varchar', length: 6 })
  providerRegion!: string;

  @Field(() => ResourceKind)
  @Column({ type: 'varchar', length: 32 })
  kind!: ResourceKind;

  @Field(() => String, { description: '标题' })
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: '说明' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => Int, { description: '容量（名额/台套/人次等）' })
  @Column({ type: 'int' })
  capacity!: number;

  /** Sum of approved and completed requests' quantities; never above capacity. */
  @Column({ type: 'int', default: 0 })
  reserved!: number;

  @Field(() => LocalDate, { description: '开始日期' })
  @Column({ type: 'varchar', length: 10 })
  periodStart!: string;

  @Field(() => LocalDate, { description: '结束日期' })
  @Column({ type: 'varchar', length: 10 })
  periodEnd!: string;

  @Field(() => String, { nullable: true, description: '地点' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  location!: string | null;

  @Field(() => Visibility)
  @Column({ type: 'varchar', length: 16 })
  visibility!: Visibility;

  @Field(() => ResourceStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: ResourceStatus;

  @Field(() => String, { nullable: true, description: '专业（订单班）' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  specialty!: string | null;

  @Field(() => String, { nullable: true, description: '学科/课程/技术领域' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  subject!: string | null;

  @Field(() => Int, { nullable: true, description: '课时（兼职教师）' })
  @Column({ type: 'int', nullable: true })
  hours!: number | null;

  @Field(() => String, { nullable: true, description: '岗位/工种' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  occupation!: string | null;

  /** ISO-8601 UTC text (null for drafts), compared as text by keyset pages on both databases. */
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: '发布时间' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  publishedAt!: string | null;

  @Column({ type: 'varchar', length: 24 })
  updatedAt!: string;
}

/** A draft is published; a published resource is withdrawn and may be published again. */
export const RESOURCE_STATES = declareStates(SharedResource, {
  name: '共享资源',
  english: 'shared resource',
  labels: RESOURCE_STATUS_LABEL,
  next: { DRAFT: [ResourceStatus.PUBLISHED, ResourceStatus.WITHDRAWN], PUBLISHED: [ResourceStatus.WITHDRAWN], WITHDRAWN: [ResourceStatus.PUBLISHED] },
});
