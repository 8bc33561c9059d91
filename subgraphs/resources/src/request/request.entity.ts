import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { declareStates, LocalDate } from '@zjjt/kit';
import { REQUEST_STATUS_LABEL, RequestStatus, ResourceKind } from '../enums';

/** 资源申请: a unit asks for part of another unit's resource. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '资源申请' })
@Entity('resource_request')
@Index('ix_request_resource', ['resourceId', 'status'])
@Index('ix_request_requester', ['requesterId', 'createdAt'])
@Index('ix_request_provider', ['providerId', 'createdAt'])
@Index('ix_request_group_status', ['groupId', 'status', 'completedAt'])
export class ResourceRequest {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  resourceId!: string;

  @Field(() => ID)
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  /** Copied from the resource, so aggregates by kind and "incoming" lists need no join. */
  @Field(() => ResourceKind)
  @Column({ type: 'varchar', length: 32 })
  kind!: ResourceKind;

  @Column({ type: 'varchar', length: 36 })
  providerId!: string;

  @Column({ type: 'varchar', length: 36 })
  requesterId!: string;

  @Field(() => Int, { description: '数量' })
  @Column({ type: 'int' })
  quantity!: number;

  @Field(() => LocalDate)
  @Column({ type: 'varchar', length: 10 })
  periodStart!: string;

  @Field(() => LocalDate)
  @Column({ type: 'varchar', length: 10 })
  periodEnd!: string;

  @Field(() => String, { description: '用途' })
  @Column({ type: 'varchar', length: 1000 })
  purpose!: string;

  @Field(() => RequestStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: RequestStatus;

  @Field(() => String, { nullable: true, description: '拒绝原因' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;

  @Field(() => Int, { nullable: true, description: '完成：实际参与人数' })
  @Column({ type: 'int', nullable: true })
  outcomeParticipants!: number | null;

  @Field(() => Int, { nullable: true, description: '完成：实际课时/学时' })
  @Column({ type: 'int', nullable: true })
  outcomeHours!: number | null;

  @Field(() => String, { nullable: true, description: '完成：成效说明' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  outcomeNote!: string | null;

  @Field(() => GraphQLDateTimeISO)
  @Column({ type: 'varchar', length: 24 })
  createdAt!: string;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  decidedAt!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column({ type: 'varchar', length: 24, nullable: true })
  completedAt!: string | null;
}

/** The provider approves or rejects a pending request; the requester completes an approved one. */
export const REQUEST_STATES = declareStates(ResourceRequest, {
  name: '资源申请',
  english: 'resource request',
  labels: REQUEST_STATUS_LABEL,
  next: { PENDING: [RequestStatus.APPROVED, RequestStatus.REJECTED], APPROVED: [RequestStatus.COMPLETED], REJECTED: [], COMPLETED: [] },
});
