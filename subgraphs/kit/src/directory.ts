import { subgraphClient, SubgraphCallError } from './client';
import { ConfigError, readGatewaySecret } from './config';
import { badInput } from './errors';

/** What another subgraph needs to know of an organization when it writes. */
export interface DirectoryEntry {
  id: string;
  name: string;
  uscc: string;
  type: string;
  region: string;
}

const FIELDS = 'id name uscc type region';

/**
 * Looks organizations up in the members subgraph (MEMBERS_URL) for a subgraph's writes, which
 * need it synchronously: a USCC in input must belong to a unit the hub knows, and a row may carry
 * an organization's type and region so that search filters on them in SQL.
 */
export function membersDirectory(service: string, env: NodeJS.ProcessEnv = process.env) {
  const url = env.MEMBERS_URL || 'http://127.0.0.1:4001/graphql';
  if (!/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`MEMBERS_URL must be the members subgraph's http(s) URL, got "${url}"`);
  const call = subgraphClient(url, readGatewaySecret(env, 'members'), service);
  return {
    async byId(id: string): Promise<DirectoryEntry | null> {
      const data = await call<{ organization: DirectoryEntry | null }>(`query($id: ID!) { organization(id: $id) { ${FIELDS} } }`, { id });
      return data.organization;
    },
    /** The group's active member units (a read-only service identity sees every group). */
    async activeMembers(groupId: string): Promise<DirectoryEntry[]> {
      const members: DirectoryEntry[] = [];
      let after: string | null = null;
      do {
        const data: { group: { members: { edges: { node: { organization: DirectoryEntry } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } | null } = await call(
          `query($g: ID!, $after: String) { group(id: $g) { members(first: 100, after: $after, filter: { statuses: [ACTIVE] }, orderBy: { field: NAME }) { edges { node { organization { ${FIELDS} } } } pageInfo { hasNextPage endCursor } } } }`,
          { g: groupId, after },
        );
        if (!data.group) return members;
        members.push(...data.group.members.edges.map((e) => e.node.organization));
        after = data.group.members.pageInfo.hasNextPage ? data.group.members.pageInfo.endCursor : null;
      } while (after);
      return members;
    },
    async byUscc(uscc: string): Promise<DirectoryEntry | null> {
      try {
        const data = await call<{ organizationByUscc: DirectoryEntry | null }>(`query($u: String!) { organizationByUscc(uscc: $u) { ${FIELDS} } }`, { u: uscc });
        return data.organizationByUscc;
      } catch (error) {
        // members owns the USCC rules and says what is wrong with a code; pass that on.
        if (error instanceof SubgraphCallError && error.code === 'BAD_USER_INPUT') throw badInput(error.message, { field: 'uscc' });
        throw error;
      }
    },
  };
}

export type Directory = ReturnType<typeof membersDirectory>;

const directories = new Map<string, Directory>();

/** The process's one members directory for a service, made from process.env on first use. */
export function sharedDirectory(service: string): Directory {
  let directory = directories.get(service);
  if (!directory) directories.set(service, (directory = membersDirectory(service)));
  return directory;
}
