import { randomUUID } from 'node:crypto';
import { Arg, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badInput, forbidden, notFound, now, optionalText, today, requiredText, wholeNumber, recordAudit } from '@zjjt/kit';
import { BasesContext } from '../context';
import { BaseKind, CoBuilderRole } from '../enums';
import { Organization, organizationRef } from '../stubs';
import { BaseCoBuilder, BaseDesignation, TrainingBase } from './base.entity';
import { BaseDesignationInput, TrainingBaseInput } from './base.input';

@ObjectType({ description: '共建单位' })
export class CoBuilder {
  // Nullable: the members subgraph answers null for a unit the caller may not see.
  @Field(() => Organization, { nullable: true }) organization!: Organization;
  @Field(() => CoBuilderRole) role!: CoBuilderRole;
}

function validDesignation(input: BaseDesignationInput) {
  return {
    level: input.level,
    title: requiredText(input.title, '认定称号', 200),
    issuer: requiredText(input.issuer, '认定部门', 100),
    awardedOn: input.awardedOn,
  };
}

@Resolver(() => TrainingBase)
export class BaseResolver {
  @Query(() => [TrainingBase], { description: '集团的联合培训基地' })
  async trainingBases(
    @Arg('groupId', () => ID) groupId: string,
    @Arg('kind', () => BaseKind, { nullable: true }) kind: BaseKind | null,
    @Ctx() ctx: BasesContext,
  ) {
    if (!ctx.viewer.canRead(groupId)) return [];
    return ctx.db.getRepository(TrainingBase).find({ where: { groupId, ...(kind ? { kind } : {}) }, order: { name: 'ASC' } });
  }

  @Query(() => TrainingBase, { nullable: true })
  trainingBase(@Arg('id', () => ID) id: string, @Ctx() ctx: BasesContext) {
    return ctx.loaders.visibleBaseById.load(id);
  }

  @FieldResolver(() => [CoBuilder], { description: '共建单位' })
  async coBuilders(@Root() base: TrainingBase, @Ctx() ctx: BasesContext): Promise<CoBuilder[]> {
    return (await ctx.loaders.coBuildersByBaseId.load(base.id)).map((c) => ({ organization: organizationRef(c.organizationId), role: c.role }));
  }

  @FieldResolver(() => [BaseDesignation], { description: '认定' })
  designations(@Root() base: TrainingBase, @Ctx() ctx: BasesContext) {
    return ctx.loaders.designationsByBaseId.load(base.id);
  }

  @Mutation(() => TrainingBase, { description: '登记联合培训基地（秘书处，或以本单位为牵头单位）' })
  async registerTrainingBase(@Arg('input', () => TrainingBaseInput) input: TrainingBaseInput, @Ctx() ctx: BasesContext) {
    ctx.viewer.requireUser();
    if (!ctx.viewer.groupIds.includes(input.groupId))
      throw forbidden(`只能在本人所属的集团登记基地，集团 ${input.groupId} 不是您的集团（groupId not yours）：请改填本集团的 id`);
    const values = {
      name: requiredText(input.name, '基地名称', 200),
      kind: input.kind,
      occupations: input.occupations.map((o) => requiredText(o, '工种/领域', 50)),
      capacity: wholeNumber(input.capacity, '容量', 0),
      location: optionalText(input.location, '地点', 200),
      description: optionalText(input.description, '简介', 5000),
    };
    if (input.coBuilders.filter((c) => c.role === CoBuilderRole.LEAD).length !== 1)
      throw badInput('共建单位中须有且只有一个牵头单位（exactly one LEAD in coBuilders）：请把其中一个单位的角色设为牵头单位', { field: 'coBuilders' });
    const designations = (input.designations ?? []).map(validDesignation);
    const units: { organizationId: string; role: CoBuilderRole }[] = [];
    for (const c of input.coBuilders) {
      const unit = await ctx.loaders.directory.byUscc(c.uscc.trim().toUpperCase());
      if (!unit)
        throw badInput(`统一社会信用代码 ${c.uscc.trim().toUpperCase()} 不是本平台登记的单位（unknown co-builder USCC）：请核对代码，或请秘书处先登记该单位`, {
          field: 'coBuilders',
        });
      units.push({ organizationId: unit.id, role: c.role });
    }
    if (new Set(units.map((u) => u.organizationId)).size !== units.length)
      throw badInput('共建单位重复（duplicate co-builder）：每个单位只列一次', { field: 'coBuilders' });
    const lead = units.find((u) => u.role === CoBuilderRole.LEAD)!;
    if (!ctx.viewer.isSecretariatOf(input.groupId) && lead.organizationId !== ctx.viewer.organizationId) {
      throw forbidden('成员单位只能登记本单位牵头的基地（lead must be your unit）；其他基地请由秘书处登记');
    }
    const createdAt = now();
    const establishedOn = input.establishedOn ?? createdAt.slice(0, 10);
    if (establishedOn > today()) throw badInput(`建成日期 ${establishedOn} 不能晚于今天 ${today()} (establishedOn in the future)`, { field: 'establishedOn' });
    const base: TrainingBase = { id: randomUUID(), groupId: input.groupId, ...values, establishedOn, createdAt };
    await ctx.db.transaction(async (em) => {
      await em.insert(TrainingBase, base);
      await em.insert(
        BaseCoBuilder,
        units.map((u) => ({ id: randomUUID(), baseId: base.id, ...u })),
      );
      if (designations.length)
        await em.insert(
          BaseDesignation,
          designations.map((d) => ({ id: randomUUID(), baseId: base.id, ...d })),
        );
      await recordAudit(em, ctx.viewer, {
        groupId: base.groupId,
        operation: 'registerTrainingBase',
        entity: 'TrainingBase',
        id: base.id,
        after: { ...base, coBuilders: units, designations },
      });
    });
    return base;
  }

  @Mutation(() => BaseDesignation, { description: '添加基地认定（秘书处或牵头单位）' })
  async addBaseDesignation(
    @Arg('baseId', () => ID) baseId: string,
    @Arg('input', () => BaseDesignationInput) input: BaseDesignationInput,
    @Ctx() ctx: BasesContext,
  ) {
    const base = await ctx.loaders.visibleBaseById.load(baseId);
    if (!base) throw notFound('基地', baseId);
    const lead = (await ctx.loaders.coBuildersByBaseId.load(baseId)).find((c) => c.role === CoBuilderRole.LEAD);
    if (!ctx.viewer.isSecretariatOf(base.groupId) && lead?.organizationId !== ctx.viewer.organizationId)
      throw forbidden(`只有本集团秘书处或基地 ${baseId} 的牵头单位可以添加认定（secretariat or lead co-builder only）`);
    const designation = { id: randomUUID(), baseId, ...validDesignation(input) };
    await ctx.db.transaction(async (em) => {
      await em.getRepository(BaseDesignation).insert(designation);
      await recordAudit(em, ctx.viewer, {
        groupId: base.groupId,
        operation: 'addBaseDesignation',
        entity: 'BaseDesignation',
        id: designation.id,
        after: designation,
      });
    });
    return designation;
  }
}
