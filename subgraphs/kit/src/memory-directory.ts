import { DirectoryEntry, MembersDirectory } from './directory';

/** Plain data for an in-memory members directory. */
export interface DirectoryData {
  organizations: DirectoryEntry[];
  /** Each group's active member units, by organization id, in the order `activeMembers` answers. */
  activeMembers: Record<string, string[]>;
  /** The groups with their region and type (`groupsInRegion`); none when left out. */
  groups?: { id: string; region: string | null; type: string }[];
}

/**
 * A members directory held in memory, for unit tests of the subgraphs that write against members:
 * it answers like the real one (null for an unknown id or USCC, no members for an unknown group)
 * without a members process. It does not check a USCC's form; that is members' rule, tested there.
 */
export function inMemoryDirectory(data: DirectoryData): MembersDirectory {
  const byId = new Map(data.organizations.map((o) => [o.id, o]));
  const byUscc = new Map(data.organizations.map((o) => [o.uscc, o]));
  for (const [groupId, ids] of Object.entries(data.activeMembers)) {
    const unknown = ids.filter((id) => !byId.has(id));
    if (unknown.length) throw new Error(`inMemoryDirectory: group ${groupId} lists unknown organizations ${unknown.join(', ')}`);
  }
  // Copies, so a caller that changes an answer cannot change the directory.
  const copy = (o: DirectoryEntry | undefined) => (o ? { ...o } : null);
  return {
    byId: async (id) => copy(byId.get(id)),
    byUscc: async (uscc) => copy(byUscc.get(uscc)),
    activeMembers: async (groupId) => (data.activeMembers[groupId] ?? []).map((id) => ({ ...byId.get(id)! })),
    groupsInRegion: async (region, type = null) =>
      (data.groups ?? []).filter((g) => (g.region ?? '').startsWith(region) && (!type || g.type === type)).map((g) => g.id),
  };
}
