import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { declareStates, LocalDate, UnitCategory } from '@zjjt/kit';
import { RETURN_STATUS_LABEL, ReturnStatus, ROUND_STATUS_LABEL, RoundStatus } from '../enums';

/** 年度数据采集: a group's collection of its members' annual returns for one year. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '年度数据采集' })
@Entity('collection_round')
@Index('uq_round_group_year', ['groupId', 'year'], { unique: true })
export class CollectionRound {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Field(() => LocalDate, { description: '截止日期' }) @Column({ type: 'varchar', length: 10 }) dueOn!: string;
  @Field(() => RoundStatus) @Column({ type: 'varchar', length: 16 }) status!: RoundStatus;
  @Column({ type: 'varchar', length: 64 }) openedBy!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) openedAt!: string;
}

/** A round is open until the secretariat closes it; closing it again changes nothing. */
export const ROUND_STATES = declareStates(CollectionRound, {
  name: '数据采集',
  english: 'collection round',
  labels: ROUND_STATUS_LABEL,
  next: { OPEN: [RoundStatus.CLOSED], CLOSED: [RoundStatus.CLOSED] },
});

/** The self-reported figures of an annual return, with their labels (the rule engine names them). */
export const RETURN_FIGURES = {
  enrolledStudents: '在校生数',
  fullTimeTeachers: '专任教师数',
  dualQualifiedTeachers: '双师型教师数',
  graduates: '毕业生数',
  employedGraduates: '就业人数',
  employees: '企业职工数',
  specialties: '开设专业数',
  internsReceived: '接收实习学生数',
  admissions: '招生数',
  employedInGroup: '集团内企业就业人数',
  employedInField: '对口就业人数',
  certifiedGraduates: '获得职业资格/技能等级证书的毕业生数',
  coBuiltSpecialties: '校企共建专业数',
  industrialColleges: '产业学院数',
  coDevelopedCourses: '校企共同开发课程数',
  coDevelopedTextbooks: '校企共同开发教材数',
  staffPracticeReceived: '接收企业员工实践人次',
} as const;

/**
 * The unit categories (members' `Organization.category`) whose returns each figure sums: a figure of the
 * report is whole only when every expected unit of these categories has an approved return.
 */
export const RETURN_FIGURE_CATEGORIES: Record<keyof typeof RETURN_FIGURES, UnitCategory[]> = {
  enrolledStudents: ['SCHOOL'],
  fullTimeTeachers: ['SCHOOL'],
  dualQualifiedTeachers: ['SCHOOL'],
  graduates: ['SCHOOL'],
  employedGraduates: ['SCHOOL'],
  employees: ['ENTERPRISE'],
  specialties: ['SCHOOL'],
  internsReceived: ['ENTERPRISE'],
  admissions: ['SCHOOL'],
  employedInGroup: ['SCHOOL'],
  employedInField: ['SCHOOL'],
  certifiedGraduates: ['SCHOOL'],
  coBuiltSpecialties: ['SCHOOL'],
  industrialColleges: ['SCHOOL'],
  coDevelopedCourses: ['SCHOOL'],
  coDevelopedTextbooks: ['SCHOOL'],
  staffPracticeReceived: ['SCHOOL'],
};

/** 双师型教师比例（%）, stored in hundredths so two decimals are exact. */
export const PERCENT_FIGURE = { dualQualifiedPercent: '双师型教师比例（%）' } as const;

export type ReturnFigure = keyof typeof RETURN_FIGURES;

const figure = (description: string) => (target: object, key: string | symbol) => {
  Field(() => Int, { nullable: true, description })(target, key);
  Column({ type: 'int', nullable: true })(target, key);
};

/** 成员年报: one unit's figures for a year → submitted → approved or returned with a comment. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '成员年报' })
@Entity('annual_return')
@Index('uq_return_round_org', ['roundId', 'organizationId'], { unique: true })
@Index('ix_return_group_year_status', ['groupId', 'year', 'status'])
export class AnnualReturn {
  @Field(() => ID) @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Column({ type: 'varchar', length: 36 }) roundId!: string;
  @Field(() => ID) @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Field(() => Int) @Column({ type: 'int' }) year!: number;
  @Column({ type: 'varchar', length: 36 }) organizationId!: string;
  @Field(() => ReturnStatus) @Column({ type: 'varchar', length: 16 }) status!: ReturnStatus;
  @figure('在校生数') enrolledStudents!: number | null;
  @figure('专任教师数') fullTimeTeachers!: number | null;
  @figure('双师型教师数') dualQualifiedTeachers!: number | null;
  @figure('毕业生数') graduates!: number | null;
  @figure('就业人数') employedGraduates!: number | null;
  @figure('企业职工数') employees!: number | null;
  @figure('开设专业数') specialties!: number | null;
  @figure('接收实习学生数') internsReceived!: number | null;
  @figure('招生数') admissions!: number | null;
  @figure('集团内企业就业人数') employedInGroup!: number | null;
  @figure('对口就业人数') employedInField!: number | null;
  @figure('获得职业资格/技能等级证书的毕业生数') certifiedGraduates!: number | null;
  @figure('校企共建专业数') coBuiltSpecialties!: number | null;
  @figure('产业学院数') industrialColleges!: number | null;
  @figure('校企共同开发课程数') coDevelopedCourses!: number | null;
  @figure('校企共同开发教材数') coDevelopedTextbooks!: number | null;
  @figure('接收企业员工实践人次') staffPracticeReceived!: number | null;
  @Column({ type: 'int', nullable: true }) dualQualifiedPercentCents!: number | null;
  @Field(() => String, { nullable: true, description: '秘书处退回意见' }) @Column({ type: 'varchar', length: 500, nullable: true }) reviewComment!:
    string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column({ type: 'varchar', length: 24, nullable: true }) submittedAt!: string | null;
  @Field(() => String, { nullable: true, description: '审核人' }) @Column({ type: 'varchar', length: 64, nullable: true }) reviewedBy!: string | null;
  @Field(() => GraphQLDateTimeISO, { nullable: true }) @Column({ type: 'varchar', length: 24, nullable: true }) reviewedAt!: string | null;
  @Column({ type: 'varchar', length: 64 }) updatedBy!: string;
  @Field(() => GraphQLDateTimeISO) @Column({ type: 'varchar', length: 24 }) updatedAt!: string;
}

/** A draft (or a returned one) is saved and submitted; a submitted return is approved or returned. */
export const RETURN_STATES = declareStates(AnnualReturn, {
  name: '年报',
  english: 'annual return',
  labels: RETURN_STATUS_LABEL,
  next: {
    DRAFT: [ReturnStatus.DRAFT, ReturnStatus.SUBMITTED],
    RETURNED: [ReturnStatus.RETURNED, ReturnStatus.SUBMITTED],
    SUBMITTED: [ReturnStatus.APPROVED, ReturnStatus.RETURNED],
    APPROVED: [],
  },
});
