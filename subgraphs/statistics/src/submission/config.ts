import { ConfigError } from '@zjjt/kit';
import { SubmissionTarget, TARGETS } from '../templates/loader';

/** Where a target platform is reached: an HTTP endpoint (JSON) or a folder for uploads. */
export type AdapterConfig = { kind: 'http'; url: string; token: string | null } | { kind: 'outbox'; dir: string } | null;

export interface SubmissionConfig {
  adapters: Record<SubmissionTarget, AdapterConfig>;
  maxAttempts: number;
  backoffMs: number;
  backoffCapMs: number;
  timeoutMs: number;
  retryIntervalMs: number;
  /** How long a worker's claim lasts; a row SUBMITTED by a worker that died is resent after it. */
  lockMs: number;
  alertUrl: string | null;
}

function whole(env: NodeJS.ProcessEnv, variable: string, fallback: number): number {
  const raw = env[variable];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${variable} must be a whole number, got "${raw}"`);
  return n;
}

/**
 * Platform adapters and retry policy from the environment: `<TARGET>_PLATFORM_URL` (+ `_TOKEN`)
 * for an HTTP platform, or `<TARGET>_OUTBOX_DIR` for one that takes uploaded files.
 */
export function loadSubmissionConfig(env: NodeJS.ProcessEnv = process.env): SubmissionConfig {
  const adapters = {} as Record<SubmissionTarget, AdapterConfig>;
  for (const target of TARGETS) {
    const prefix = target.toUpperCase();
    const url = env[`${prefix}_PLATFORM_URL`];
    const dir = env[`${prefix}_OUTBOX_DIR`];
    if (url && !/^https?:\/\/\S+$/.test(url)) throw new ConfigError(`${prefix}_PLATFORM_URL must be an http(s) URL`);
    adapters[target] = url ? { kind: 'http', url, token: env[`${prefix}_PLATFORM_TOKEN`] || null } : dir ? { kind: 'outbox', dir } : null;
  }
  return {
    adapters,
    maxAttempts: Math.max(1, whole(env, 'SUBMISSION_MAX_ATTEMPTS', 6)),
    backoffMs: whole(env, 'SUBMISSION_BACKOFF_MS', 30000),
    backoffCapMs: whole(env, 'SUBMISSION_BACKOFF_CAP_MS', 3600000),
    timeoutMs: whole(env, 'SUBMISSION_TIMEOUT_MS', 15000),
    retryIntervalMs: whole(env, 'SUBMISSION_RETRY_INTERVAL_MS', 15000),
    lockMs: whole(env, 'SUBMISSION_LOCK_MS', 300000),
    alertUrl: env.SUBMISSION_ALERT_URL || null,
  };
}
