import { createSealer, Sealer } from '@zjjt/kit';

let instance: Sealer | undefined;

/** The sealer for join inquiries' contact data, keyed by PII_KEY (checked at start, see schema.ts). */
export function sealer(env: NodeJS.ProcessEnv = process.env): Sealer {
  instance ??= createSealer(env, 'PII_KEY');
  return instance;
}
