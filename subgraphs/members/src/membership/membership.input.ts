import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@zjjt/kit';
import { MemberSortField, MembershipRole, MembershipStatus, OrganizationType, SortDirection } from '../enums';
import { OrganizationInput } from '../organization/organization.input';

@InputType({ description: '秘书处登记成员单位（直接生效）' })
export class RegisterMemberInput {
  @Field(() => ID) groupId!: string;
  @Field(() => OrganizationInput) organization!: OrganizationInput;
  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER }) role!: MembershipRole;
  @Field(() => ID, { nullable: true, description: '理事会届次' }) councilTermId?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '入会日期，默认今天' }) joinedOn?: string | null;
}

@InputType({ description: '入会申请' })
export class JoinApplicationInput {
  @Field(() => ID) groupId!: string;
  @Field(() => MembershipRole, { defaultValue: MembershipRole.MEMBER, description: '申请角色' }) role!: MembershipRole;
  @Field(() => String, { nullable: true, description: '申请说明' }) statement?: string | null;
}

@InputType({ description: '秘书处收到的入会申请（单位信息随申请提交）' })
export class RecordJoinApplicationInput extends JoinApplicationInput {
  @Field(() => OrganizationInput) organization!: OrganizationInput;
  @Field(() => LocalDate, { nullable: true, description: '申请日期，默认今天' }) appliedOn?: string | null;
}

@InputType({ description: '批准入会' })
export class ApproveMembershipInput {
  @Field(() => ID) membershipId!: string;
  @Field(() => MembershipRole, { nullable: true, description: '批准的角色，默认按申请' }) role?: MembershipRole | null;
  @Field(() => ID, { nullable: true }) councilTermId?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '入会日期，默认今天' }) joinedOn?: string | null;
}

@InputType({ description: '驳回入会申请' })
export class RejectMembershipInput {
  @Field(() => ID) membershipId!: string;
  @Field(() => String, { description: '驳回原因' }) reason!: string;
}

@InputType({ description: '退出登记' })
export class RecordExitInput {
  @Field(() => ID) membershipId!: string;
  @Field(() => LocalDate, { description: '退出日期' }) exitedOn!: string;
  @Field(() => String, { description: '退出原因' }) reason!: string;
}

@InputType({ description: '角色变更' })
export class ChangeRoleInput {
  @Field(() => ID) membershipId!: string;
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field(() => ID, { nullable: true, description: '理事会届次' }) councilTermId?: string | null;
  @Field(() => LocalDate, { nullable: true, description: '生效日期，默认今天' }) effectiveOn?: string | null;
  @Field(() => String, { nullable: true, description: '说明' }) reason?: string | null;
}

@InputType({ description: '成员列表筛选' })
export class MemberFilter {
  @Field(() => [OrganizationType], { nullable: true, description: '单位类型' }) types?: OrganizationType[] | null;
  @Field(() => [MembershipRole], { nullable: true, description: '角色' }) roles?: MembershipRole[] | null;
  @Field(() => [MembershipStatus], { nullable: true, description: '状态（秘书处可查全部，其他用户只见正式成员）' }) statuses?: MembershipStatus[] | null;
  @Field(() => String, { nullable: true, description: '地区代码前缀，如 37（山东省）、3701（济南市）' }) region?: string | null;
  @Field(() => String, { nullable: true, description: '所属行业' }) industry?: string | null;
  @Field(() => Boolean, { nullable: true, description: '规模以上企业' }) aboveDesignatedSize?: boolean | null;
  @Field(() => ID, { nullable: true, description: '理事会届次' }) councilTermId?: string | null;
}

@InputType({ description: '成员列表排序' })
export class MemberOrder {
  @Field(() => MemberSortField, { defaultValue: MemberSortField.ROLE }) field!: MemberSortField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

@ArgsType()
export class MemberListArgs {
  @Field(() => MemberFilter, { nullable: true }) filter?: MemberFilter | null;
  @Field(() => String, { nullable: true, description: '按单位名称或统一社会信用代码搜索' }) search?: string | null;
  @Field(() => MemberOrder, { nullable: true }) orderBy?: MemberOrder | null;
  @Field(() => Int, { nullable: true, description: '每页条数（1–100，默认 20）' }) first?: number | null;
  @Field(() => String, { nullable: true, description: '上一页的 endCursor' }) after?: string | null;
}
