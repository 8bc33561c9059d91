import { loadSubmissionConfig, SubmissionConfig } from './config';

let config: SubmissionConfig | undefined;

/** The submission settings of this process, read once (checked at start). */
export function readSubmissionConfig(): SubmissionConfig {
  config ??= loadSubmissionConfig();
  return config;
}
