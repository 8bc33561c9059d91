import { randomUUID } from 'node:crypto';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { QueryFailedError, SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { audited, badInput, conflict, Connection, forbidden, newestFirstPage, notFound, now, recordAudit, Viewer } from '@zjjt/kit';
import { BasesContext } from '../context';
import { sealer } from '../sealer';
import { Organization, organizationRef } from '../stubs';
import { maskIdNumber, maskPhone } from '../trainee/pii';
import { Competition, CompetitionAward, CompetitionEntrant, CompetitionUnit } from './competition.entity';
import { AwardInput, CompetitionInput, CompetitionPageArgs, EntrantInput, validAward, validCompetition, validEntrant } from './competition.input';
import { seesAllCompetitions } from './competition.loaders';

export const CompetitionConnection = Connection(Competition, 'Competition');
export const CompetitionAwardConnection = Connection(CompetitionAward, 'CompetitionAward');

/**
 * An entrant as the audit log shows it: the masked 身份证号 and phone the hub shows everywhere, the name by its
 * shape (`王**`); never the sealed values or the number's hash.
 */
const entrantView = ({ idNumberSealed: _s, idNumberHash: _h, phoneSealed: _p, ...fields }: CompetitionEntrant) => fields;
const ENTRANT_MASK = ['name'] as const;

/** Limits a query over rows with a competitionId (alias.competitionId) to the competitions the viewer's unit takes part in. */
function unitScope<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, viewer: Viewer, groupId: string, column: string): SelectQueryBuilder<T> {
  if (seesAllCompetitions(viewer, groupId)) return query;
  return query.andWhere(`${column} IN (SELECT u.competitionId FROM competition_unit u WHERE u.organizationId = :scopeOrg)`, {
    scopeOrg: viewer.organizationId ?? '',
  });
}

@Resolver(() => Competition)
export class CompetitionResolver {
  @Query(() => CompetitionConnection, { description: '技能大赛：秘书处见本集团全部，成员单位见本单位参赛的，按日期从新到旧' })
  competitions(@Args(() => CompetitionPageArgs) args: CompetitionPageArgs, @Ctx() ctx: BasesContext) {
    const f = args.filter;
    this.requireGroupReader(ctx, f.groupId);
    const query = ctx.db.getRepository(Competition).createQueryBuilder('c').where('c.groupId = :groupId', { groupId: f.groupId });
    unitScope(query, ctx.viewer, f.groupId, 'c.id');
    if (f.year) query.andWhere('c.year = :year', { year: f.year });
    if (f.level) query.andWhere('c.level = :level', { level: f.level });
    if (f.role) query.andWhere('c.role = :role', { role: f.role });
    if (f.roles?.length) query.andWhere('c.role IN (:...roles)', { roles: f.roles });
    // The group named again inside: the awards are read through their group's index, not all groups'.
    if (f.awardLevel)
      query.andWhere('c.id IN (SELECT a.competitionId FROM competition_award a WHERE a.groupId = :groupId AND a.level = :awardLevel)', {
        awardLevel: f.awardLevel,
      });
    return newestFirstPage(query, 'heldOn', args.first, args.after);
  }

  @Query(() => CompetitionAwardConnection, { description: '大赛获奖（按大赛查看权限）：一项奖一行，团体奖计一次' })
  competitionAwards(@Args(() => CompetitionPageArgs) args: CompetitionPageArgs, @Ctx() ctx: BasesContext) {
    const f = args.filter;
    this.requireGroupReader(ctx, f.groupId);
    const query = ctx.db.getRepository(CompetitionAward).createQueryBuilder('a').where('a.groupId = :groupId', { groupId: f.groupId });
    unitScope(query, ctx.viewer, f.groupId, 'a.competitionId');
    if (f.year) query.andWhere('a.year = :year', { year: f.year });
    if (f.awardLevel) query.andWhere('a.level = :awardLevel', { awardLevel: f.awardLevel });
    if (f.level || f.role || f.roles?.length) {
      const sub = ['SELECT c.id FROM competition c WHERE c.groupId = :groupId'];
      if (f.level) sub.push('c.level = :level');
      if (f.role) sub.push('c.role = :role');
      if (f.roles?.length) sub.push('c.role IN (:...roles)');
      query.andWhere(`a.competitionId IN (${sub.join(' AND ')})`, { level: f.level, role: f.role, roles: f.roles });
    }
    return newestFirstPage(query, 'year', args.first, args.after);
  }

  @FieldResolver(() => [Organization], { nullable: 'items', description: '参赛单位（成员子图按查看权限解析，看不到的为空）' })
  async participants(@Root() c: Competition, @Ctx() ctx: BasesContext) {
    return (await ctx.loaders.competitionUnitIds.load(c.id)).map(organizationRef);
  }

