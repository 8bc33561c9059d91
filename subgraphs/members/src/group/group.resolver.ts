import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DataSource } from 'typeorm';
import {
  badInput,
  conflict,
  forbidden,
  Connection,
  isUniqueViolation,
  LIKE_ESCAPE,
  notBefore,
  notFound,
  optionalText,
  prefixPattern,
  recordAudit,
  REGION_PATTERN,
  requiredText,
} from '@zjjt/kit';
import { MembersContext } from '../context';
import { GroupType, MembershipStatus } from '../enums';
import { Membership } from '../membership/membership.entity';
import { MemberListArgs } from '../membership/membership.input';
import { listMembers } from '../membership/member-list';
import { Notice } from '../notice/notice.entity';
import { listNotices } from '../notice/notice-list';
import { Organization } from '../organization/organization.entity';
import { regionCode } from '../validate';
import { CouncilTerm } from './council-term.entity';
import { GroupDesignation } from './designation.entity';
import { Group } from './group.entity';
import { CouncilTermInput, DesignationInput, GroupProfileInput, RegisterGroupInput } from './group.input';

/** The ids of the groups registered in a region (行政区划 prefix; '' every region): whom an authority of that region reads. */
export async function groupIdsInRegion(db: DataSource, region: string, type: string | null = null): Promise<string[]> {
  const query = db.getRepository(Group).createQueryBuilder('g').select('g.id', 'id').where('1 = 1');
  if (region) query.andWhere(`g.region LIKE :region ${LIKE_ESCAPE}`, { region: prefixPattern(region) });
  if (type) query.andWhere('g.type = :type', { type });
  return (await query.getRawMany<{ id: string }>()).map((g) => g.id);
}

export const MembershipConnection = Connection(Membership, 'Membership');
export const NoticeConnection = Connection(Notice, 'Notice');

