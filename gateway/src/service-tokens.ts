import { decodeJwt, jwtVerify } from 'jose';
import { AuthError, Claims } from './auth';

// The contract of a service token; its signer is subgraphs/statistics/src/submission/assembled-report.ts.
/** The audience a service token must name, so no other token signed with a subgraph secret passes. */
export const SERVICE_TOKEN_AUDIENCE = 'zjjt-hub-gateway';
/** A service token is minted for one call: it may live at most this long. */
export const SERVICE_TOKEN_MAX_SECONDS = 60;
/** Clock difference allowed between a subgraph and the gateway. */
const SKEW_SECONDS = 30;

const BEARER = /^Bearer ([A-Za-z0-9_\-.]+)$/;

type Verify = (authorization: string | undefined) => Promise<Claims | null>;

/**
 * Accepts, besides users' tokens, a token a subgraph signs for itself to read through the gateway
 * (statistics reading the report it freezes): `iss` is the subgraph's name, the HS256 key its own
 * gateway secret (`<NAME>_GATEWAY_SECRET`, else `GATEWAY_SECRET`) — so only issuers the gateway holds
 * a secret for. Such a token is a `REPORTER` of exactly one group, of no unit, with `exp` at most
 * SERVICE_TOKEN_MAX_SECONDS after `iat`. Any other token goes to `verify` unchanged.
 */
export function withServiceTokens(verify: Verify, secrets: Map<string, string>): Verify {
  const keys = new Map([...secrets].map(([name, secret]) => [name, new TextEncoder().encode(secret)]));
  return async (authorization) => {
    const token = BEARER.exec(authorization?.trim() ?? '')?.[1];
    let issuer: unknown;
    try {
      issuer = token ? decodeJwt(token).iss : undefined;
    } catch {
      issuer = undefined;
    }
    const key = typeof issuer === 'string' ? keys.get(issuer) : undefined;
    if (!token || !key) return verify(authorization);
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: issuer as string,
        audience: SERVICE_TOKEN_AUDIENCE,
        requiredClaims: ['exp', 'iat'],
        clockTolerance: SKEW_SECONDS,
      });
      const now = Math.floor(Date.now() / 1000);
      if ((payload.iat as number) > now + SKEW_SECONDS) throw new AuthError('service token issued in the future');
      if ((payload.exp as number) - (payload.iat as number) > SERVICE_TOKEN_MAX_SECONDS)
        throw new AuthError(`service token lives longer than ${SERVICE_TOKEN_MAX_SECONDS}s`);
      const { roles, groups } = payload as { roles?: unknown; groups?: unknown };
      const oneGroup = Array.isArray(groups) && groups.length === 1 && typeof groups[0] === 'string' && groups[0] !== '';
      if (!Array.isArray(roles) || roles.length !== 1 || roles[0] !== 'REPORTER' || !oneGroup || payload.org !== undefined) {
        throw new AuthError('service token must be a REPORTER of exactly one group');
      }
      return { sub: `service:${issuer as string}`, org: null, groups: [groups[0] as string], roles: ['REPORTER'] };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError(`service token: ${(error as Error).message}`);
    }
  };
}
