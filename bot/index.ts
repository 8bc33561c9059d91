import { parseArgs } from 'node:util';
import { CronExpressionParser } from 'cron-parser';
import { Options, print, runOnce } from './report';

/**
 * The reporting bot: a client of the gateway with a REPORTER token (never personal data).
 * `npm run report -- --group <id> --year 2025 --target national [--dry-run]` fills the template
 * from the ledgers, refuses while blocking errors remain, freezes the report (payload, SHA-256,
 * idempotency key) and sends it once; `--schedule "0 2 * * *"` (or REPORT_SCHEDULE) repeats it.
 * scripts/report.ts is its command line.
 */
export { Options, runOnce } from './report';
export { callGateway } from './gateway';

export const usage = 'usage: npm run report -- --group <groupId> --year <YYYY> --target national|provincial [--dry-run] [--schedule "<cron>"]';

/** What the command line asks for; null when it is not a valid request (print `usage`). */
export interface Command {
  gateway: string;
  groupId: string;
  year: number;
  target: string;
  dryRun: boolean;
  /** A cron expression: run on it for ever instead of once. */
  schedule?: string;
}

/** Reads the bot's arguments (and GATEWAY_URL, REPORT_SCHEDULE from `env`). */
export function parseCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Command | null {
  const { values } = parseArgs({
    args,
    options: {
      group: { type: 'string' },
      year: { type: 'string' },
      target: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      schedule: { type: 'string' },
      gateway: { type: 'string' },
    },
  });
  const year = Number(values.year);
  if (!values.group || !Number.isInteger(year) || !['national', 'provincial'].includes(values.target ?? '')) return null;
  return {
    gateway: values.gateway || env.GATEWAY_URL || 'http://127.0.0.1:4000/graphql',
    groupId: values.group,
    year,
    target: values.target!,
    dryRun: values['dry-run'],
    schedule: values.schedule || env.REPORT_SCHEDULE || undefined,
  };
}

/** Runs once and resolves to the exit code (see `runOnce`), or, with a schedule, runs on it and never resolves. */
export async function runBot(command: Command, token: string): Promise<number> {
  const options: Options = { gateway: command.gateway, token, groupId: command.groupId, year: command.year, target: command.target, dryRun: command.dryRun };
  if (!command.schedule) return runOnce(options);
  const cron = CronExpressionParser.parse(command.schedule);
  for (;;) {
    const next = cron.next().toDate();
    print(`下次报送：${next.toISOString()}`);
    await new Promise((r) => setTimeout(r, Math.max(0, next.getTime() - Date.now())));
    await runOnce(options).catch((error) => process.stderr.write(`报送失败：${(error as Error).message}\n`));
  }
}
