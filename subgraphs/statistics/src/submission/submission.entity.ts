import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { declareStates } from '@zjjt/kit';

export enum SubmissionStatus {
  GENERATED = 'GENERATED',
  VALIDATED = 'VALIDATED',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  FAILED = 'FAILED',
  DEAD = 'DEAD',
}

registerEnumType(SubmissionStatus, {
  name: 'SubmissionStatus',
  description: '报送状态',
  valuesConfig: {
    GENERATED: { description: '已生成（有警告，待秘书处确认）' },
    VALIDATED: { description: '已校验，待发送' },
    SUBMITTED: { description: '已发送，待平台答复' },
    ACCEPTED: { description: '平台已接收' },
    REJECTED: { description: '平台拒收（保留平台意见）' },
    FAILED: { description: '发送失败，将自动重试' },
    DEAD: { description: '多次重试失败，已告警' },
  },
});

/**
 * 报送记录 — the outbox: the frozen payload, its SHA-256 and the idempotency key are written in
 * the one insert that creates the row, before anything is sent.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: '报送记录' })
@Entity('submission')
@Index('ix_submission_report', ['groupId', 'year', 'template', 'version'], { unique: true })
@Index('ix_submission_due', ['status', 'nextAttemptAt'])
export class Submission {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Field(() => String, { description: '模板' }) @Column({ type: 'varchar', length: 50 }) template!: string;
  @Field(() => String, { description: 'national | provincial' }) @Column({ type: 'varchar', length: 16 }) target!: string;
  @Field(() => Int, { description: '第几版（更正后重新报送为新版本）' }) @Column({ type: 'int' }) version!: number;
  @Field(() => SubmissionStatus) @Column({ type: 'varchar', length: 16 }) status!: SubmissionStatus;
  @Column({ type: 'text' }) payload!: string;
  @Field(() => String, { description: '报送内容的 SHA-256' }) @Column({ type: 'varchar', length: 64 }) payloadSha256!: string;
  @Field(() => String, { description: '幂等键（重发沿用，永不更换）' }) @Column({ type: 'varchar', length: 36 }) idempotencyKey!: string;
  @Field(() => Int) @Column({ type: 'int', default: 0 }) attempts!: number;
  @Field(() => GraphQLDateTimeISO, { nullable: true, description: '下次重试时间' }) @Column({ type: 'varchar', length: 24, nullable: true }) nextAttemptAt!:
    string | null;
  @Field(() => String, { nullable: true, description: '最近一次失败原因' }) @Column({ type: 'varchar', length: 500, nullable: true }) lastError!: string | null;
  @Field(() => String, { nullable: true, description: '平台意见（拒收时）' }) @Column({ type: 'text', nullable: true }) platformMessage!: string | null;
  @Field(() => String, { nullable: true, description: '平台回执' }) @Column({ type: 'text', nullable: true }) receipt!: string | null;
  @Column({ type: 'text' }) warnings!: string;
  @Field(() => String, { nullable: true, description: '确认警告的人' }) @Column({ type: 'varchar', length: 64, nullable: true }) warningsConfirmedBy!:
    string | null;
  @Field(() => String, { nullable: true, description: '确认警告的理由' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  warningsConfirmationReason!: string | null;
  @Column({ type: 'text' }) diff!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) lockedBy!: string | null;
  @Column({ type: 'varchar', length: 24, nullable: true }) lockedUntil!: string | null;
  @Field(() => String) @Column({ type: 'varchar', length: 64 }) createdBy!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) createdAt!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) updatedAt!: string;
}

const S = SubmissionStatus;

/**
 * Generated with warnings → confirmed by the secretariat → sent (a worker claims it and marks it
 * SUBMITTED before the call) → accepted, rejected, or failed and retried until DEAD. A submission
 * uploaded to a folder stays SUBMITTED until the secretariat records the platform's answer.
 */
export const SUBMISSION_STATES = declareStates(Submission, {
  name: '报送',
  english: 'submission',
  labels: {
    GENERATED: '待确认警告',
    VALIDATED: '已校验',
    SUBMITTED: '已发送',
    ACCEPTED: '平台已接收',
    REJECTED: '平台拒收',
    FAILED: '发送失败',
    DEAD: '已放弃',
  },
  next: {
    GENERATED: [S.VALIDATED],
    VALIDATED: [S.SUBMITTED, S.FAILED],
    FAILED: [S.SUBMITTED, S.FAILED],
    SUBMITTED: [S.SUBMITTED, S.ACCEPTED, S.REJECTED, S.FAILED, S.DEAD],
    ACCEPTED: [],
    REJECTED: [],
    DEAD: [],
  },
});
