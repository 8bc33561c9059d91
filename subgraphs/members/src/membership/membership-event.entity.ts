import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { isoDatetime, LocalDate } from '@zjjt/kit';
import { MembershipAction, MembershipRole, MembershipStatus } from '../enums';

/** One change to a membership: what, who, when. Rows are only ever added. */
@ObjectType({ description: '成员资格变更记录' })
@Entity('membership_event')
@Index('ix_event_membership', ['membershipId', 'at'])
export class MembershipEvent {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  membershipId!: string;

  @Field(() => MembershipAction)
  @Column({ type: 'varchar', length: 16 })
  action!: MembershipAction;

  @Field(() => MembershipStatus, { nullable: true })
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus!: MembershipStatus | null;

  @Field(() => MembershipStatus)
  @Column({ type: 'varchar', length: 16 })
  toStatus!: MembershipStatus;

  @Field(() => MembershipRole, { nullable: true })
  @Column({ type: 'varchar', length: 32, nullable: true })
  fromRole!: MembershipRole | null;

  @Field(() => MembershipRole)
  @Column({ type: 'varchar', length: 32 })
  toRole!: MembershipRole;

  @Field(() => String, { nullable: true, description: '原因' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '生效日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  effectiveOn!: string | null;

  @Field(() => String, { description: '操作人' })
  @Column({ type: 'varchar', length: 64 })
  actorUserId!: string;

  @Field(() => GraphQLDateTimeISO, { description: '操作时间' })
  @Column({ type: 'datetime', precision: 3, transformer: isoDatetime })
  at!: string;
}
