import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { CostExceeded, operationCost } from '../gateway/src/cost';

// The gateway's cost estimate (SECURITY.md "Limits at the gateway": cost counts variable values
// and default page sizes, and weights unpaginated lists), on the API schema the gateway serves.
const schema = Supergraph.build(fs.readFileSync(path.join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'))
  .apiSchema()
  .toGraphQLJSSchema();

const cost = (query: string, variables: Record<string, unknown> = {}, limit = Number.MAX_SAFE_INTEGER) => {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return operationCost(schema, operation, fragments, variables, limit);
};

const PAGE = (first: string) => `query($n: Int) { resources${first} { totalCount edges { node { id title } } } }`;

describe('operation cost', () => {
  it('counts first: $n with n = 100 exactly as first: 100', () => {
    const literal = cost(PAGE('(first: 100)'));
    expect(literal).toBe(1 + 100 * (1 + 1 + 1 + 1 + 1)); // resources, then per row: totalCount, edges, node, id, title
    expect(cost(PAGE('(first: $n)'), { n: 100 })).toBe(literal);
    expect(cost(PAGE('(first: $n)').replace('$n: Int', '$n: Int = 100'))).toBe(literal);
  });

  it('counts a missing first as the subgraphs’ default page of 20', () => {
    expect(cost(PAGE(''))).toBe(cost(PAGE('(first: 20)')));
    expect(cost(PAGE('(first: $n)'), {})).toBe(cost(PAGE('(first: 20)')));
  });

  it('weights an unpaginated list as 20 items, and nests multiplications', () => {
    expect(cost('{ groups { id name } }')).toBe(1 + 20 * 2);
    // groups (20) × members page (5) × memberships (20) × 1 field
    expect(cost('{ groups { members(first: 5) { edges { node { organization { memberships { id } } } } } } }')).toBe(
      1 + 20 * (1 + 5 * (1 + 1 + 1 + 1 + 20 * 1)),
    );
  });

  it('counts fragments where they are spread, and stops at the limit instead of walking a fan-out bomb', () => {
    const spread = cost('{ groups { ...G ...G } } fragment G on Group { id }');
    expect(spread).toBe(1 + 20 * 2);
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Group { ${i === 29 ? 'id' : `...F${i + 1} ...F${i + 1}`} }`).join('\n');
    expect(() => cost(`{ groups { ...F0 } } ${levels}`, {}, 20000)).toThrow(CostExceeded);
  });
});
