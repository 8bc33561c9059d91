import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Claims } from './index';

/**
 * How long a signed identity is accepted after it was signed, and how far ahead of the receiver's
 * clock it may be. The receiver checks it when the request arrives, before any work starts, so
 * this covers transit and clock skew only; the request's own duration does not count.
 */
export const IDENTITY_MAX_AGE_MS = 60_000;

/** A signed identity that is malformed, signed with another key, or too old: the call is refused (401). */
export class IdentityError extends Error {}

const mac = (secret: string, text: string) => createHmac('sha256', secret).update(`zjjt-identity.${text}`).digest('base64url');

/**
 * The identity header for one call: `<claims>.<signed at>.<signature>` — the claims as base64url
 * JSON, the signing time in epoch ms, and an HMAC-SHA256 over both with the receiving subgraph's
 * own secret. A subgraph accepts only what was signed for it, recently: a header captured from
 * one subgraph's traffic, or signed with another subgraph's secret, names no user anywhere else.
 */
export function signIdentity(claims: Claims, secret: string, now = Date.now()): string {
  const payload = `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${now}`;
  return `${payload}.${mac(secret, payload)}`;
}

/**
 * Checks a signed identity and returns its claims as sent (the receiver maps them to its own
 * types). The signature is compared in constant time and before anything in the header is parsed.
 */
export function verifyIdentity(header: string, secret: string, now = Date.now()): Record<string, unknown> {
  const parts = header.split('.');
  if (parts.length !== 3) throw new IdentityError('identity header is not <claims>.<signed at>.<signature>');
  const [claims, signedAt, signature] = parts;
  const expected = Buffer.from(mac(secret, `${claims}.${signedAt}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new IdentityError('identity signature does not match this subgraph’s secret');
  const age = now - Number(signedAt);
  if (!/^\d{1,15}$/.test(signedAt) || age > IDENTITY_MAX_AGE_MS) throw new IdentityError(`identity signed more than ${IDENTITY_MAX_AGE_MS / 1000} s ago`);
  if (age < -IDENTITY_MAX_AGE_MS) throw new IdentityError('identity signed in the future');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
  } catch {
    throw new IdentityError('identity claims are not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new IdentityError('identity claims are not an object');
  return parsed as Record<string, unknown>;
}
