import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { badInput, cappedAmount, currentYear, fenToYuan, Money, requiredText, wholeNumber } from '@zjjt/kit';
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
  @count('其中：企业人员到学校兼职任教（人），不超过互兼互聘教师数；互兼互聘教师数大于 0 时必填（另一方向是学校教师受聘到企业）') enterpriseTeachers?:
    number | null;
  @count('其中：企业人员到学校兼职任教授课（课时），不超过互兼互聘授课课时；互兼互聘授课课时大于 0 时必填') enterpriseTeachingHours?: number | null;
  @count('教师企业实践（人次）') teacherPracticePersonTimes?: number | null;
  @count('教师企业实践（天）') teacherPracticeDays?: number | null;
  @count('共同开发课程（门）') coCourses?: number | null;
  @count('共同开发教材（种）') coTextbooks?: number | null;
  @count('共建基地（个）') coBases?: number | null;
  @count('专利（件）') patents?: number | null;
  @count('1+X 证书（人）') certificates1X?: number | null;
  @money('企业投入（元），单笔不超过 10 亿元') investment?: number | null;
  @money('其中到账（元），不超过投入') investmentReceived?: number | null;
  @money('其中设备值（元），不超过投入') equipmentValue?: number | null;
  @money('技术服务收入（元），单笔不超过 10 亿元') serviceIncome?: number | null;
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

const MONEY_LABEL: Record<MoneyField, string> = {
  investment: '企业投入',
  investmentReceived: '到账金额',
  equipmentValue: '设备值',
  serviceIncome: '技术服务收入',
};

/** Validated ledger figures: counts are whole and ≥ 0, money exact and at most 10 亿元 a row (MAX_ROW_FEN), received and equipment ≤ investment. */
export function validCooperation(input: CooperationInput) {
  const thisYear = currentYear();
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > thisYear + 1)
    throw badInput(`年度应在 2000 到 ${thisYear + 1} 之间，当前为 ${input.year}（year）`, { field: 'year' });
  const counts = Object.fromEntries(COUNT_FIELDS.map((f) => [f, wholeNumber(input[f], COUNT_LABEL[f])])) as Record<CountField, number>;
  const amounts = Object.fromEntries(MONEY_FIELDS.map((f) => [f, cappedAmount(input[f] ?? 0, MONEY_LABEL[f])])) as Record<MoneyField, number>;
  if (amounts.investmentReceived > amounts.investment) {
    throw badInput(`到账金额 ${fenToYuan(amounts.investmentReceived)} 元不能超过企业投入 ${fenToYuan(amounts.investment)} 元 (received > investment)`);
  }
  if (amounts.equipmentValue > amounts.investment) {
    throw badInput(`设备值 ${fenToYuan(amounts.equipmentValue)} 元不能超过企业投入 ${fenToYuan(amounts.investment)} 元 (equipment > investment)`);
  }
  const direction = {
    enterpriseTeachers: ofWhich(input.enterpriseTeachers, counts.mutualTeachers, '企业人员到学校兼职任教人数', 'enterpriseTeachers', '互兼互聘教师数'),
    enterpriseTeachingHours: ofWhich(
      input.enterpriseTeachingHours,
      counts.mutualTeachingHours,
      '企业人员到学校兼职任教课时',
      'enterpriseTeachingHours',
      '互兼互聘授课课时',
    ),
  };
  return { year: input.year, projectName: requiredText(input.projectName, '合作项目名称', 200), ...counts, ...direction, ...amounts };
}

/**
 * The enterprise → school part of a two-way figure (互兼互聘): required when the figure is above 0 (the
 * row must say which way its teachers went), 0 when the figure is 0, never above it.
 */
function ofWhich(value: number | null | undefined, total: number, label: string, field: string, totalLabel: string): number {
  if (value === null || value === undefined) {
    if (total === 0) return 0;
    throw badInput(
      `${totalLabel}为 ${total}，须填写其中${label}（${field}）：企业人员到学校任教的算企业兼职教师，学校教师受聘到企业的不算；没有企业人员到校任教填 0 (${field} required)`,
      { field },
    );
  }
  const n = wholeNumber(value, label);
  if (n > total) throw badInput(`${label} ${n} 不能超过${totalLabel} ${total} (${field} > total)`, { field });
  return n;
}

/** The reason of a change: required when a secretariat corrects or removes another unit's row. */
export function changeReason(reason: string | null | undefined, bySecretariat: boolean): string | null {
  const text = (reason ?? '').trim();
  if (!text && bySecretariat) throw badInput('秘书处更正或删除成员单位的合作台账须填写理由（reason required），例如“金额多填了四个零，按合同更正”');
  if (text.length > 500) throw badInput(`理由最多 500 个字符，当前 ${text.length} 个 (reason too long)`);
  return text || null;
}

@ArgsType()
export class CooperationListArgs {
  @Field(() => ID, { nullable: true, description: '集团' }) groupId?: string | null;
  @Field(() => Int, { nullable: true, description: '年度' }) year?: number | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
