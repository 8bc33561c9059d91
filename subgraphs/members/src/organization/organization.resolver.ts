import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, notFound } from '@zjjt/kit';
import { MembersContext, VisibleOrganization } from '../context';
import { canSeeMembership, directEditor } from '../access';
import { CATEGORY_OF_TYPE, ChangeSource, OrganizationCategory } from '../enums';
import { Membership } from '../membership/membership.entity';
import { Organization } from './organization.entity';
import { OrganizationChange } from './organization-change.entity';
import { OrganizationCorrection } from './organization-correction.entity';
import { changeMasterData } from './organization.service';
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

  @FieldResolver(() => OrganizationCategory, { description: '单位类别（院校、企业、其他单位），由单位类型决定' })
  category(@Root() org: Organization): OrganizationCategory {
    return CATEGORY_OF_TYPE[org.type];
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

  @FieldResolver(() => [OrganizationChange], { description: '单位信息变更记录（本单位与其所在各集团秘书处可见）' })
  changes(@Root() org: VisibleOrganization, @Ctx() ctx: MembersContext) {
    return org.access === 'FULL' ? ctx.loaders.changesByOrganizationId.load(org.id) : [];
  }

  @FieldResolver(() => [OrganizationCorrection], { description: '更正建议（本单位与其所在各集团秘书处可见）' })
  corrections(@Root() org: VisibleOrganization, @Ctx() ctx: MembersContext) {
    return org.access === 'FULL' ? ctx.loaders.correctionsByOrganizationId.load(org.id) : [];
  }

  @Mutation(() => Organization, { description: '成员单位更新本单位联系方式（只改所填字段，填 null 清空）' })
  async updateMyContact(@Arg('input', () => ContactInput) input: ContactInput, @Ctx() ctx: MembersContext) {
    const organizationId = ctx.viewer.requireOrganization();
    // Only the fields sent change (null clears one); a field left out keeps its value.
    const valid: Record<string, unknown> = validContact(input);
    const changes = Object.fromEntries(Object.entries(valid).filter(([field]) => (input as Record<string, unknown>)[field] !== undefined));
    await ctx.db.transaction((em) =>
      changeMasterData(em, organizationId, changes, { viewer: ctx.viewer, via: ChangeSource.UNIT, groupId: null, operation: 'updateMyContact' }),
    );
    return reloaded(ctx, organizationId);
  }

  @Mutation(() => Organization, {
    description:
      '修改单位信息（统一社会信用代码不能修改）：单位自己；或登记该单位且该单位只属于本集团的秘书处。其他情况请提交更正建议 proposeOrganizationCorrection',
  })
  async updateOrganization(@Arg('id', () => ID) id: string, @Arg('input', () => OrganizationInput) input: OrganizationInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireUser();
    const org = await ctx.loaders.visibleOrganizationById.load(id);
    if (!org) throw notFound('单位', id);
    const editor = directEditor(ctx.viewer, org, await ctx.loaders.membershipsByOrganizationId.load(id));
    if (!editor) {
      if (org.access !== 'FULL' || !ctx.viewer.has('SECRETARIAT')) throw forbidden('只有该单位自己或登记该单位的集团秘书处可以修改单位信息 (forbidden)');
      throw forbidden(
        '该单位不是本集团登记的单位，或同时属于其他集团，秘书处不能直接修改：请提交更正建议（proposeOrganizationCorrection），由该单位确认后生效',
      );
    }
    const changes = validOrganization(input);
    if (changes.uscc !== org.uscc) throw badInput('统一社会信用代码不能修改；如单位变更，请登记新单位 (USCC cannot change)');
    const { uscc: _uscc, ...master } = changes;
    await ctx.db.transaction((em) =>
      changeMasterData(em, id, master, {
        viewer: ctx.viewer,
        via: editor.via === 'UNIT' ? ChangeSource.UNIT : ChangeSource.SECRETARIAT,
        groupId: editor.groupId,
      }),
    );
    return reloaded(ctx, id);
  }
}

/** The organization as the viewer now sees it, after a write. */
async function reloaded(ctx: MembersContext, id: string) {
  ctx.loaders.organizationById.clear(id);
  ctx.loaders.visibleOrganizationById.clear(id);
  ctx.loaders.changesByOrganizationId.clear(id);
  return ctx.loaders.visibleOrganizationById.load(id);
}
