import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
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
  @Field(() => [TargetGroup]) @Column({ type: 'simple-json' }) targetGroups!: TargetGroup[];
  @Field(() => String, { nullable: true, description: '委托/合作单位' }) @Column({ type: 'varchar', length: 200, nullable: true }) clientName!: string | null;
  @Field(() => String, { nullable: true, description: '委托/合作单位统一社会信用代码' }) @Column({ type: 'varchar', length: 18, nullable: true }) clientUscc!:
    string | null;
  @Field(() => Boolean, { description: '补贴性培训' }) @Column({ type: 'boolean' }) subsidised!: boolean;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}

/** One target group of a program, as a row so totals can GROUP BY it. */
@Entity('program_target_group')
export class ProgramTargetGroup {
  @PrimaryColumn({ type: 'varchar', length: 36 }) programId!: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) targetGroup!: TargetGroup;
}

/** 班次: what a program delivered. Category and mode are copied from the program for totals without joins. */
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
  @Field(() => String, { description: '班次编号' }) @Column({ type: 'varchar', length: 50 }) code!: string;
  @Field(() => LocalDate, { description: '开班日期' }) @Column({ type: 'varchar', length: 10 }) startsOn!: string;
  @Field(() => LocalDate, { description: '结业日期' }) @Column({ type: 'varchar', length: 10 }) endsOn!: string;
  @Field(() => String, { description: '月份 YYYY-MM（按开班日期）' }) @Column({ type: 'varchar', length: 7 }) month!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Field(() => Int, { description: '培训人次' }) @Column({ type: 'int' }) personTimes!: number;
  @Field(() => Int, { description: '课时' }) @Column({ type: 'int' }) hours!: number;
  @Field(() => Money, { description: '到账金额（元）' }) @Column({ type: 'bigint', transformer: fenColumn }) revenue!: number;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}

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
  @Field(() => CertificationLevel) @Column({ type: 'varchar', length: 16 }) level!: CertificationLevel;
  @Field(() => Int, { description: '参加人数' }) @Column({ type: 'int' }) candidates!: number;
  @Field(() => Int, { description: '通过人数' }) @Column({ type: 'int' }) passed!: number;
  @Field(() => LocalDate) @Column({ type: 'varchar', length: 10 }) assessedOn!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36 }) importId!: string;
}
