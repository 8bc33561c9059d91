import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The members subgraph's `Organization`, known here by its key. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID)
  id!: string;
}

export const organizationRef = (id: string): Organization => ({ id });

/** The members subgraph's `Group` (the tenant), known here by its key; statistics adds `publicFigures` and its audit trail. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Group {
  @Field(() => ID)
  id!: string;
}
