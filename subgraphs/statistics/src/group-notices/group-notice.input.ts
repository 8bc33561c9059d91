import { Field, ID, InputType } from 'type-graphql';
import { UnitCategory } from '@zjjt/kit';
import { OrganizationCategory } from '../collection/completeness';
import { GroupNoticeAudience } from './group-notice.entity';

@InputType({ description: '秘书处发送通知：对象为全体正式成员、某些单位类别（发送时解析为单位）或指定成员单位' })
export class SendGroupNoticeInput {
  @Field(() => ID) groupId!: string;
  @Field(() => String, { description: '标题（最多 100 字）' }) title!: string;
  @Field(() => String, { description: '正文（最多 5000 字）' }) body!: string;
  @Field(() => GroupNoticeAudience, { description: 'ALL_MEMBERS、UNIT_CATEGORIES 或 UNITS（NOT_SUBMITTED 只用于催报）' }) audience!: GroupNoticeAudience;
  @Field(() => [OrganizationCategory], { nullable: true, description: 'UNIT_CATEGORIES 时：单位类别' }) unitCategories?: UnitCategory[] | null;
  @Field(() => [ID], { nullable: true, description: 'UNITS 时：本集团正式成员单位的 id' }) organizationIds?: string[] | null;
}
