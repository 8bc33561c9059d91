import { devSecrets } from './lib/secrets';
import { launchHub } from './lib/launch';
import { mintToken } from './lib/tokens';
import { runDemoCollection } from './lib/demo-collection';
import { DEMO } from '@zjjt/demo';

/** The tokens printed at start: one per role on the demo group, and one for the second group. */
function demoUsers() {
  return [
    { label: 'SECRETARIAT', note: '集团秘书处', sub: 'demo-secretariat', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId },
    { label: 'MEMBER', note: '成员单位（企业）', sub: 'demo-member', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.memberOrgId },
    { label: 'REPORTER', note: '年报填报机器人', sub: 'demo-reporter', roles: ['REPORTER'], groups: [DEMO.groupId], org: null },
    {
      label: 'AUTHORITY',
      note: '山东省主管部门（只读，本省登记的集团）',
      sub: 'demo-authority',
      roles: ['AUTHORITY'],
      groups: [],
      org: null,
      region: '37',
    },
    {
      label: 'SECRETARIAT_G2',
      note: '第二个集团的秘书处（看不到第一个集团）',
      sub: 'demo-secretariat-g2',
      roles: ['SECRETARIAT'],
      groups: [DEMO.secondGroupId],
      org: DEMO.secondGroupSecretariatOrgId,
    },
  ];
}

/** The browser pages the gateway serves (EXPLORER and CONSOLE may turn each off), asked of the gateway itself. */
async function servedPages(gatewayUrl: string): Promise<[string, string][]> {
  const pages: [string, string][] = [
    ['explorer', new URL('/explorer/', gatewayUrl).href],
    ['review console (年报审核台)', new URL('/console/', gatewayUrl).href],
  ];
  const served = await Promise.all(
    pages.map(([, url]) =>
      fetch(url).then(
        (response) => response.ok,
        () => false,
      ),
    ),
  );
  return pages.filter((_, i) => served[i]);
}

async function main() {
  const secrets = devSecrets();
  const hub = await launchHub({
    env: { ...secrets, LOG_LEVEL: process.env.LOG_LEVEL || 'warn' },
    seed: true,
    onOutput: (service, line) => process.stdout.write(`[${service}] ${line}\n`),
  });

  if (await runDemoCollection(hub.gatewayUrl, secrets.JWT_SECRET))
    process.stdout.write('[statistics] demo 2025 data collection run through the gateway (6 returns approved, 4 targets, 2 notices and a reminder)\n');

  const pages = await servedPages(hub.gatewayUrl);
  const lines = [
    '',
    `zjjt-hub is running. Gateway: ${hub.gatewayUrl}`,
    ...pages.map(([label, url]) => `  ${label} (in a browser; paste a token below): ${url}`),
    ...Object.entries(hub.subgraphUrls).map(([name, url]) => `  subgraph ${name}: ${url} (gateway secret required)`),
    '',
    'Tokens (valid 12 hours; paste after "Authorization: Bearer "):',
  ];
  for (const user of demoUsers()) {
    lines.push(`  ${user.label}  # ${user.note}`, `  ${user.label}_TOKEN=${await mintToken(secrets.JWT_SECRET, user)}`);
  }
  const query = `{ group(id: "${DEMO.groupId}") { name members(first: 5, orderBy: {field: ROLE}) { totalCount edges { node { role status organization { name type uscc } } } } } }`;
  lines.push(
    '',
    'Example (after export SECRETARIAT_TOKEN=… from above):',
    `  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $SECRETARIAT_TOKEN" \\`,
    `    -d '${JSON.stringify({ query })}'`,
    '',
    `The reporting bot, dry run: npm run report -- --group ${DEMO.groupId} --year 2025 --target national --dry-run`,
    '',
    'Press Ctrl-C to stop all services.',
  );
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // One process dying (a subgraph's crash) does not take the hub down: it is started again.
  hub.supervise((message) => process.stderr.write(`${message}\n`));
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