  @FieldResolver(() => [CompetitionEntrant], { description: '参赛选手（脱敏）：秘书处见全部，参赛单位只见本单位的' })
  async entrants(@Root() c: Competition, @Ctx() ctx: BasesContext) {
    const all = await ctx.loaders.entrantsByCompetitionId.load(c.id);
    return seesAllCompetitions(ctx.viewer, c.groupId) ? all : all.filter((e) => e.organizationId === ctx.viewer.organizationId);
  }

  @FieldResolver(() => [CompetitionAward], { description: '获奖' })
  awards(@Root() c: Competition, @Ctx() ctx: BasesContext) {
    return ctx.loaders.awardsByCompetitionId.load(c.id);
  }

  @Mutation(() => Competition, { description: '秘书处登记技能大赛（级别、集团角色、参赛单位）' })
  async recordCompetition(@Arg('input', () => CompetitionInput) input: CompetitionInput, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireSecretariatOf(input.groupId);
    const { participantIds, ...values } = validCompetition(input);
    const members = new Set((await ctx.loaders.directory.activeMembers(input.groupId)).map((m) => m.id));
    const missing = participantIds.filter((id) => !members.has(id));
    if (missing.length)
      throw badInput(`参赛单位 ${missing.join('、')} 不是本集团的正式成员单位（not an active member unit of this group）：请从本集团成员中选择`, {
        field: 'participantIds',
      });
    const competition: Competition = { id: randomUUID(), ...values, recordedBy: ctx.viewer.requireUser(), recordedAt: now() };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(Competition).insert(competition);
      if (participantIds.length)
        await em
          .getRepository(CompetitionUnit)
          .insert(participantIds.map((organizationId) => ({ id: randomUUID(), competitionId: competition.id, groupId: competition.groupId, organizationId })));
      await recordAudit(em, ctx.viewer, {
        groupId: competition.groupId,
        operation: 'recordCompetition',
        entity: 'Competition',
        id: competition.id,
        after: { ...competition, participantIds },
      });
    });
    return competition;
  }

  @Mutation(() => CompetitionEntrant, { description: '登记参赛选手：参赛单位登记本单位的，秘书处可登记任一参赛单位的（个人信息加密保存、脱敏显示）' })
  async addCompetitionEntrant(@Arg('input', () => EntrantInput) input: EntrantInput, @Ctx() ctx: BasesContext) {
    const { viewer } = ctx;
    const competition = await this.visible(ctx, input.competitionId);
    const units = await ctx.loaders.competitionUnitIds.load(competition.id);
    let organizationId: string;
    if (viewer.isSecretariatOf(competition.groupId)) {
      if (!input.organizationId) throw badInput('秘书处登记选手须指定所在单位（organizationId）', { field: 'organizationId' });
      organizationId = input.organizationId;
    } else {
      const own = viewer.requireOrganization();
      if (input.organizationId && input.organizationId !== own)
        throw forbidden(
          `参赛单位只能登记本单位的选手，${input.organizationId} 不是本单位（organizationId not your unit）；其他单位的选手请由该单位或本集团秘书处登记`,
        );
      organizationId = own;
    }
    if (!units.includes(organizationId))
      throw badInput(`单位 ${organizationId} 不是该大赛的参赛单位（not a participating unit）：请先在大赛中列出该单位`, { field: 'organizationId' });
    const { idNumber, phone, ...values } = validEntrant(input);
    const seal = sealer();
    const entrant: CompetitionEntrant = {
      id: randomUUID(),
      competitionId: competition.id,
      groupId: competition.groupId,
      organizationId,
      ...values,
      idNumberSealed: seal.seal(idNumber),
      idNumberHash: seal.hash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      phoneSealed: phone ? seal.seal(phone) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
    };
    try {
      await audited(ctx.db, viewer, { operation: 'addCompetitionEntrant', entity: 'CompetitionEntrant', view: entrantView, mask: ENTRANT_MASK }, async (em) => {
        await em.getRepository(CompetitionEntrant).insert(entrant);
        return entrant;
      });
    } catch (error) {
      // uq_competition_entrant_person: the same person entered twice (the message never repeats the number).
      if (error instanceof QueryFailedError) throw conflict(`该选手（身份证号 ${entrant.idNumberMasked}）已登记在此大赛中（duplicate entrant）`);
      throw error;
    }
    return entrant;
  }

  @Mutation(() => CompetitionAward, { description: '秘书处登记大赛获奖（个人或团体）' })
  async recordCompetitionAward(@Arg('input', () => AwardInput) input: AwardInput, @Ctx() ctx: BasesContext) {
    const competition = await this.visible(ctx, input.competitionId);
    ctx.viewer.requireSecretariatOf(competition.groupId);
    const values = validAward(input);
    const entrants = new Set((await ctx.loaders.entrantsByCompetitionId.load(competition.id)).map((e) => e.id));
    const unknown = values.entrantIds.filter((id) => !entrants.has(id));
    if (unknown.length) throw badInput(`选手 ${unknown.join('、')} 未登记在此大赛中（unknown entrant）：请先登记参赛选手`, { field: 'entrantIds' });
    const award: CompetitionAward = { id: randomUUID(), competitionId: competition.id, groupId: competition.groupId, year: competition.year, ...values };
    return audited(ctx.db, ctx.viewer, { operation: 'recordCompetitionAward', entity: 'CompetitionAward' }, async (em) => {
      await em.getRepository(CompetitionAward).insert(award);
      return award;
    });
  }

  @Mutation(() => Boolean, { description: '秘书处删除登记错的获奖' })
  async deleteCompetitionAward(@Arg('id', () => ID) id: string, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireUser();
    const award = await ctx.db.getRepository(CompetitionAward).findOneBy({ id });
    if (!award || !ctx.viewer.isSecretariatOf(award.groupId)) throw notFound('大赛获奖', id);
    await ctx.db.transaction(async (em) => {
      await em.getRepository(CompetitionAward).delete({ id });
      await recordAudit(em, ctx.viewer, { groupId: award.groupId, operation: 'deleteCompetitionAward', entity: 'CompetitionAward', id, before: award });
    });
    return true;
  }

  @Mutation(() => Boolean, { description: '秘书处删除登记错的技能大赛（连同其参赛单位、选手与获奖）' })
  async deleteCompetition(@Arg('id', () => ID) id: string, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireUser();
    const competition = await ctx.db.getRepository(Competition).findOneBy({ id });
    if (!competition || !ctx.viewer.isSecretariatOf(competition.groupId)) throw notFound('技能大赛', id);
    await ctx.db.transaction(async (em) => {
      // One entry for the competition with the number of entrants and awards removed with it: no entrant's personal data.
      const [entrants, awards, units] = await Promise.all([
        em.getRepository(CompetitionEntrant).countBy({ competitionId: id }),
        em.getRepository(CompetitionAward).countBy({ competitionId: id }),
        em.getRepository(CompetitionUnit).findBy({ competitionId: id }),
      ]);
      await em.getRepository(CompetitionAward).delete({ competitionId: id });
      await em.getRepository(CompetitionEntrant).delete({ competitionId: id });
      await em.getRepository(CompetitionUnit).delete({ competitionId: id });
      await em.getRepository(Competition).delete({ id });
      await recordAudit(em, ctx.viewer, {
        groupId: competition.groupId,
        operation: 'deleteCompetition',
        entity: 'Competition',
        id,
        before: { ...competition, participantIds: units.map((u) => u.organizationId).sort(), entrants, awards },
      });
    });
    return true;
  }

  /** A competition the viewer may see; anything else is refused as an unknown id. */
  private async visible(ctx: BasesContext, id: string): Promise<Competition> {
    const { viewer } = ctx;
    viewer.requireUser();
    const competition = await ctx.db.getRepository(Competition).findOneBy({ id });
    if (!competition || !viewer.groupIds.includes(competition.groupId)) throw notFound('技能大赛', id);
    if (seesAllCompetitions(viewer, competition.groupId)) return competition;
    if (viewer.organizationId && (await ctx.loaders.competitionUnitIds.load(id)).includes(viewer.organizationId)) return competition;
    throw notFound('技能大赛', id);
  }

  private requireGroupReader(ctx: BasesContext, groupId: string) {
    ctx.viewer.requireUser();
    if (!ctx.viewer.canRead(groupId)) throw notFound('集团', groupId);
  }
}

@Resolver(() => CompetitionEntrant)
export class CompetitionEntrantResolver {
  @FieldResolver(() => Organization, { nullable: true, description: '所在单位' })
  organization(@Root() e: CompetitionEntrant) {
    return organizationRef(e.organizationId);
  }
}

@Resolver(() => CompetitionAward)
export class CompetitionAwardResolver {
  @FieldResolver(() => [CompetitionEntrant], { description: '获奖选手（按选手查看权限：参赛单位只见本单位的）' })
  async entrants(@Root() a: CompetitionAward, @Ctx() ctx: BasesContext) {
    const ids = new Set(a.entrantIds);
    const all = (await ctx.loaders.entrantsByCompetitionId.load(a.competitionId)).filter((e) => ids.has(e.id));
    return seesAllCompetitions(ctx.viewer, a.groupId) ? all : all.filter((e) => e.organizationId === ctx.viewer.organizationId);
  }
}
