import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { declareStates, isoDatetime } from '@zjjt/kit';
import { CORRECTION_STATUS_LABEL, CorrectionStatus } from '../enums';

/** A field a correction would change, with the value it had when the correction was proposed. */
@ObjectType({ description: '更正字段' })
export class ProposedValue {
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true, description: '提出时的值' }) currentValue!: string | null;
  @Field(() => String, { nullable: true, description: '建议值' }) proposedValue!: string | null;
}

/**
 * 更正建议: a secretariat's proposed change to a unit's master data that it may not edit directly
 * (the unit belongs to other groups too, or came to the hub by itself). Only the unit decides.
 */
@ObjectType({ description: '单位信息更正建议（由单位确认后生效）' })
@Entity('organization_correction')
@Index('ix_organization_correction_org', ['organizationId', 'status'])
export class OrganizationCorrection {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Field(() => ID, { description: '提出更正的集团' })
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Field(() => [ProposedValue])
  @Column({ type: 'simple-json' })
  fields!: ProposedValue[];

  @Field(() => String, { description: '更正理由' })
  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Field(() => CorrectionStatus)
  @Column({ type: 'varchar', length: 16 })
  status!: CorrectionStatus;

  @Field(() => String, { description: '提出人' })
  @Column({ type: 'varchar', length: 64 })
  proposedBy!: string;

  @Field(() => GraphQLDateTimeISO)
  @Column({ type: 'datetime', precision: 3, transformer: isoDatetime })
  proposedAt!: string;

  @Field(() => String, { nullable: true, description: '确认人（单位用户）' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Field(() => GraphQLDateTimeISO, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true, transformer: isoDatetime })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true, description: '拒绝理由' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason!: string | null;
}

/** A correction waits for the unit, which accepts or declines it once. */
export const CORRECTION_STATES = declareStates(OrganizationCorrection, {
  name: '更正建议',
  english: 'correction',
  labels: CORRECTION_STATUS_LABEL,
  next: { PENDING: [CorrectionStatus.ACCEPTED, CorrectionStatus.DECLINED], ACCEPTED: [], DECLINED: [] },
});
