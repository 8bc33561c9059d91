import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { randomPool } from './ids';
import { ConfigError } from './config';

/**
 * Personal information at rest: AES-256-GCM for the value (random IV, authenticated) and a keyed
 * HMAC-SHA256 for lookup and duplicate detection. Two independent keys are derived from one
 * 32-byte secret, so a leaked hash column does not help decrypt and vice versa.
 */
export interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
  hash(plaintext: string): string;
}

/** Bytes of random IVs drawn at once: 341 seals' worth. */
const IV_POOL = 12 * 341;

/** Reads `variable` (base64 of 32 random bytes) and returns a sealer; fails naming the variable. */
export function createSealer(env: NodeJS.ProcessEnv, variable: string): Sealer {
  const raw = env[variable];
  const secret = raw ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (secret.length !== 32) throw new ConfigError(`${variable} is required: 32 random bytes, base64 (e.g. \`openssl rand -base64 32\`)`);
  const encryptionKey = createHmac('sha256', secret).update('zjjt:encrypt').digest();
  const hashKey = createHmac('sha256', secret).update('zjjt:lookup').digest();
  // IVs are cut from random bytes drawn IV_POOL at a time (each used once): an import seals two
  // values a row, and one draw per seal cost a tenth of a 100,000-row import's CPU.
  const random = randomPool(IV_POOL);
  const nextIv = () => random(12);
  return {
    seal(plaintext) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const data = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash: (plaintext) => createHmac('sha256', hashKey).update(plaintext).digest('hex'),
  };
}
