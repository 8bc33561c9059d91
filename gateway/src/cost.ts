import {
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';

/** The page size a subgraph uses when `first` is not given (kit's DEFAULT_PAGE_SIZE). */
export const DEFAULT_PAGE_SIZE = 20;
/** How many items an unpaginated list field is assumed to hold. */
export const ASSUMED_LIST_SIZE = 20;
/** Arguments that set how many items a field returns. */
const PAGE_ARGUMENTS = ['first', 'last'];

export class CostExceeded extends Error {
  constructor(readonly limit: number) {
    super(`cost over ${limit}`);
  }
}

/** The value of an argument: a literal, a variable's value, the variable's default, or undefined. */
function argumentValue(node: ValueNode, variables: Record<string, unknown>, defaults: Map<string, ValueNode>): unknown {
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    if (variables[name] !== undefined) return variables[name];
    const fallback = defaults.get(name);
    return fallback ? argumentValue(fallback, variables, defaults) : undefined;
  }
  if (node.kind === Kind.INT || node.kind === Kind.FLOAT) return Number(node.value);
  return undefined;
}

/** How many items a page argument asks for; a missing or unreadable one counts as the default page. */
function pageSizeOf(
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): number | null {
  const declared = definition.args.find((a) => PAGE_ARGUMENTS.includes(a.name));
  if (!declared) return null;
  const given = field.arguments?.find((a) => PAGE_ARGUMENTS.includes(a.name.value));
  const value = given ? argumentValue(given.value, variables, defaults) : declared.defaultValue;
  // At least 1: a field that counts nothing would let a fragment fan-out grow without cost.
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(1, Math.ceil(Math.abs(value))) : DEFAULT_PAGE_SIZE;
}

/**
 * The cost of an operation with its variables, as the rows it can make the hub produce: every
 * field counts 1 each time it can occur in the answer. A field with `first`/`last` multiplies
 * everything below it by that many (a variable's value, else its default, else 20 — the page
 * size a subgraph uses when none is given); the edge list directly under it is that page. Any
 * other list field multiplies what is below it by ASSUMED_LIST_SIZE. Fragments count where they
 * are spread. Throws CostExceeded as soon as the running total passes `limit`, so a fragment
 * fan-out bomb costs no more work than the budget.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limit: number,
): number {
  const defaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) defaults.set(v.variable.name.value, v.defaultValue);
  let total = 0;

  const visit = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, inPage: boolean) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && isCompositeType(type)) visit(fragment.selectionSet, type, multiplier, inPage);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        visit(selection.selectionSet, isCompositeType(type) ? type : parent, multiplier, inPage);
        continue;
      }
      total += multiplier;
      if (total > limit) throw new CostExceeded(limit);
      if (!selection.selectionSet) continue;
      const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      // Meta fields (__typename; __schema/__type, whose introspection production turns off) count once.
      if (!definition) continue;
      const child = getNamedType(definition.type);
      if (!isCompositeType(child)) continue;
      const page = pageSizeOf(selection, definition, variables, defaults);
      const list = isListType(getNullableType(definition.type));
      // A list directly under a paginated field is its page, already multiplied by `first`.
      const factor = page ?? (list && !inPage ? ASSUMED_LIST_SIZE : 1);
      visit(selection.selectionSet, child, multiplier * factor, page !== null && !list);
    }
  };

  const root =
    operation.operation === OperationTypeNode.MUTATION
      ? schema.getMutationType()
      : operation.operation === OperationTypeNode.SUBSCRIPTION
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (root) visit(operation.selectionSet, root, 1, false);
  return total;
}
