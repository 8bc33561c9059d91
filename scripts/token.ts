import { parseArgs } from 'node:util';
import { REGION_PATTERN, ROLES } from '@zjjt/contract';
import { devSecrets } from './lib/secrets';
import { DEFAULT_MAX_LIFETIME_SECONDS, mintToken, tokenLifetime } from './lib/tokens';

const usage = `usage: npm run token -- --role ${ROLES.join('|')} [--group <groupId>[,<groupId>]] [--org <organizationId>] [--region <行政区划 prefix, AUTHORITY: e.g. 37>] [--sub <userId>] [--expires 12h]`;

async function main() {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true },
      group: { type: 'string', multiple: true },
      org: { type: 'string' },
      region: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = (values.role ?? [])
    .flatMap((r) => r.split(','))
    .map((r) => r.trim().toUpperCase())
    .filter(Boolean);
  if (!roles.length || roles.some((r) => !(ROLES as readonly string[]).includes(r))) {
    process.stderr.write(`${usage}\n`);
    process.exit(2);
  }
  const groups = (values.group ?? [])
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter(Boolean);
  if (values.region !== undefined && !REGION_PATTERN.test(values.region)) {
    process.stderr.write(`--region must be a 2-, 4- or 6-digit region code (e.g. 37 Shandong, 3701 Jinan)\n${usage}\n`);
    process.exit(2);
  }
  const sub = values.sub ?? `dev-${roles[0].toLowerCase()}`;
  const token = await mintToken(devSecrets().JWT_SECRET, { sub, roles, groups, org: values.org, region: values.region, expiresIn: values.expires });
  // The gateway refuses tokens that live longer than JWT_MAX_LIFETIME_SECONDS: say so now rather than with a 401 later.
  const cap = Number(process.env.JWT_MAX_LIFETIME_SECONDS || DEFAULT_MAX_LIFETIME_SECONDS);
  if (tokenLifetime(token) > cap) {
    process.stderr.write(`--expires ${values.expires} is longer than the gateway accepts (JWT_MAX_LIFETIME_SECONDS = ${cap} s); use e.g. --expires 12h\n`);
    process.exit(2);
  }
  process.stdout.write(`${token}\n`);
}

void main();
