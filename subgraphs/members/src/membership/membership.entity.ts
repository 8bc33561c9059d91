import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn, CreateDateColumn } from 'typeorm';
import { LocalDate } from '@zjjt/kit';
import { MembershipConsent, MembershipRole, MembershipStatus } from '../enums';

/** 成员资格: one organization in one group, with its role and its way through the join/exit workflow. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '成员资格' })
@Entity('membership')
@Index('uq_membership_group_org', ['groupId', 'organizationId'], { unique: true })
@Index('ix_membership_group_status_rank', ['groupId', 'status', 'roleRank'])
export class Membership {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Index('ix_membership_org')
  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Field(() => MembershipRole, { description: '角色' })
  @Column({ type: 'varchar', length: 32 })
  role!: MembershipRole;

  /** ROLE_RANK of `role`, stored so a list sorts by council order in SQL. */
  @Column({ type: 'int' })
  roleRank!: number;

  @Field(() => MembershipStatus, { description: '状态' })
  @Column({ type: 'varchar', length: 16 })
  status!: MembershipStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  councilTermId!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '申请日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  appliedOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '入会日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  joinedOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: '退出日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  exitedOn!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  exitReason!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason!: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  statement!: string | null;

  /** How the unit agreed to this group holding its data; null grants the group nothing of the unit (see access.ts). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  consent!: MembershipConsent | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
