import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate, Ratio } from '@zjjt/kit';

@InputType({ description: '成员年报数据（草稿可不完整，提交时校验）：未传的字段保持原值，传 null 清空该字段' })
export class AnnualReturnInput {
  @Field(() => Int, { nullable: true, description: '在校生数' }) enrolledStudents?: number | null;
  @Field(() => Int, { nullable: true, description: '专任教师数' }) fullTimeTeachers?: number | null;
  @Field(() => Int, { nullable: true, description: '双师型教师数' }) dualQualifiedTeachers?: number | null;
  @Field(() => Int, { nullable: true, description: '毕业生数' }) graduates?: number | null;
  @Field(() => Int, { nullable: true, description: '就业人数' }) employedGraduates?: number | null;
  @Field(() => Int, { nullable: true, description: '企业职工数' }) employees?: number | null;
  @Field(() => Int, { nullable: true, description: '开设专业数' }) specialties?: number | null;
  @Field(() => Int, { nullable: true, description: '接收实习学生数' }) internsReceived?: number | null;
  @Field(() => Int, { nullable: true, description: '招生数' }) admissions?: number | null;
  @Field(() => Int, { nullable: true, description: '集团内企业就业人数' }) employedInGroup?: number | null;
  @Field(() => Int, { nullable: true, description: '对口就业人数' }) employedInField?: number | null;
  @Field(() => Int, { nullable: true, description: '获得职业资格/技能等级证书的毕业生数' }) certifiedGraduates?: number | null;
  @Field(() => Int, { nullable: true, description: '校企共建专业数' }) coBuiltSpecialties?: number | null;
  @Field(() => Int, { nullable: true, description: '产业学院数' }) industrialColleges?: number | null;
  @Field(() => Int, { nullable: true, description: '校企共同开发课程数' }) coDevelopedCourses?: number | null;
  @Field(() => Int, { nullable: true, description: '校企共同开发教材数' }) coDevelopedTextbooks?: number | null;
  @Field(() => Int, { nullable: true, description: '接收企业员工实践人次' }) staffPracticeReceived?: number | null;
  @Field(() => Ratio, { nullable: true, description: '双师型教师比例（%，0–100，两位小数）' }) dualQualifiedPercent?: number | null;
}

@InputType({ description: '开启年度数据采集' })
export class OpenRoundInput {
  @Field(() => ID) groupId!: string;
  @Field(() => Int) year!: number;
  @Field(() => LocalDate, { description: '截止日期' }) dueOn!: string;
}
