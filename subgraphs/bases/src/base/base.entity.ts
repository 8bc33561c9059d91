import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { LocalDate } from '@zjjt/kit';
import { BaseKind, CoBuilderRole, DesignationLevel } from '../enums';

/** 联合培训基地: registered in a group, built by several units. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '培训/实训/鉴定基地' })
@Entity('training_base')
@Index('ix_base_group', ['groupId'])
export class TrainingBase {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => String, { description: '基地名称' }) @Column({ type: 'varchar', length: 200 }) name!: string;
  @Field(() => BaseKind) @Column({ type: 'varchar', length: 32 }) kind!: BaseKind;
  @Field(() => [String], { description: '工种/领域' }) @Column({ type: 'simple-json' }) occupations!: string[];
  @Field(() => Int, { description: '容量（工位/人）' }) @Column({ type: 'int' }) capacity!: number;
  @Field(() => String, { nullable: true, description: '地点' }) @Column({ type: 'varchar', length: 200, nullable: true }) location!: string | null;
  @Field(() => String, { nullable: true }) @Column({ type: 'text', nullable: true }) description!: string | null;
  @Field(() => LocalDate, { description: '建成（设立）日期：年度报告只计此日期在报告年度年末之前的基地；未填时为在本平台登记的日期' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  establishedOn!: string;
  @Column({ type: 'varchar', length: 24 }) createdAt!: string;
}

/** A unit that builds a base, and how. */
@ObjectType({ description: '共建单位' })
@Entity('base_co_builder')
@Index('uq_co_builder', ['baseId', 'organizationId'], { unique: true })
@Index('ix_co_builder_org', ['organizationId'])
export class BaseCoBuilder {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => CoBuilderRole) @Column({ type: 'varchar', length: 16 }) role!: CoBuilderRole;
}

@ObjectType({ description: '基地认定' })
@Entity('base_designation')
@Index('ix_base_designation', ['baseId'])
export class BaseDesignation {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Field(() => DesignationLevel) @Column({ type: 'varchar', length: 16 }) level!: DesignationLevel;
  @Field(() => String, { description: '称号，如 国家级高技能人才培训基地' }) @Column({ type: 'varchar', length: 200 }) title!: string;
  @Field(() => String, { description: '认定部门' }) @Column({ type: 'varchar', length: 100 }) issuer!: string;
  @Field(() => LocalDate) @Column({ type: 'varchar', length: 10 }) awardedOn!: string;
}
