import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { badInput, cappedAmount, fenToYuan, LocalDate, Money, optionalText, requiredText, today } from '@zjjt/kit';
import { RevenueSource } from './revenue.enums';

@InputType({ description: '社会服务到账（金额以元为单位，文本，最多两位小数）' })
export class RevenueEntryInput {
  @Field(() => ID, { description: '集团（须为本人所属集团）' }) groupId!: string;
  @Field(() => ID, { nullable: true, description: '到账单位：成员单位登记本单位的（可不填）；秘书处须指定本集团的成员单位' }) organizationId?: string | null;
  @Field(() => RevenueSource, { description: '来源' }) source!: RevenueSource;
  @Field(() => LocalDate, { description: '到账日期（决定所属年度）' }) receivedOn!: string;
  @Field(() => Money, { description: '到账金额（元），大于 0，单笔不超过 10 亿元' }) amount!: number;
  @Field(() => String, { description: '付款方（对方单位名称，不要求是本平台登记的单位）' }) counterparty!: string;
  @Field(() => String, { nullable: true, description: '付款方统一社会信用代码（可空；填写时校验）' }) counterpartyUscc?: string | null;
  @Field(() => String, { nullable: true, description: '项目/摘要，如「轨道交通培训」「2025 年国家高技能人才培训基地建设经费」' }) title?: string | null;
  @Field(() => ID, { nullable: true, description: '关联本集团的培训班次（仅来源为培训时）' }) sessionId?: string | null;
  @Field(() => ID, { nullable: true, description: '关联本集团的鉴定批次（仅来源为鉴定时）' }) certificationBatchId?: string | null;
}

/** The checks that need no database: amount > 0 and capped, a date not in the future, texts, links that fit the source. */
export function validRevenue(input: RevenueEntryInput) {
  if (input.amount <= 0)
    throw badInput(`到账金额须大于 0（amount must be positive），当前为 ${fenToYuan(input.amount)} 元；退款或冲销请更正或删除原台账`, { field: 'amount' });
  const amount = cappedAmount(input.amount, '到账金额');
  const year = Number(input.receivedOn.slice(0, 4));
  if (year < 2000) throw badInput(`到账日期 ${input.receivedOn} 早于 2000 年，请核对（receivedOn too early）`, { field: 'receivedOn' });
  // One day of slack: today() is UTC, a payment booked in the morning in China is already "tomorrow" there.
  const latest = new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  if (input.receivedOn > latest) throw badInput(`到账日期 ${input.receivedOn} 晚于今天：只登记已经到账的金额（received money only）`, { field: 'receivedOn' });
  const sessionId = optionalText(input.sessionId, '培训班次', 36);
  const certificationBatchId = optionalText(input.certificationBatchId, '鉴定批次', 36);
  if (sessionId && certificationBatchId)
    throw badInput('一条到账只能关联一个培训班次或一个鉴定批次，不能同时关联两者（sessionId or certificationBatchId）：请删去其中一个', {
      field: 'certificationBatchId',
    });
  if (sessionId && input.source !== RevenueSource.TRAINING)
    throw badInput('只有来源为「社会培训」的到账可以关联培训班次（sessionId needs source TRAINING）：请改选来源或删去班次', { field: 'sessionId' });
  if (certificationBatchId && input.source !== RevenueSource.CERTIFICATION)
    throw badInput('只有来源为「社会鉴定」的到账可以关联鉴定批次（certificationBatchId needs source CERTIFICATION）：请改选来源或删去批次', {
      field: 'certificationBatchId',
    });
  const uscc = (input.counterpartyUscc ?? '').trim().toUpperCase();
  return {
    source: input.source,
    receivedOn: input.receivedOn,
    year,
    amount,
    counterparty: requiredText(input.counterparty, '付款方', 200),
    counterpartyUscc: uscc || null,
    title: optionalText(input.title, '项目/摘要', 200),
    sessionId,
    certificationBatchId,
  };
}

/** The reason of a change: required when a secretariat corrects or removes another unit's entry. */
export function changeReason(reason: string | null | undefined, bySecretariat: boolean): string | null {
  const text = (reason ?? '').trim();
  if (!text && bySecretariat) throw badInput('秘书处更正或删除成员单位的到账台账须填写理由（reason required），例如“按财务到账凭证更正金额”');
  if (text.length > 500) throw badInput(`理由最多 500 个字符，当前 ${text.length} 个 (reason too long)`);
  return text || null;
}

@InputType({ description: '到账台账查询条件' })
export class RevenueFilter {
  @Field(() => ID, { nullable: true }) groupId?: string | null;
  @Field(() => ID, { nullable: true, description: '到账单位' }) organizationId?: string | null;
  @Field(() => RevenueSource, { nullable: true }) source?: RevenueSource | null;
  @Field(() => Int, { nullable: true, description: '年度' }) year?: number | null;
  @Field(() => LocalDate, { nullable: true, description: '到账日期不早于' }) from?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '到账日期不晚于' }) to?: string | null;
}

@ArgsType()
export class RevenuePageArgs {
  @Field(() => RevenueFilter, { nullable: true }) filter?: RevenueFilter | null;
  @Field(() => Int, { nullable: true }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
