import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, notFound } from '../../../kit/src';
import { MembersContext, VisibleOrganization } from '../context';
import { canSeeMembership } from '../access';
import { Membership } from '../membership/membership.entity';
import { Organization } from './organization.entity';
import { ContactInput, OrganizationInput, validContact, validOrganization, validUscc } from './organization.input';

@ObjectType({ description: '联系方式（仅本单位、所在集团秘书处可见）' })
export class OrganizationContact {
  @Field(() => String, { nullable: true }) contactPerson!: string | null;
  @Field(() => String, { nullable: true }) contactPhone!: string | null;
  @Field(() => String, { nullable: true }) contactEmail!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
}

/** Public-profile fields are null on the anonymous portal, which shows names and types only. */
const memberVisible = <K extends keyof Organization>(org: VisibleOrganization, key: K): Organization[K] | null => (org.access === 'PORTAL' ? null : org[key]);

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: '单位详情' })
  organization(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleOrganizationById.load(id);
  }

  @Query(() => Organization, { nullable: true, description: '按统一社会信用代码查找单位' })
  async organizationByUscc(@Arg('uscc', () => String) uscc: string, @Ctx() ctx: MembersContext) {
    const found = await ctx.db.getRepository(Organization).findOneBy({ uscc: validUscc(uscc) });
    return found ? ctx.loaders.visibleOrganizationById.load(found.id) : null;
  }

  @Query(() => Organization, { nullable: true, description: '本单位' })
  myOrganization(@Ctx() ctx: MembersContext) {
    return ctx.viewer.organizationId ? ctx.loaders.visibleOrganizationById.load(ctx.viewer.organizationId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: '统一社会信用代码' })
  uscc(@Root() org: VisibleOrganization) {
    return memberVisible(org, 'uscc');
  }

  @FieldResolver(() => String, { nullable: true, description: '所在地区（GB/T 2260 六位代码）' })
  region(@Root() org: VisibleOrganization) {
    return memberVisible(org, 'region');
  }

  @FieldResolver(() => String, { nullable: true, description: '所属行业' })
  industry(@Root() org: VisibleOrganization) {
    return memberVisible(org, 'industry');
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '规模以上企业' })
  aboveDesignatedSize(@Root() org: VisibleOrganization) {
    return memberVisible(org, 'aboveDesignatedSize');
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '500 强企业' })
  fortune500(@Root() org: VisibleOrganization) {
    return memberVisible(org, 'fortune500');
  }

  @FieldResolver(() => String, { nullable: true, description: '网站' })
  website(@Root() org: VisibleOrganization) {
    return memberVisible(org, 'website');
  }

  @FieldResolver(() => OrganizationContact, { nullable: true, description: '联系方式（仅本单位、所在集团秘书处可见）' })
  contact(@Root() org: VisibleOrganization): OrganizationContact | null {
    return org.access === 'FULL' ? org : null;
  }

  @FieldResolver(() => [Membership], { description: '所属集团的成员资格（仅限当前用户可见的集团）' })
  async memberships(@Root() org: VisibleOrganization, @Ctx() ctx: MembersContext) {
    const all = await ctx.loaders.membershipsByOrganizationId.load(org.id);
    return all.filter((m) => canSeeMembership(ctx.viewer, m));
  }

  @Mutation(() => Organization, { description: '成员单位更新本单位联系方式' })
  async updateMyContact(@Arg('input', () => ContactInput) input: ContactInput, @Ctx() ctx: MembersContext) {
    const organizationId = ctx.viewer.requireOrganization();
    const changes = validContact(input);
    await ctx.db.getRepository(Organization).update({ id: organizationId }, { ...changes, updatedBy: ctx.viewer.userId });
    ctx.loaders.organizationById.clear(organizationId);
    ctx.loaders.visibleOrganizationById.clear(organizationId);
    return ctx.loaders.visibleOrganizationById.load(organizationId);
  }

  @Mutation(() => Organization, { description: '秘书处更正成员单位信息（统一社会信用代码须与原记录一致）' })
  async updateOrganization(@Arg('id', () => ID) id: string, @Arg('input', () => OrganizationInput) input: OrganizationInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireUser();
    const org = await ctx.loaders.visibleOrganizationById.load(id);
    if (!org) throw notFound('单位', id);
    const memberships = await ctx.loaders.membershipsByOrganizationId.load(id);
    if (!memberships.some((m) => ctx.viewer.isSecretariatOf(m.groupId))) throw forbidden('只有该单位所在集团的秘书处可以更正单位信息');
    const changes = validOrganization(input);
    if (changes.uscc !== org.uscc) throw badInput('统一社会信用代码不能修改；如单位变更，请登记新单位 (USCC cannot change)');
    await ctx.db.getRepository(Organization).update({ id }, { ...changes, updatedBy: ctx.viewer.userId });
    ctx.loaders.organizationById.clear(id);
    ctx.loaders.visibleOrganizationById.clear(id);
    return ctx.loaders.visibleOrganizationById.load(id);
  }
}
