import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ResourcesContext } from './context';
import { Cooperation } from './cooperation/cooperation.entity';
import { SharedResource } from './resource/resource.entity';
import { Organization } from './stubs';

/** Adds what a unit shares and its cooperation ledgers to the members subgraph's `Organization`. */
@Resolver(() => Organization)
export class OrganizationResourcesResolver {
  @FieldResolver(() => [SharedResource], { nullable: true, description: '该单位发布的共享资源（按当前用户可见范围）' })
  resources(@Root() org: Organization, @Ctx() ctx: ResourcesContext) {
    return ctx.loaders.resourcesByProviderId.load(org.id);
  }

  @FieldResolver(() => [Cooperation], { nullable: true, description: '该单位登记的或作为合作方的合作台账（按当前用户可见范围）' })
  async cooperations(@Root() org: Organization, @Arg('year', () => Int, { nullable: true }) year: number | null, @Ctx() ctx: ResourcesContext) {
    const rows = await ctx.loaders.cooperationsByOrganizationId.load(org.id);
    return year ? rows.filter((c) => c.year === year) : rows;
  }
}
