import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The repository root (the folder with package.json), from source or from dist/. */
export const ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

/**
 * Development secrets: taken from the environment when set, otherwise generated once into
 * data/dev-secrets.json so `npm start` and `npm run token` agree without anyone typing one.
 */
export function devSecrets(env: NodeJS.ProcessEnv = process.env): { GATEWAY_SECRET: string; JWT_SECRET: string; PII_KEY: string } {
  const file = path.join(path.resolve(env.DATA_DIR || path.join(ROOT, 'data')), 'dev-secrets.json');
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!stored.PII_KEY && !(env.GATEWAY_SECRET && env.JWT_SECRET && env.PII_KEY)) {
    stored = {
      GATEWAY_SECRET: stored.GATEWAY_SECRET ?? randomBytes(32).toString('base64url'),
      JWT_SECRET: stored.JWT_SECRET ?? randomBytes(32).toString('base64url'),
      PII_KEY: randomBytes(32).toString('base64'),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    GATEWAY_SECRET: env.GATEWAY_SECRET || stored.GATEWAY_SECRET,
    JWT_SECRET: env.JWT_SECRET || stored.JWT_SECRET,
    PII_KEY: env.PII_KEY || stored.PII_KEY,
  };
}
