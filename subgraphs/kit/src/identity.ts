import { ROLES, Role, verifyIdentity } from '@zjjt/contract';
import { forbidden, unauthenticated } from './errors';

/** The wire contract's names, for subgraph code that reads the kit only. */
export { CLIENT_ADDRESS_HEADER, IDENTITY_HEADER, IdentityError, REGION_PATTERN, REQUEST_ID_HEADER, ROLES, SECRET_HEADER } from '@zjjt/contract';
export type { Role } from '@zjjt/contract';

/** Who is asking, as verified by the gateway. Anonymous callers have no user id. */
export class Viewer {
  constructor(
    readonly userId: string | null,
    readonly organizationId: string | null,
    readonly groupIds: readonly string[],
    readonly roles: readonly Role[],
    /** An AUTHORITY's region (行政区划 prefix); its `groupIds` are the groups registered there (`withRegionGroups`). */
    readonly region: string | null = null,
  ) {}

  static anonymous(): Viewer {
    return new Viewer(null, null, [], []);
  }

  get isAnonymous(): boolean {
    return this.userId === null;
  }

  has(role: Role): boolean {
    return this.roles.includes(role);
  }

  /**
   * An authority whose region holds the group: its `groupIds` are the groups registered in its
   * region when the request arrived (`withRegionGroups`), so a group elsewhere answers as an unknown group.
   */
  isAuthorityOf(groupId: string): boolean {
    return this.readsEveryRegion || (this.has('AUTHORITY') && this.groupIds.includes(groupId));
  }

  /**
   * The read-only service identity a subgraph signs for another inside the trust boundary
   * (`subgraphClient`: `AUTHORITY` with `region: ''`): it reads every group. The gateway never
   * forwards it — a token's region has 2–6 digits, anything else is refused with 401.
   */
  get readsEveryRegion(): boolean {
    return this.has('AUTHORITY') && this.region === '';
  }

  /** Belongs to the group (any role) or reads it as an authority of its region. */
  canRead(groupId: string): boolean {
    return this.groupIds.includes(groupId) || this.isAuthorityOf(groupId);
  }

  /** The group's annual report: every user of the group (group-level figures), authorities. */
  canReadReportOf(groupId: string): boolean {
    return this.canRead(groupId);
  }

  /** Every unit's figures of a group: its secretariat, its reporting bot, authorities. */
  canReadAllUnitsOf(groupId: string): boolean {
    return this.isSecretariatOf(groupId) || (this.has('REPORTER') && this.groupIds.includes(groupId)) || this.isAuthorityOf(groupId);
  }

  /** One unit's own figures within a report: the unit itself, or whoever reads all units. */
  canReadUnitFigures(groupId: string, organizationId: string): boolean {
    return this.organizationId === organizationId || this.canReadAllUnitsOf(groupId);
  }

  isSecretariatOf(groupId: string): boolean {
    return this.has('SECRETARIAT') && this.groupIds.includes(groupId);
  }

  /** The signed-in user's id; anonymous callers are refused. */
  requireUser(): string {
    if (this.userId === null) throw unauthenticated();
    return this.userId;
  }

  requireRole(role: Role): void {
    this.requireUser();
    if (!this.has(role)) throw forbidden(`此操作需要 ${role} 角色 (role ${role} required)`);
  }

  requireSecretariatOf(groupId: string): void {
    this.requireUser();
    if (!this.isSecretariatOf(groupId)) throw forbidden('只有本集团秘书处可以执行此操作 (secretariat of this group only)');
  }

  /** The member unit acting; the owner of anything it writes comes from here, never from input. */
  requireOrganization(): string {
    this.requireUser();
    if (!this.organizationId) throw forbidden('此操作需要以成员单位身份登录 (a member unit account is required)');
    return this.organizationId;
  }
}

/** Maps forwarded claims to a Viewer, keeping only well-typed values and known roles. */
export function viewerOf(claims: Record<string, unknown>): Viewer {
  const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const roles = strings(claims.roles).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  const region = typeof claims.region === 'string' ? claims.region : null;
  return new Viewer(
    typeof claims.sub === 'string' ? claims.sub : null,
    typeof claims.org === 'string' ? claims.org : null,
    strings(claims.groups),
    roles,
    region,
  );
}

/**
 * An AUTHORITY as the subgraph serves it: its `groupIds` are the groups registered in its region now
 * (`groupsInRegion`, read per request — a group registered or moved there is read at once), whatever
 * the token listed; without a region it reads no group. Every other viewer, and the service identity
 * (region ''), is returned as it is.
 */
export async function withRegionGroups(viewer: Viewer, groupsInRegion: (region: string) => Promise<string[]>): Promise<Viewer> {
  if (!viewer.has('AUTHORITY') || viewer.readsEveryRegion) return viewer;
  const groups = viewer.region ? await groupsInRegion(viewer.region) : [];
  return new Viewer(viewer.userId, viewer.organizationId, groups, viewer.roles, viewer.region);
}

/** How long one gateway request's region look-up is kept: its calls to a subgraph come well within it; a later call only looks up again. */
export const REGION_GROUPS_KEPT_MS = 10_000;
/** Look-ups kept at most (the oldest go first): a burst of authorities' requests cannot grow the memory. */
const REGION_GROUPS_KEPT = 1000;

/**
 * `lookUp` once per gateway request and region: the gateway makes a request id afresh for every
 * request (REQUEST_ID_HEADER), so the calls one request makes to this subgraph share one look-up
 * and the next request looks up again (a group moved into a region is read at once). A call
 * without a request id looks up by itself; a failed look-up is not kept.
 */
export function regionGroupsPerRequest(lookUp: (region: string) => Promise<string[]>, now: () => number = Date.now) {
  const kept = new Map<string, { until: number; groups: Promise<string[]> }>();
  return (requestId: string | undefined, region: string): Promise<string[]> => {
    if (!requestId) return lookUp(region);
    const at = now();
    // Kept in the order they were made, so the expired ones are the first.
    for (const [key, entry] of kept) {
      if (entry.until > at && kept.size < REGION_GROUPS_KEPT) break;
      kept.delete(key);
    }
    const key = `${requestId}\n${region}`;
    const found = kept.get(key);
    if (found) return found.groups;
    const groups = lookUp(region);
    kept.set(key, { until: at + REGION_GROUPS_KEPT_MS, groups });
    groups.catch(() => kept.delete(key));
    return groups;
  };
}

/**
 * Reads the identity header of a call: absent means anonymous; present, it must be signed with
 * this subgraph's own secret and recent (`verifyIdentity`), else IdentityError (the call is refused).
 */
export function readIdentity(header: string | undefined, secret: string, now = Date.now()): Viewer {
  if (!header) return Viewer.anonymous();
  return viewerOf(verifyIdentity(header, secret, now));
}
