import { decodeJwt, SignJWT } from 'jose';

export interface TokenRequest {
  sub: string;
  roles: string[];
  groups: string[];
  org?: string | null;
  /** An AUTHORITY's region (行政区划 prefix, e.g. 37 Shandong): it reads the groups registered there only. */
  region?: string | null;
  expiresIn?: string;
}

/** The gateway's default cap on a token's lifetime (JWT_MAX_LIFETIME_SECONDS). */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

/** Mints an HS256 token of the shape the gateway verifies (sub, org, groups, roles, region, iat, exp). */
export function mintToken(secret: string, request: TokenRequest): Promise<string> {
  return new SignJWT({
    roles: request.roles,
    groups: request.groups,
    ...(request.org ? { org: request.org } : {}),
    ...(typeof request.region === 'string' ? { region: request.region } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}

/** A token's lifetime in seconds (exp − iat), as the gateway measures it against its cap. */
export function tokenLifetime(token: string): number {
  const { exp, iat } = decodeJwt(token);
  return (exp ?? Infinity) - (iat ?? 0);
}
