import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, ValueTransformer } from 'typeorm';
import { fenColumn, LocalDate, Money } from '@zjjt/kit';
import { CertificationLevel, ProgramCategory, TargetGroup, TrainingMode } from '../enums';

/** 培训项目, run at a base by one of its units (the one that imported it). */
@ObjectType({ description: '培训项目' })
@Entity('training_program')
@Index('uq_program_code', ['baseId', 'code'], { unique: true })
export class TrainingProgram {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => String, { description: '项目编号' }) @Column({ type: 'varchar', length: 50 }) code!: string;
  @Field(() => String, { description: '项目名称' }) @Column({ type: 'varchar', length: 200 }) name!: string;
  @Field(() => ProgramCategory) @Column({ type: 'varchar', length: 32 }) category!: ProgramCategory;
  @Field(() => TrainingMode) @Column({ type: 'varchar', length: 16 }) mode!: TrainingMode;
  @Field(() => [TargetGroup], { description: '培训对象（第一个为主要培训对象）' }) @Column({ type: 'simple-json' }) targetGroups!: TargetGroup[];
  @Field(() => TargetGroup, { description: '主要培训对象：按培训对象统计时项目的人次只计入它，各对象之和等于培训人次' })
  @Column({ type: 'varchar', length: 32 })
  primaryTargetGroup!: TargetGroup;
  @Field(() => String, { nullable: true, description: '委托/合作单位' }) @Column({ type: 'varchar', length: 200, nullable: true }) clientName!: string | null;
  @Field(() => String, { nullable: true, description: '委托/合作单位统一社会信用代码' }) @Column({ type: 'varchar', length: 18, nullable: true }) clientUscc!:
    string | null;
  @Field(() => Boolean, { description: '补贴性培训' }) @Column({ type: 'boolean' }) subsidised!: boolean;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}

/** One target group of a program (primary or not), as a row so the ledgers can be filtered by any group a program is aimed at. */
@Entity('program_target_group')
export class ProgramTargetGroup {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) targetGroup!: TargetGroup;
}

/** 班次: what a program delivered. Category, mode and primary target group are copied from the program for totals without joins. */
@ObjectType({ description: '培训班次' })
@Entity('training_session')
@Index('uq_session_code', ['baseId', 'code'], { unique: true })
@Index('ix_session_group_year', ['groupId', 'year'])
@Index('ix_session_org_year', ['organizationId', 'year'])
@Index('ix_session_program', ['programId'])
export class TrainingSession {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) programId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => ProgramCategory) @Column({ type: 'varchar', length: 32 }) category!: ProgramCategory;
  @Field(() => TrainingMode) @Column({ type: 'varchar', length: 16 }) mode!: TrainingMode;
  @Field(() => TargetGroup, { description: '主要培训对象（项目的）' }) @Column({ type: 'varchar', length: 32 }) targetGroup!: TargetGroup;
  @Field(() => String, { description: '班次编号' }) @Column({ type: 'varchar', length: 50 }) code!: string;
  @Field(() => LocalDate, { description: '开班日期' }) @Column({ type: 'varchar', length: 10 }) startsOn!: string;
  @Field(() => LocalDate, { description: '结业日期' }) @Column({ type: 'varchar', length: 10 }) endsOn!: string;
  @Field(() => String, { description: '月份 YYYY-MM（按开班日期）' }) @Column({ type: 'varchar', length: 7 }) month!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Field(() => Int, { description: '培训人次' }) @Column({ type: 'int' }) personTimes!: number;
  @Field(() => Int, { nullable: true, description: '课时；为空表示未填报（不是 0）' }) @Column({ type: 'int', nullable: true }) hours!: number | null;
  @Field(() => Money, { description: '到账金额（元）' }) @Column({ type: 'bigint', transformer: fenColumn }) revenue!: number;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}

/** A batch without a level is NULL in the table and UNGRADED everywhere else. */
const ungradedColumn: ValueTransformer = {
  to: (level: CertificationLevel | null | undefined) => (level === CertificationLevel.UNGRADED ? null : level),
  from: (level: string | null) => (level ?? CertificationLevel.UNGRADED) as CertificationLevel,
};

/** 技能鉴定/职业技能等级认定 batch. */
@ObjectType({ description: '鉴定批次' })
@Entity('certification_batch')
@Index('uq_certification_code', ['baseId', 'code'], { unique: true })
@Index('ix_certification_group_year', ['groupId', 'year'])
@Index('ix_certification_org_year', ['organizationId', 'year'])
export class CertificationBatch {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) baseId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => String, { description: '批次编号' }) @Column({ type: 'varchar', length: 50 }) code!: string;
  @Field(() => String, { description: '工种' }) @Column({ type: 'varchar', length: 50 }) occupation!: string;
  @Field(() => CertificationLevel, { description: '等级；UNGRADED 未分级（不分等级的批次，库中为空）' })
  @Column({ type: 'varchar', length: 16, nullable: true, transformer: ungradedColumn })
  level!: CertificationLevel;
  @Field(() => Int, { description: '参加人数' }) @Column({ type: 'int' }) candidates!: number;
  @Field(() => Int, { nullable: true, description: '通过人数；为空表示未填报（不是 0）' }) @Column({ type: 'int', nullable: true }) passed!: number | null;
  @Field(() => Money, { nullable: true, description: '鉴定收费（元）；为空表示未填报' })
  @Column({ type: 'bigint', nullable: true, transformer: fenColumn })
  feeRevenue!: number | null;
  @Field(() => LocalDate) @Column({ type: 'varchar', length: 10 }) assessedOn!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}
