import { subgraphClient, SubgraphCallError } from './client';
import { ConfigError, readGatewaySecret } from './config';
import { badInput } from './errors';

/**
 * The groupings of unit types, as members answers them on `Organization.category`
 * (院校 / 企业 / 其他单位). Members owns the classification; the others read it here and
 * never keep their own list of which types are schools.
 */
export const UNIT_CATEGORIES = ['SCHOOL', 'ENTERPRISE', 'OTHER'] as const;
export type UnitCategory = (typeof UNIT_CATEGORIES)[number];

/** What another subgraph needs to know of an organization when it writes. */
export interface DirectoryEntry {
  id: string;
  name: string;
  uscc: string;
  type: string;
  /** members' grouping of `type` */
  category: UnitCategory;
  region: string;
}

/**
 * The members directory: the facts members owns that a write in resources, bases or statistics
 * must check synchronously (a USCC in input belongs to a unit the hub knows; a row carries an
 * organization's type and region so that search filters on them in SQL; a round's member list).
 * A subgraph is given one when it is built: `membersDirectory` in a process, `inMemoryDirectory`
 * (from `@zjjt/kit/testing`) in unit tests.
 */
export interface MembersDirectory {
  byId(id: string): Promise<DirectoryEntry | null>;
  /** Throws BAD_USER_INPUT (field `uscc`) with members' words when the code itself is malformed. */
  byUscc(uscc: string): Promise<DirectoryEntry | null>;
  /** The group's active member units, by name; none for a group the hub does not know. */
  activeMembers(groupId: string): Promise<DirectoryEntry[]>;
  /**
   * The ids of the groups registered in a region (行政区划 prefix; '' every region), of one type
   * (`INDUSTRY` 行业型 / `REGIONAL` 区域型) or all: whom an authority reads, and what a roll-up sums.
   */
  groupsInRegion(region: string, type?: string | null): Promise<string[]>;
}

const FIELDS = 'id name uscc type category region';

/**
 * Every operation the real directory sends to members, checked against the committed
 * `schema/subgraphs/members.graphql` by the kit's contract test.
 */
export const MEMBERS_DIRECTORY_QUERIES = {
  byId: /* GraphQL */ `query DirectoryById($id: ID!) { organization(id: $id) { ${FIELDS} } }`,
  byUscc: /* GraphQL */ `query DirectoryByUscc($u: String!) { organizationByUscc(uscc: $u) { ${FIELDS} } }`,
  groupsInRegion: /* GraphQL */ `query DirectoryGroupsInRegion($r: String!, $t: GroupType) { groups(region: $r, type: $t) { id } }`,
  activeMembers: /* GraphQL */ `query DirectoryActiveMembers($g: ID!, $after: String) { group(id: $g) { members(first: 100, after: $after, filter: { statuses: [ACTIVE] }, orderBy: { field: NAME }) { edges { node { organization { ${FIELDS} } } } pageInfo { hasNextPage endCursor } } } }`,
} as const;

type MembersPage = { edges: { node: { organization: DirectoryEntry } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

/**
 * The real directory: members' GraphQL API at MEMBERS_URL, called inside the trust boundary with
 * the gateway secret and a read-only service identity. Reads and checks its variables when made,
 * so a process fails at start (ConfigError naming the variable), not at its first write.
 */
export function membersDirectory(service: string, env: NodeJS.ProcessEnv = process.env): MembersDirectory {
  const url = env.MEMBERS_URL || 'http://127.0.0.1:4001/graphql';
  if (!/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`MEMBERS_URL must be the members subgraph's http(s) URL, got "${url}"`);
  const call = subgraphClient(url, readGatewaySecret(env, 'members'), service);
  return {
    async byId(id) {
      const data = await call<{ organization: DirectoryEntry | null }>(MEMBERS_DIRECTORY_QUERIES.byId, { id });
      return data.organization;
    },
    async activeMembers(groupId) {
      const members: DirectoryEntry[] = [];
      let after: string | null = null;
      do {
        const data: { group: { members: MembersPage } | null } = await call(MEMBERS_DIRECTORY_QUERIES.activeMembers, { g: groupId, after });
        if (!data.group) return members;
        members.push(...data.group.members.edges.map((e) => e.node.organization));
        after = data.group.members.pageInfo.hasNextPage ? data.group.members.pageInfo.endCursor : null;
      } while (after);
      return members;
    },
    async groupsInRegion(region, type = null) {
      const data = await call<{ groups: { id: string }[] }>(MEMBERS_DIRECTORY_QUERIES.groupsInRegion, { r: region, t: type });
      return data.groups.map((g) => g.id);
    },
    async byUscc(uscc) {
      try {
        const data = await call<{ organizationByUscc: DirectoryEntry | null }>(MEMBERS_DIRECTORY_QUERIES.byUscc, { u: uscc });
        return data.organizationByUscc;
      } catch (error) {
        // members owns the USCC rules and says what is wrong with a code; pass that on.
        if (error instanceof SubgraphCallError && error.code === 'BAD_USER_INPUT') throw badInput(error.message, { field: 'uscc' });
        throw error;
      }
    },
  };
}

/**
 * The directory as one request sees it: a group's active members are asked of members once per
 * request, however many parts of the answer need them (an annual report's completeness and its
 * per-member targets both do). Made per request, so the next request reads members afresh.
 */
export function requestDirectory(directory: MembersDirectory): MembersDirectory {
  const active = new Map<string, Promise<DirectoryEntry[]>>();
  return {
    byId: (id) => directory.byId(id),
    byUscc: (uscc) => directory.byUscc(uscc),
    groupsInRegion: (region, type) => directory.groupsInRegion(region, type),
    activeMembers(groupId) {
      let members = active.get(groupId);
      if (!members) {
        members = directory.activeMembers(groupId);
        active.set(groupId, members);
        // A failed read is not kept: a later part of the request asks again.
        members.catch(() => active.delete(groupId));
      }
      return members.then((list) => list.map((m) => ({ ...m })));
    },
  };
}
