import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenColumn, LocalDate, Money } from '@zjjt/kit';
import { RevenueAuditAction, RevenueSource } from './revenue.enums';

/**
 * 社会服务到账台账: one amount a member unit of the group received for a social service, by source.
 * Money received (到账), not contracted; the counterparty is free text (need not be a unit of the hub).
 */
@ObjectType({ description: '社会服务到账台账' })
@Entity('revenue_entry')
@Index('ix_revenue_group_year', ['groupId', 'year'])
@Index('ix_revenue_org_year', ['organizationId', 'year'])
export class RevenueEntry {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  /** The receiving unit (到账单位), an active member unit of the group when recorded. */
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => RevenueSource, { description: '来源' }) @Column({ type: 'varchar', length: 32 }) source!: RevenueSource;
  @Field(() => LocalDate, { description: '到账日期' }) @Column({ type: 'varchar', length: 10 }) receivedOn!: string;
  @Field(() => Int, { description: '年度（按到账日期）' }) @Column({ type: 'int' }) year!: number;
  @Field(() => Money, { description: '到账金额（元）' }) @Column({ type: 'bigint', transformer: fenColumn }) amount!: number;
  @Field(() => String, { description: '付款方（对方单位，文本）' }) @Column({ type: 'varchar', length: 200 }) counterparty!: string;
  @Field(() => String, { nullable: true, description: '付款方统一社会信用代码（可空）' })
  @Column({ type: 'varchar', length: 18, nullable: true })
  counterpartyUscc!: string | null;
  @Field(() => String, { nullable: true, description: '项目/摘要（如「轨道交通培训」）' }) @Column({ type: 'varchar', length: 200, nullable: true }) title!:
    string | null;
  @Field(() => ID, { nullable: true, description: '关联的培训班次' }) @Column({ type: 'varchar', length: 36, nullable: true }) sessionId!: string | null;
  @Field(() => ID, { nullable: true, description: '关联的鉴定批次' }) @Column({ type: 'varchar', length: 36, nullable: true }) certificationBatchId!:
    string | null;
  @Field(() => String, { description: '登记人（用户）' }) @Column({ type: 'varchar', length: 64 }) recordedBy!: string;
  @Field(() => String, { description: '登记时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) recordedAt!: string;
  @Field(() => String, { description: '最后修改人（用户）' }) @Column({ type: 'varchar', length: 64 }) updatedBy!: string;
  @Field(() => String, { description: '最后修改时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) updatedAt!: string;
}

@ObjectType({ description: '到账台账字段的变化（金额以元为单位）' })
export class RevenueFieldChange {
  @Field(() => String, { description: '字段' }) field!: string;
  @Field(() => String, { nullable: true, description: '原值' }) from!: string | null;
  @Field(() => String, { nullable: true, description: '新值（删除时为空）' }) to!: string | null;
}

/** One correction or deletion of a revenue entry: who, when, why, old → new. */
@ObjectType({ description: '到账台账变更记录' })
@Entity('revenue_entry_audit')
@Index('ix_revenue_audit_group', ['groupId', 'changedAt'])
export class RevenueEntryAudit {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID, { description: '到账台账' }) @Column({ type: 'varchar', length: 36 }) entryId!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => ID, { description: '到账单位' }) @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => RevenueAuditAction) @Column({ type: 'varchar', length: 8 }) action!: RevenueAuditAction;
  @Field(() => String, { description: '操作人（用户）' }) @Column({ type: 'varchar', length: 64 }) changedBy!: string;
  @Field(() => ID, { nullable: true, description: '操作人所在单位' }) @Column({ type: 'varchar', length: 36, nullable: true }) changedByOrganizationId!:
    string | null;
  @Field(() => Boolean, { description: '是否由秘书处更正他单位的台账' }) @Column({ type: 'boolean' }) bySecretariat!: boolean;
  @Field(() => String, { nullable: true, description: '理由' }) @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  /** JSON list of RevenueFieldChange. */
  @Column({ type: 'text' }) changeList!: string;
  @Field(() => String, { description: '时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) changedAt!: string;
}
