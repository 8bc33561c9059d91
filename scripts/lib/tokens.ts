import { SignJWT } from 'jose';

export interface TokenRequest {
  sub: string;
  roles: string[];
  groups: string[];
  org?: string | null;
  expiresIn?: string;
}

/** Mints an HS256 token of the shape the gateway verifies (sub, org, groups, roles). */
export function mintToken(secret: string, request: TokenRequest): Promise<string> {
  return new SignJWT({ roles: request.roles, groups: request.groups, ...(request.org ? { org: request.org } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(secret));
}
