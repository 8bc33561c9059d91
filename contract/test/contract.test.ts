import { Claims, IDENTITY_MAX_AGE_MS, IdentityError, signIdentity, verifyIdentity } from '@zjjt/contract';

const secret = 's'.repeat(32);
const claims: Claims = { sub: 'u1', org: null, groups: ['g1'], roles: ['MEMBER'] };
const now = Date.UTC(2026, 0, 1);

describe('the signed identity', () => {
  it('carries the claims to a receiver that holds the same secret', () => {
    const header = signIdentity(claims, secret, now);
    expect(header.split('.')).toHaveLength(3);
    expect(verifyIdentity(header, secret, now + IDENTITY_MAX_AGE_MS)).toEqual(claims);
  });

  it.each([
    ['signed with another secret', () => verifyIdentity(signIdentity(claims, 't'.repeat(32), now), secret, now)],
    ['older than the max age', () => verifyIdentity(signIdentity(claims, secret, now), secret, now + IDENTITY_MAX_AGE_MS + 1)],
    ['signed further ahead than the max age', () => verifyIdentity(signIdentity(claims, secret, now + IDENTITY_MAX_AGE_MS + 1), secret, now)],
    ['unsigned', () => verifyIdentity(Buffer.from(JSON.stringify(claims)).toString('base64url'), secret, now)],
    [
      're-dated',
      () => {
        const [body, , signature] = signIdentity(claims, secret, now - 10 * IDENTITY_MAX_AGE_MS).split('.');
        return verifyIdentity(`${body}.${now}.${signature}`, secret, now);
      },
    ],
    ['empty', () => verifyIdentity('', secret, now)],
  ])('is refused when %s', (_label, verify) => {
    expect(verify).toThrow(IdentityError);
  });
});
