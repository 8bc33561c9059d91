import { SECRET_HEADER } from '@zjjt/contract';
import { Claims } from './auth';

/** How long the list of groups and their regions is reused before it is read again from members. */
export const REGION_DIRECTORY_TTL_MS = 30_000;

interface GroupRegion {
  id: string;
  region: string | null;
}

/**
 * An AUTHORITY reads only the groups registered in its region (the token's `region` claim, a
 * 行政区划 prefix). The gateway replaces such a caller's `groups` with the ids of those groups,
 * read from the members subgraph (the public group list, with each group's region) and kept for
 * `REGION_DIRECTORY_TTL_MS`; every subgraph then limits the authority by its `groupIds` as it
 * limits any other user. An authority without a region, or when the list cannot be read and none
 * was read before, gets no group: a group outside its region answers as an unknown group.
 */
export function regionScope(membersUrl: string | undefined, secret: string, timeoutMs: number, ttlMs = REGION_DIRECTORY_TTL_MS) {
  let cached: { at: number; groups: GroupRegion[] } | null = null;
  let pending: Promise<GroupRegion[]> | null = null;

  const read = async (): Promise<GroupRegion[]> => {
    if (!membersUrl) return [];
    const response = await fetch(membersUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
      body: JSON.stringify({ query: '{ groups { id region } }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json()) as { data?: { groups?: GroupRegion[] } };
    if (!response.ok || !Array.isArray(body.data?.groups)) throw new Error(`members answered ${response.status} without groups`);
    return body.data.groups;
  };

  const groups = async (): Promise<GroupRegion[]> => {
    if (cached && Date.now() - cached.at < ttlMs) return cached.groups;
    pending ??= read()
      .then((list) => {
        cached = { at: Date.now(), groups: list };
        return list;
      })
      .catch(() => cached?.groups ?? [])
      .finally(() => (pending = null));
    return pending;
  };

  return async (claims: Claims | null): Promise<Claims | null> => {
    if (!claims || !claims.roles.includes('AUTHORITY')) return claims;
    const region = claims.region ?? null;
    const inRegion = region ? (await groups()).filter((g) => g.region?.startsWith(region)).map((g) => g.id) : [];
    return { ...claims, groups: inRegion };
  };
}
