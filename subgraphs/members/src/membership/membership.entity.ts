import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn, CreateDateColumn } from 'typeorm';
import { declareStates, isoDatetime, LocalDate } from '@zjjt/kit';
import { MembershipConsent, MembershipRole, MembershipStatus, STATUS_LABEL } from '../enums';

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

  @CreateDateColumn({ type: 'datetime', precision: 3, transformer: isoDatetime })
  createdAt!: string;

  @UpdateDateColumn({ type: 'datetime', precision: 3, transformer: isoDatetime })
  updatedAt!: string;
}

const M = MembershipStatus;

/**
 * An application is approved or rejected; an active member changes role (staying active) or exits.
 * A rejected or exited unit may come back through a new registration or application.
 */
export const MEMBERSHIP_STATES = declareStates(Membership, {
  name: '成员资格',
  english: 'membership',
  labels: STATUS_LABEL,
  next: { PENDING: [M.ACTIVE, M.REJECTED], ACTIVE: [M.ACTIVE, M.EXITED], REJECTED: [M.PENDING, M.ACTIVE], EXITED: [M.PENDING, M.ACTIVE] },
});
