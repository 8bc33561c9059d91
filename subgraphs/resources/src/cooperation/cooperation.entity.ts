import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { fenColumn, Money } from '@zjjt/kit';

/** Counted figures of a cooperation ledger row (人, 人次, 天, 课时, 门, 种, 个, 件). */
export const COUNT_FIELDS = [
  'orderClassStudents',
  'apprentices',
  'mutualTeachers',
  'mutualTeachingHours',
  'teacherPracticePersonTimes',
  'teacherPracticeDays',
  'coCourses',
  'coTextbooks',
  'coBases',
  'patents',
  'certificates1X',
] as const;

/** Money figures, integer fen. */
export const MONEY_FIELDS = ['investment', 'investmentReceived', 'equipmentValue', 'serviceIncome'] as const;

export type CountField = (typeof COUNT_FIELDS)[number];
export type MoneyField = (typeof MONEY_FIELDS)[number];

const count = (description: string) => [Field(() => Int, { description }), Column({ type: 'int', default: 0 })];
const money = (description: string) => [Field(() => Money, { description }), Column({ type: 'bigint', default: 0, transformer: fenColumn })];
const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((d) => d(target, key));

/** 合作台账: what a unit did with one partner (by USCC) in one year. */
@Directive('@key(fields: "id")')
@ObjectType({ description: '校企合作台账' })
@Entity('cooperation')
@Index('ix_cooperation_group_year', ['groupId', 'year'])
@Index('ix_cooperation_org_year', ['organizationId', 'year'])
@Index('ix_cooperation_partner_year', ['partnerId', 'year'])
export class Cooperation {
  @Field(() => ID)
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Field(() => ID)
  @Column({ type: 'varchar', length: 36 })
  groupId!: string;

  @Column({ type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 36 })
  partnerId!: string;

  @Field(() => String, { description: '合作单位统一社会信用代码' })
  @Column({ type: 'varchar', length: 18 })
  partnerUscc!: string;

  @Field(() => Int, { description: '年度' })
  @Column({ type: 'int' })
  year!: number;

  @Field(() => String, { description: '合作项目名称' })
  @Column({ type: 'varchar', length: 200 })
  projectName!: string;

  @apply(count('订单班学生（人）')) orderClassStudents!: number;
  @apply(count('学徒（人）')) apprentices!: number;
  @apply(count('互兼互聘教师（人）')) mutualTeachers!: number;
  @apply(count('互兼互聘授课（课时）')) mutualTeachingHours!: number;
  @apply(count('教师企业实践（人次）')) teacherPracticePersonTimes!: number;
  @apply(count('教师企业实践（天）')) teacherPracticeDays!: number;
  @apply(count('共同开发课程（门）')) coCourses!: number;
  @apply(count('共同开发教材（种）')) coTextbooks!: number;
  @apply(count('共建基地（个）')) coBases!: number;
  @apply(count('专利（件）')) patents!: number;
  @apply(count('1+X 证书（人）')) certificates1X!: number;
  /**
   * 其中企业兼职教师: the enterprise staff among `mutualTeachers` who teach in a school (企业人员到校任教), and
   * their hours. The rest are school teachers appointed by the enterprise. Null on rows recorded before the
   * direction was asked for and not corrected since: unknown, never taken as 0.
   */
  @Field(() => Int, { nullable: true, description: '其中：企业人员到学校兼职任教（人）；为空表示未填方向' })
  @Column({ type: 'int', nullable: true })
  enterpriseTeachers!: number | null;
  @Field(() => Int, { nullable: true, description: '其中：企业人员到学校兼职任教授课（课时）；为空表示未填方向' })
  @Column({ type: 'int', nullable: true })
  enterpriseTeachingHours!: number | null;
  @apply(money('企业投入（元）')) investment!: number;
  @apply(money('其中到账（元）')) investmentReceived!: number;
  @apply(money('其中设备值（元）')) equipmentValue!: number;
  @apply(money('技术服务收入（元）')) serviceIncome!: number;

  @Column({ type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ type: 'varchar', length: 24 })
  updatedAt!: string;
}
