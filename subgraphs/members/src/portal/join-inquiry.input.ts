import { Field, ID, InputType } from 'type-graphql';
import { badInput, ConfigError, optionalText, requiredText } from '@zjjt/kit';
import { MembershipRole, OrganizationType } from '../enums';
import { validUscc } from '../organization/organization.input';
import { email, phone } from '../validate';

@InputType({ description: '门户入会咨询（无需登录）' })
export class JoinInquiryInput {
  @Field(() => ID) groupId!: string;
  @Field(() => String, { description: '单位名称' }) unitName!: string;
  @Field(() => String, { description: '统一社会信用代码（18 位）' }) uscc!: string;
  @Field(() => String, { description: '联系人' }) contactName!: string;
  @Field(() => String, { description: '联系电话' }) contactPhone!: string;
  @Field(() => String, { nullable: true, description: '电子邮箱' }) contactEmail?: string | null;
  @Field(() => String, { nullable: true, description: '留言' }) message?: string | null;
}

/** Validated inquiry fields (plain text, sealed by the caller before storing). */
export function validInquiry(input: JoinInquiryInput) {
  const contactPhone = phone(input.contactPhone);
  if (!contactPhone) throw badInput('请填写联系电话 (contactPhone is required)');
  return {
    unitName: requiredText(input.unitName, '单位名称', 100),
    uscc: validUscc(input.uscc),
    contactName: requiredText(input.contactName, '联系人', 50),
    contactPhone,
    contactEmail: email(input.contactEmail),
    message: optionalText(input.message, '留言', 1000),
  };
}

@InputType({ description: '秘书处把入会咨询转为入会申请：补全咨询里没有的单位信息' })
export class ConvertJoinInquiryInput {
  @Field(() => ID) inquiryId!: string;
  @Field(() => OrganizationType) type!: OrganizationType;
  @Field(() => String, { description: '所在地区（GB/T 2260 六位代码）' }) region!: string;
  @Field(() => String, { description: '所属行业' }) industry!: string;
  @Field(() => Boolean, { nullable: true, description: '规模以上企业' }) aboveDesignatedSize?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '500 强企业' }) fortune500?: boolean | null;
  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: '申请角色' }) role!: MembershipRole;
}

/** Inquiries the hub keeps per sender address and per group within one window (JOIN_INQUIRY_LIMIT_*). */
export interface InquiryLimits {
  perAddress: number;
  perGroup: number;
  windowMinutes: number;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100_000) throw new ConfigError(`${name} must be a whole number from 1 to 100000 (got "${raw}")`);
  return value;
}

export function inquiryLimits(env: NodeJS.ProcessEnv = process.env): InquiryLimits {
  return {
    perAddress: positive(env, 'JOIN_INQUIRY_LIMIT_PER_ADDRESS', 5),
    perGroup: positive(env, 'JOIN_INQUIRY_LIMIT_PER_GROUP', 100),
    windowMinutes: positive(env, 'JOIN_INQUIRY_WINDOW_MINUTES', 60),
  };
}
