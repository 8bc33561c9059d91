import { parseCommand, runBot, usage } from '../bot';
import { devSecrets } from './lib/secrets';
import { mintToken } from './lib/tokens';

/**
 * `npm run report -- …`: the reporting bot (bot/). In production REPORTER_TOKEN holds its token;
 * on a development machine it mints one with the development JWT secret.
 */
async function main() {
  const command = parseCommand(process.argv.slice(2));
  if (!command) {
    process.stderr.write(`${usage}\n`);
    process.exit(64);
  }
  const token =
    process.env.REPORTER_TOKEN ||
    (await mintToken(devSecrets().JWT_SECRET, { sub: 'reporting-bot', roles: ['REPORTER'], groups: [command.groupId], expiresIn: '1h' }));
  process.exit(await runBot(command, token));
}

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  });
}