function validTerm(input: CouncilTermInput) {
  if (!Number.isInteger(input.number) || input.number < 1 || input.number > 99)
    throw badInput(`届次应为 1–99 的整数，当前为 ${input.number}（council term number）`, { field: 'number' });
  if (input.endsOn)
    notBefore(input.endsOn, input.startsOn, `届次结束日期 ${input.endsOn} 不能早于开始日期 ${input.startsOn}（endsOn before startsOn）：请改正日期`);
  return { number: input.number, startsOn: input.startsOn, endsOn: input.endsOn ?? null };
}

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true, description: '集团（匿名访问只返回门户公开信息）' })
  group(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    return ctx.loaders.visibleGroupById.load(id);
  }

  @Query(() => Group, { nullable: true, description: '按集团代码查找' })
  async groupByCode(@Arg('code', () => String) code: string, @Ctx() ctx: MembersContext) {
    const group = await ctx.db.getRepository(Group).findOneBy({ code: code.trim() });
    return group ? ctx.loaders.visibleGroupById.load(group.id) : null;
  }

  @Query(() => [Group], {
    description: '集团列表：匿名为门户上的全部集团，登录用户为本人所属集团，主管部门为本地区的集团；可按地区（行政区划代码前缀）与集团类型筛选',
  })
  groups(
    @Ctx() ctx: MembersContext,
    @Arg('region', () => String, { nullable: true, description: '行政区划代码前缀（2、4 或 6 位）' }) region: string | null,
    @Arg('type', () => GroupType, { nullable: true, description: '集团类型：行业型 INDUSTRY / 区域型 REGIONAL' }) type: GroupType | null,
  ) {
    const { viewer } = ctx;
    if (region && !REGION_PATTERN.test(region)) throw badInput(`地区应为 2、4 或 6 位行政区划代码前缀，例如 37 或 3701，当前为「${region}」 (invalid region)`);
    const query = ctx.db.getRepository(Group).createQueryBuilder('g').orderBy('g.name', 'ASC');
    if (region) query.andWhere(`g.region LIKE :region ${LIKE_ESCAPE}`, { region: prefixPattern(region) });
    if (type) query.andWhere('g.type = :type', { type });
    if (!viewer.isAnonymous && !viewer.readsEveryRegion) query.andWhere('g.id IN (:...ids)', { ids: viewer.groupIds.length ? [...viewer.groupIds] : [''] });
    return query.getMany();
  }

  @FieldResolver(() => Organization, { nullable: true, description: '牵头单位' })
  leadOrganization(@Root() group: Group, @Ctx() ctx: MembersContext) {
    return group.leadOrganizationId ? ctx.loaders.visibleOrganizationById.load(group.leadOrganizationId) : null;
  }

  @FieldResolver(() => [GroupDesignation], { description: '称号' })
  designations(@Root() group: Group, @Ctx() ctx: MembersContext) {
    return ctx.loaders.designationsByGroupId.load(group.id);
  }

  @FieldResolver(() => [CouncilTerm], { description: '理事会届次' })
  councilTerms(@Root() group: Group, @Ctx() ctx: MembersContext) {
    return ctx.loaders.councilTermsByGroupId.load(group.id);
  }

  @FieldResolver(() => MembershipConnection, { description: '成员单位（筛选、搜索、排序、游标分页）' })
  members(@Root() group: Group, @Args(() => MemberListArgs) args: MemberListArgs, @Ctx() ctx: MembersContext) {
    return listMembers(ctx.db, ctx.viewer, group.id, args);
  }

  @FieldResolver(() => NoticeConnection, { nullable: true, description: '通知与文件（本集团用户可见），新的在前' })
  notices(
    @Root() group: Group,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: MembersContext,
  ) {
    return ctx.viewer.canRead(group.id) ? listNotices(ctx.db, group.id, first, after) : null;
  }

  @Mutation(() => Group, { description: '主管部门在平台上登记一个职教集团（租户）；其秘书处此后用本集团的 id 登录' })
  async registerGroup(@Arg('input', () => RegisterGroupInput) input: RegisterGroupInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireRole('AUTHORITY');
    const code = input.code.trim();
    if (!/^[a-z0-9][a-z0-9-]{1,31}$/.test(code))
      throw badInput(`集团代码「${code.slice(0, 40)}」应为 2–32 位小写字母、数字或短横线，例如 sdjx（group code）`, { field: 'code' });
    if (input.leadOrganizationId)
      throw badInput('新集团还没有成员单位（no members yet）：请留空 leadOrganizationId，先登记成员，再设置牵头单位', { field: 'leadOrganizationId' });
    // An authority registers groups of its own region only: the group's region decides who reads it.
    const region = input.region ? regionCode(input.region) : null;
    if (!region) throw badInput('请填写集团所在地区（六位行政区划代码） (region required)');
    if (!ctx.viewer.region || !region.startsWith(ctx.viewer.region))
      throw forbidden(`集团所在地区 ${region} 不在本主管部门的地区 ${ctx.viewer.region ?? '（未设置）'} 内 (region outside the authority's region)`);
    const group = {
      id: randomUUID(),
      code,
      name: requiredText(input.name, '集团名称', 100),
      shortName: optionalText(input.shortName, '简称', 50),
      type: input.type,
      leadOrganizationId: null,
      approvingAuthority: optionalText(input.approvingAuthority, '批准部门', 100),
      foundedOn: input.foundedOn ?? null,
      region,
      description: optionalText(input.description, '简介', 5000),
    };
    try {
      await ctx.db.transaction(async (em) => {
        await em.getRepository(Group).insert(group);
        await recordAudit(em, ctx.viewer, { groupId: group.id, operation: 'registerGroup', entity: 'Group', id: group.id, after: group });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`集团代码 ${code} 已被使用（group code taken）：请换一个代码`);
      throw error;
    }
    return ctx.db.getRepository(Group).findOneByOrFail({ id: group.id });
  }

  @Mutation(() => Group, { description: '更新集团基本信息' })
  async updateGroupProfile(@Arg('id', () => ID) id: string, @Arg('input', () => GroupProfileInput) input: GroupProfileInput, @Ctx() ctx: MembersContext) {
    ctx.viewer.requireSecretariatOf(id);
    const repo = ctx.db.getRepository(Group);
    const before = await repo.findOneBy({ id });
    if (!before) throw notFound('集团', id);
    if (input.leadOrganizationId) {
      const lead = await ctx.db.getRepository(Membership).findOneBy({ groupId: id, organizationId: input.leadOrganizationId, status: MembershipStatus.ACTIVE });
      if (!lead)
        throw badInput(`牵头单位 ${input.leadOrganizationId} 须为本集团的正式成员单位（leadOrganizationId not an active member）：请从本集团成员中选择`, {
          field: 'leadOrganizationId',
        });
    }
    const profile = {
      name: requiredText(input.name, '集团名称', 100),
      shortName: optionalText(input.shortName, '简称', 50),
      type: input.type,
      leadOrganizationId: input.leadOrganizationId ?? null,
      approvingAuthority: optionalText(input.approvingAuthority, '批准部门', 100),
      foundedOn: input.foundedOn ?? null,
      region: input.region ? regionCode(input.region) : null,
      description: optionalText(input.description, '简介', 5000),
    };
    return ctx.db.transaction(async (em) => {
      await em.getRepository(Group).update({ id }, profile);
      const after = await em.getRepository(Group).findOneByOrFail({ id });
      await recordAudit(em, ctx.viewer, { groupId: id, operation: 'updateGroupProfile', entity: 'Group', id, before, after });
      return after;
    });
  }

  @Mutation(() => GroupDesignation, { description: '添加集团称号' })
  async addGroupDesignation(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('input', () => DesignationInput) input: DesignationInput,
    @Ctx() ctx: MembersContext,
  ) {
    ctx.viewer.requireSecretariatOf(groupId);
    const designation = {
      id: randomUUID(),
      groupId,
      title: requiredText(input.title, '称号', 100),
      issuer: requiredText(input.issuer, '授予部门', 100),
      awardedOn: input.awardedOn,
    };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(GroupDesignation).insert(designation);
      await recordAudit(em, ctx.viewer, { groupId, operation: 'addGroupDesignation', entity: 'GroupDesignation', id: designation.id, after: designation });
    });
    return designation;
  }

  @Mutation(() => Boolean, { description: '删除集团称号' })
  async removeGroupDesignation(@Arg('id', () => ID) id: string, @Ctx() ctx: MembersContext) {
    const repo = ctx.db.getRepository(GroupDesignation);
    const designation = await repo.findOneBy({ id });
    if (!designation || !ctx.viewer.canRead(designation.groupId)) throw notFound('称号', id);
    ctx.viewer.requireSecretariatOf(designation.groupId);
    await ctx.db.transaction(async (em) => {
      await em.getRepository(GroupDesignation).delete({ id });
      await recordAudit(em, ctx.viewer, {
        groupId: designation.groupId,
        operation: 'removeGroupDesignation',
        entity: 'GroupDesignation',
        id,
        before: designation,
      });
    });
    return true;
  }

  @Mutation(() => CouncilTerm, { description: '新增理事会届次' })
  async createCouncilTerm(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('input', () => CouncilTermInput) input: CouncilTermInput,
    @Ctx() ctx: MembersContext,
  ) {
    ctx.viewer.requireSecretariatOf(groupId);
    const term = { id: randomUUID(), groupId, ...validTerm(input) };
    try {
      await ctx.db.transaction(async (em) => {
        await em.getRepository(CouncilTerm).insert(term);
        await recordAudit(em, ctx.viewer, { groupId, operation: 'createCouncilTerm', entity: 'CouncilTerm', id: term.id, after: term });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`本集团已有第 ${input.number} 届理事会（council term number taken）：请改用另一个届次`);
      throw error;
    }
    return term;
  }

  @Mutation(() => CouncilTerm, { description: '修改理事会届次' })
  async updateCouncilTerm(@Arg('id', () => ID) id: string, @Arg('input', () => CouncilTermInput) input: CouncilTermInput, @Ctx() ctx: MembersContext) {
    const repo = ctx.db.getRepository(CouncilTerm);
    const term = await repo.findOneBy({ id });
    if (!term || !ctx.viewer.canRead(term.groupId)) throw notFound('理事会届次', id);
    ctx.viewer.requireSecretariatOf(term.groupId);
    try {
      await ctx.db.transaction(async (em) => {
        await em.getRepository(CouncilTerm).update({ id }, validTerm(input));
        const after = await em.getRepository(CouncilTerm).findOneByOrFail({ id });
        await recordAudit(em, ctx.viewer, { groupId: term.groupId, operation: 'updateCouncilTerm', entity: 'CouncilTerm', id, before: term, after });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`本集团已有第 ${input.number} 届理事会（council term number taken）：请改用另一个届次`);
      throw error;
    }
    return repo.findOneByOrFail({ id });
  }
}
