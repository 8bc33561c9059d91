import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export enum CooperationAuditAction {
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(CooperationAuditAction, { name: 'CooperationAuditAction', description: '台账变更：UPDATE 修改，DELETE 删除' });

@ObjectType({ description: '台账字段的变化（金额以元为单位）' })
export class CooperationFieldChange {
  @Field(() => String, { description: '字段' }) field!: string;
  @Field(() => String, { nullable: true, description: '原值' }) from!: string | null;
  @Field(() => String, { nullable: true, description: '新值（删除时为空）' }) to!: string | null;
}

/** One change of a cooperation ledger row after it was recorded: who, when, why, old → new (or deleted). */
@ObjectType({ description: '合作台账变更记录' })
@Entity('cooperation_audit')
@Index('ix_cooperation_audit_group', ['groupId', 'changedAt'])
export class CooperationAudit {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID, { description: '台账' }) @Column({ type: 'varchar', length: 36 }) cooperationId!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => ID, { description: '登记单位' }) @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => Int, { description: '台账年度' }) @Column({ type: 'int' }) year!: number;
  @Field(() => CooperationAuditAction) @Column({ type: 'varchar', length: 8 }) action!: CooperationAuditAction;
  @Field(() => String, { description: '操作人（用户）' }) @Column({ type: 'varchar', length: 64 }) changedBy!: string;
  @Field(() => ID, { nullable: true, description: '操作人所在单位' }) @Column({ type: 'varchar', length: 36, nullable: true }) changedByOrganizationId!:
    string | null;
  @Field(() => Boolean, { description: '是否由秘书处更正' }) @Column({ type: 'boolean' }) bySecretariat!: boolean;
  @Field(() => String, { nullable: true, description: '理由' }) @Column({ type: 'varchar', length: 500, nullable: true }) reason!: string | null;
  /** JSON list of CooperationFieldChange. */
  @Column({ type: 'text' }) changeList!: string;
  @Field(() => String, { description: '时间（UTC）' }) @Column({ type: 'varchar', length: 24 }) changedAt!: string;
}
