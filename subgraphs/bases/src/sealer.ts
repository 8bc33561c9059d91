import { createSealer, Sealer } from './sealing';

let instance: Sealer | undefined;

/** The sealer for trainees' personal information, keyed by PII_KEY (checked at start). */
export function sealer(env: NodeJS.ProcessEnv = process.env): Sealer {
  instance ??= createSealer(env, 'PII_KEY');
  return instance;
}
