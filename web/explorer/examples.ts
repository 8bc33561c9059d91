/**
 * The explorer's saved tabs: the example operations the README and the docs show, written down
 * once here. `test/explorer.e2e.test.ts` checks that every `graphql` block of README.md and
 * docs/members.md is one of them, character for character, so the page and the docs agree.
 * Each operation is named: GraphiQL titles its tab with the name.
 */
export interface ExampleOperation {
  /** Who may run it, shown nowhere but here: the token the example needs. */
  needs: 'SECRETARIAT' | 'anyone';
  query: string;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    needs: 'SECRETARIAT',
    query: `query MemberList {
  group(id: "f6760a77-74b4-5227-5284-93a281560392") {
    name
    councilTerms { number startsOn endsOn }
    members(first: 20, filter: { types: [ENTERPRISE], region: "3701", aboveDesignatedSize: true },
            search: "机床", orderBy: { field: ROLE, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id role status joinedOn councilTerm { number }
                     organization { name uscc type region industry contact { contactPerson contactPhone } } } }
    }
  }
}`,
  },
  {
    needs: 'anyone',
    query: `query Portal {
  groupByCode(code: "sdjx") {
    name shortName type description leadOrganization { name } designations { title }
    memberCounts { type count }
    joinInstructions
    bulletins(first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind title cover publishedAt attachments { name reference } } } }
    publicFigures { year template figures { code label unit value } }
  }
}`,
  },
];
