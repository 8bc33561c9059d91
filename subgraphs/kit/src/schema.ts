import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, NonEmptyArray } from 'type-graphql';

const FEDERATION = 'https://specs.apollo.dev/federation/v2.7';
const IMPORTS = ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible'];

/** `__resolveReference` per entity type name: `(ref, ctx) => ctx.loaders.xById.load(ref.id)`. */
export type ReferenceResolvers = Record<string, { __resolveReference(reference: unknown, context: unknown, info: unknown): unknown }>;

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  referenceResolvers?: ReferenceResolvers;
}

/**
 * Builds a subgraph schema from type-graphql classes: type-graphql → SDL with directives →
 * `buildSubgraphSchema`, with the reference resolvers passed in (resolvers added afterwards
 * would be lost by the federation wrapper).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    validate: false,
    skipCheck: true,
  });
  const link = `extend schema @link(url: "${FEDERATION}", import: ${JSON.stringify(IMPORTS)})\n`;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one cast: type-graphql's resolver map and Apollo's differ in their types only
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [type, reference] of Object.entries(options.referenceResolvers ?? {})) {
    resolvers[type] = { ...resolvers[type], ...reference };
  }
  // type-graphql's resolver map and Apollo's GraphQLResolverMap describe the same shape with different typings.
  return buildSubgraphSchema({ typeDefs: parse(link + printSchemaWithDirectives(schema)), resolvers: resolvers as GraphQLResolverMap<unknown> });
}
