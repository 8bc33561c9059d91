import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { badInput, LocalDate, optionalText, requiredText, wholeNumber } from '@zjjt/kit';
import { KIND_LABEL, KIND_REQUIRES, ResourceKind, Visibility } from '../enums';
import { period } from '../validate';

@InputType({ description: '共享资源' })
export class ResourceInput {
  @Field(() => ID, { description: '发布到的集团（须为本单位所在集团）' }) groupId!: string;
  @Field(() => ResourceKind) kind!: ResourceKind;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Int, { description: '容量（名额/台套/人次等）' }) capacity!: number;
  @Field(() => LocalDate) periodStart!: string;
  @Field(() => LocalDate) periodEnd!: string;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => Visibility, { defaultValue: Visibility.GROUP }) visibility!: Visibility;
  @Field(() => String, { nullable: true, description: '专业（订单班必填）' }) specialty?: string | null;
  @Field(() => String, { nullable: true, description: '学科/课程/技术领域（兼职教师、课程、技术服务必填）' }) subject?: string | null;
  @Field(() => Int, { nullable: true, description: '课时（兼职教师必填）' }) hours?: number | null;
  @Field(() => String, { nullable: true, description: '岗位/工种（学徒、实习、招聘、大师工作室必填）' }) occupation?: string | null;
}

const LABEL = { specialty: '专业', subject: '学科/课程/技术领域', hours: '课时', occupation: '岗位/工种' } as const;

/** Validated resource fields, with each kind's required fields checked. */
export function validResource(input: ResourceInput) {
  const { start, end } = period(input.periodStart, input.periodEnd);
  const values = {
    kind: input.kind,
    title: requiredText(input.title, '标题', 200),
    description: optionalText(input.description, '说明', 5000),
    capacity: wholeNumber(input.capacity, '容量', 1),
    periodStart: start,
    periodEnd: end,
    location: optionalText(input.location, '地点', 200),
    visibility: input.visibility,
    specialty: optionalText(input.specialty, LABEL.specialty, 100),
    subject: optionalText(input.subject, LABEL.subject, 100),
    hours: input.hours === null || input.hours === undefined ? null : wholeNumber(input.hours, LABEL.hours, 1, 100000),
    occupation: optionalText(input.occupation, LABEL.occupation, 100),
  };
  const missing = (KIND_REQUIRES[input.kind] ?? []).filter((field) => values[field] === null);
  if (missing.length)
    throw badInput(`${KIND_LABEL[input.kind]}须填写：${missing.map((f) => LABEL[f]).join('、')}（required for ${input.kind}: ${missing.join(', ')}）`, {
      field: missing[0],
    });
  return values;
}

@InputType({ description: '资源检索条件' })
export class ResourceFilter {
  @Field(() => ID, { nullable: true, description: '集团（默认为本人所属的全部集团；匿名为门户公开资源）' }) groupId?: string | null;
  @Field(() => [ResourceKind], { nullable: true }) kinds?: ResourceKind[] | null;
  @Field(() => ID, { nullable: true, description: '提供单位' }) providerId?: string | null;
  @Field(() => [String], { nullable: true, description: '提供单位类型（OrganizationType 的取值）' }) providerTypes?: string[] | null;
  @Field(() => String, { nullable: true, description: '地区代码前缀，如 37、3702' }) region?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '与此日期之后有交集' }) from?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '与此日期之前有交集' }) to?: string | null;
  @Field(() => String, { nullable: true, description: '关键词（标题、说明、专业、岗位、提供单位名称）' }) keyword?: string | null;
  @Field(() => Int, { nullable: true, description: '剩余容量至少为' }) minCapacityLeft?: number | null;
}

@ArgsType()
export class ResourceSearchArgs {
  @Field(() => ResourceFilter, { nullable: true }) filter?: ResourceFilter | null;
  @Field(() => Int, { nullable: true, description: '每页条数（1–100，默认 20）' }) first?: number | null;
  @Field(() => String, { nullable: true }) after?: string | null;
}
