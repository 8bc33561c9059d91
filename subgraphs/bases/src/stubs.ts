import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** The members subgraph's `Organization`, known here by its key. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id!: string;
}

/** The group's annual report; this subgraph contributes its `training` section. */
@Directive('@key(fields: "groupId year")')
@ObjectType()
export class AnnualReport {
  @Field(() => ID)
  groupId!: string;

  @Field(() => Int)
  year!: number;
}

export const organizationRef = (id: string): Organization => ({ id });

/** The members subgraph's `Group`, known here by its key (this subgraph adds its audit trail to it). */
@Directive('@key(fields: "id")')
@ObjectType()
export class Group {
  @Field(() => ID)
  id!: string;
}

/** 地区年度汇总 (owned by statistics): this subgraph contributes its sections summed over the region's groups. */
@Directive('@key(fields: "id")')
@ObjectType()
export class RegionReport {
  @Field(() => ID)
  id!: string;
}
