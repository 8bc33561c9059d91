import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { isoDatetime } from '@zjjt/kit';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { ChangeSource } from '../enums';

/** One field of a unit's master data changed: who, when, old → new. Rows are only ever added. */
@ObjectType({ description: '单位信息变更记录' })
@Entity('organization_change')
@Index('ix_organization_change_org', ['organizationId', 'at'])
export class OrganizationChange {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Field(() => String, { description: '字段' })
  @Column({ type: 'varchar', length: 32 })
  field!: string;

  @Field(() => String, { nullable: true, description: '原值' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  oldValue!: string | null;

  @Field(() => String, { nullable: true, description: '新值' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  newValue!: string | null;

  @Field(() => ChangeSource, { description: '来源' })
  @Column({ type: 'varchar', length: 16 })
  via!: ChangeSource;

  @Field(() => String, { description: '操作人' })
  @Column({ type: 'varchar', length: 64 })
  changedBy!: string;

  @Field(() => ID, { nullable: true, description: '操作人所在单位' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  changedByOrganizationId!: string | null;

  @Field(() => ID, { nullable: true, description: '修改或提出更正的集团' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  changedByGroupId!: string | null;

  @Field(() => ID, { nullable: true, description: '所依据的更正建议' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  correctionId!: string | null;

  @Field(() => GraphQLDateTimeISO, { name: 'changedAt', description: '修改时间' })
  @Column({ type: 'datetime', precision: 3, transformer: isoDatetime })
  at!: string;
}
