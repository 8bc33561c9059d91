import { createRemoteJWKSet, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { Claims, REGION_PATTERN, ROLES } from '@zjjt/contract';
import { GatewayConfig } from './config';

export type { Claims } from '@zjjt/contract';

export class AuthError extends Error {}

const strings = (value: unknown) => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null);

function toClaims(payload: JWTPayload): Claims {
  const groups = strings(payload.groups ?? []);
  const roles = strings(payload.roles ?? []);
  if (typeof payload.sub !== 'string' || !payload.sub) throw new AuthError('token has no subject');
  if (!groups || !roles) throw new AuthError('token groups/roles must be lists of strings');
  if (roles.some((r) => !(ROLES as readonly string[]).includes(r))) throw new AuthError('token names an unknown role');
  const region = payload.region ?? null;
  if (region !== null && (typeof region !== 'string' || !REGION_PATTERN.test(region)))
    throw new AuthError('token region must be a 2-, 4- or 6-digit region code');
  const claims: Claims = { sub: payload.sub, org: typeof payload.org === 'string' ? payload.org : null, groups, roles };
  if (roles.includes('AUTHORITY')) claims.region = region;
  return claims;
}

/**
 * A token must say when it expires, may live at most `tokenMaxLifetimeSeconds` (exp − iat, or
 * exp − now when it has no iat) and may not be issued in the future beyond the clock skew:
 * a stolen token without `exp`, or minted for a year, would otherwise never stop working.
 */
function checkLifetime(payload: JWTPayload, config: GatewayConfig): void {
  const now = Math.floor(Date.now() / 1000);
  const skew = config.clockSkewSeconds;
  if (typeof payload.iat === 'number' && payload.iat > now + skew) throw new AuthError('token issued in the future (iat)');
  const lifetime = (payload.exp as number) - (typeof payload.iat === 'number' ? payload.iat : now);
  if (lifetime > config.tokenMaxLifetimeSeconds + (typeof payload.iat === 'number' ? 0 : skew))
    throw new AuthError(`token lifetime over ${config.tokenMaxLifetimeSeconds} s`);
}

/**
 * Verifies `Authorization: Bearer …`: HS256 with a shared secret, or RS256 against a JWKS URL.
 * No header means anonymous (portal data only); anything else that fails is an AuthError.
 */
export function createVerifier(config: GatewayConfig): (authorization: string | undefined) => Promise<Claims | null> {
  const key: Uint8Array | JWTVerifyGetKey =
    'secret' in config.jwt ? new TextEncoder().encode(config.jwt.secret) : createRemoteJWKSet(new URL(config.jwt.jwksUrl));
  const algorithms = 'secret' in config.jwt ? ['HS256'] : ['RS256'];
  return async (authorization) => {
    if (!authorization) return null;
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization.trim());
    if (!match) throw new AuthError('Authorization must be "Bearer <token>"');
    try {
      const { payload } = await jwtVerify(match[1], key as Uint8Array, {
        algorithms,
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['exp'],
        clockTolerance: config.clockSkewSeconds,
      });
      checkLifetime(payload, config);
      return toClaims(payload);
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError((error as Error).message);
    }
  };
}
