import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@zjjt/kit';
import { GroupType } from '../enums';

@InputType({ description: '集团基本信息' })
export class GroupProfileInput {
  @Field(() => String, { description: '集团名称' }) name!: string;
  @Field(() => String, { nullable: true, description: '简称' }) shortName?: string | null;
  @Field(() => GroupType) type!: GroupType;
  @Field(() => ID, { nullable: true, description: '牵头单位（须为本集团正式成员）' }) leadOrganizationId?: string | null;
  @Field(() => String, { nullable: true, description: '批准部门' }) approvingAuthority?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '成立日期' }) foundedOn?: string | null;
  @Field(() => String, { nullable: true, description: '所在地区（六位代码）' }) region?: string | null;
  @Field(() => String, { nullable: true, description: '简介' }) description?: string | null;
}

@InputType({ description: '在平台上登记一个职教集团' })
export class RegisterGroupInput extends GroupProfileInput {
  @Field(() => String, { description: '集团代码（小写字母、数字、短横线，门户网址用）' }) code!: string;
}

@InputType({ description: '集团称号' })
export class DesignationInput {
  @Field(() => String, { description: '称号，如 省级骨干职教集团' }) title!: string;
  @Field(() => String, { description: '授予部门' }) issuer!: string;
  @Field(() => LocalDate, { description: '授予日期' }) awardedOn!: string;
}

@InputType({ description: '理事会届次' })
export class CouncilTermInput {
  @Field(() => Int, { description: '第几届' }) number!: number;
  @Field(() => LocalDate) startsOn!: string;
  @Field(() => LocalDate, { nullable: true }) endsOn?: string | null;
}
