import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { badInput, fenToYuan, Money, requiredText, wholeNumber } from '../../../kit/src';
import { COUNT_FIELDS, CountField, MONEY_FIELDS, MoneyField } from './cooperation.entity';

const count = (description: string) => Field(() => Int, { nullable: true, description });
const money = (description: string) => Field(() => Money, { nullable: true, description });

@InputType({ description: '合作台账（金额以元为单位，文本，最多两位小数）' })
export class CooperationInput {
  @Field(() => ID, { description: '集团（须为本单位所在集团）' }) groupId!: string;
  @Field(() => String, { description: '合作单位统一社会信用代码（须为本平台登记的单位）' }) partnerUscc!: string;
  @Field(() => Int, { description: '年度' }) year!: number;
  @Field(() => String, { description: '合作项目名称' }) projectName!: string;
  @count('订单班学生（人）') orderClassStudents?: number | null;
  @count('学徒（人）') apprentices?: number | null;
  @count('互兼互聘教师（人）') mutualTeachers?: number | null;
  @count('互兼互聘授课（课时）') mutualTeachingHours?: number | null;
  @count('教师企业实践（人次）') teacherPracticePersonTimes?: number | null;
  @count('教师企业实践（天）') teacherPracticeDays?: number | null;
  @count('共同开发课程（门）') coCourses?: number | null;
  @count('共同开发教材（种）') coTextbooks?: number | null;
  @count('共建基地（个）') coBases?: number | null;
  @count('专利（件）') patents?: number | null;
  @count('1+X 证书（人）') certificates1X?: number | null;
  @money('企业投入（元）') investment?: number | null;
  @money('其中到账（元），不超过投入') investmentReceived?: number | null;
  @money('其中设备值（元），不超过投入') equipmentValue?: number | null;
  @money('技术服务收入（元）') serviceIncome?: number | null;
}

const COUNT_LABEL: Record<CountField, string> = {
  orderClassStudents: '订单班学生数',
  apprentices: '学徒数',
  mutualTeachers: '互兼互聘教师数',
  mutualTeachingHours: '互兼互聘授课课时',
  teacherPracticePersonTimes: '教师企业实践人次',
  teacherPracticeDays: '教师企业实践天数',
  coCourses: '共同开发课程数',
  coTextbooks: '共同开发教材数',
  coBases: '共建基地数',
  patents: '专利数',
  certificates1X: '1+X 证书人数',
};

/** Validated ledger figures: counts are whole and ≥ 0, money exact, received and equipment ≤ investment. */
export function validCooperation(input: CooperationInput) {
  const thisYear = new Date().getUTCFullYear();
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear + 1) throw badInput(`年度应在 2000 到 ${thisYear + 1} 之间，当前为 ${input.year}`);
  const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, wholeNumber(input[f], COUNT_LABEL[f])])) as Record<CountField, number>;
  const amounts = Object.fromEntries(MONEY_FIELDS.map((f) => [f, input[f] ?? 0])) as Record<MoneyField, number>;
  if (amounts.investmentReceived > amounts.investment) {
    throw badInput(`到账金额 ${fenToYuan(amounts.investmentReceived)} 元不能超过企业投入 ${fenToYuan(amounts.investment)} 元 (received > investment)`);
  }
  if (amounts.equipmentValue > amounts.investment) {
    throw badInput(`设备值 ${fenToYuan(amounts.equipmentValue)} 元不能超过企业投入 ${fenToYuan(amounts.investment)} 元 (equipment > investment)`);
  }
  return { year: input.year, projectName: requiredText(input.projectName, '合作项目名称', 200), ...counts, ...amounts };
}

@ArgsType()
export class CooperationListArgs {
  @Field(() => ID, { nullable: true, description: '集团' }) groupId?: string | null;
  @Field(() => Int, { nullable: true, description: '年度' }) year?: number | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
