import { Field, ID, InputType } from 'type-graphql';
import { badInput, optionalText, requiredText } from '@zjjt/kit';
import { OrganizationType, ORGANIZATION_TYPE_LABEL } from '../enums';
import { email, phone, regionCode, url } from '../validate';
import { normaliseUscc, usccProblem } from './uscc';

@InputType({ description: '联系方式' })
export class ContactInput {
  @Field(() => String, { nullable: true, description: '联系人' })
  contactPerson?: string | null;

  @Field(() => String, { nullable: true, description: '联系电话' })
  contactPhone?: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱' })
  contactEmail?: string | null;

  @Field(() => String, { nullable: true, description: '地址' })
  address?: string | null;

  @Field(() => String, { nullable: true, description: '网站' })
  website?: string | null;
}

@InputType({ description: '单位信息' })
export class OrganizationInput extends ContactInput {
  @Field(() => String, { description: '统一社会信用代码（18 位）' })
  uscc!: string;

  @Field(() => String, { description: '单位名称' })
  name!: string;

  @Field(() => OrganizationType)
  type!: OrganizationType;

  @Field(() => String, { description: '所在地区（GB/T 2260 六位代码）' })
  region!: string;

  @Field(() => String, { description: '所属行业' })
  industry!: string;

  @Field(() => Boolean, { nullable: true, description: '规模以上企业' })
  aboveDesignatedSize?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: '500 强企业' })
  fortune500?: boolean | null;
}

/** Validated contact fields, ready to store. */
export function validContact(input: ContactInput) {
  return {
    contactPerson: optionalText(input.contactPerson, '联系人', 50),
    contactPhone: phone(input.contactPhone),
    contactEmail: email(input.contactEmail),
    address: optionalText(input.address, '地址', 200),
    website: url(input.website, '网站'),
  };
}

/** A validated USCC, or BAD_USER_INPUT saying what is wrong with it. */
export function validUscc(raw: string): string {
  const uscc = normaliseUscc(raw);
  const problem = usccProblem(uscc);
  if (problem) throw badInput(problem, { field: 'uscc' });
  return uscc;
}

/** Validated organization fields, ready to store. */
export function validOrganization(input: OrganizationInput) {
  const enterprise = input.type === OrganizationType.ENTERPRISE;
  if (!enterprise && (input.aboveDesignatedSize || input.fortune500)) {
    throw badInput(
      `「规模以上」「500 强」只适用于企业，${ORGANIZATION_TYPE_LABEL[input.type]}不能勾选（enterprises only）：请取消勾选 aboveDesignatedSize 和 fortune500`,
    );
  }
  return {
    uscc: validUscc(input.uscc),
    name: requiredText(input.name, '单位名称', 100),
    type: input.type,
    region: regionCode(input.region),
    industry: requiredText(input.industry, '所属行业', 50),
    aboveDesignatedSize: enterprise && Boolean(input.aboveDesignatedSize),
    fortune500: enterprise && Boolean(input.fortune500),
    ...validContact(input),
  };
}

@InputType({ description: '单位信息更正（只填要改的字段；统一社会信用代码不能更正）' })
export class OrganizationPatchInput extends ContactInput {
  @Field(() => String, { nullable: true, description: '单位名称' }) name?: string | null;
  @Field(() => OrganizationType, { nullable: true }) type?: OrganizationType | null;
  @Field(() => String, { nullable: true, description: '所在地区（GB/T 2260 六位代码）' }) region?: string | null;
  @Field(() => String, { nullable: true, description: '所属行业' }) industry?: string | null;
  @Field(() => Boolean, { nullable: true, description: '规模以上企业' }) aboveDesignatedSize?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '500 强企业' }) fortune500?: boolean | null;
}

@InputType({ description: '秘书处提出的单位信息更正建议' })
export class OrganizationCorrectionInput {
  @Field(() => ID) organizationId!: string;
  @Field(() => ID, { description: '提出更正的集团（本秘书处所在集团）' }) groupId!: string;
  @Field(() => OrganizationPatchInput) changes!: OrganizationPatchInput;
  @Field(() => String, { description: '更正理由' }) reason!: string;
}

/**
 * A patch laid over a unit's current data and validated as a whole (a new type re-checks the
 * flags); returns only the validated values of the fields the patch names.
 */
export function patchedOrganization(current: OrganizationInput, patch: OrganizationPatchInput): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  if (!Object.keys(given).length) throw badInput('更正建议没有要修改的字段（changes is empty）：请至少填写一个要更正的字段');
  const valid: Record<string, unknown> = validOrganization({ ...current, ...given, uscc: current.uscc });
  return Object.fromEntries(Object.keys(given).map((key) => [key, valid[key]]));
}
