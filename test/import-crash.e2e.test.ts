import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO } from '@zjjt/demo';
import { writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { dataOf, startTestHub, TestHub } from './harness';
import { eventually } from './processes';

let hub: TestHub;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zjjt-crash-'));

beforeAll(async () => {
  hub = await startTestHub();
}, 120000);

afterAll(async () => {
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('leaves no partial rows when the bases process is killed in the middle of an import', async () => {
  const school = await hub.token({ sub: 'crash-school', roles: ['MEMBER'], groups: [DEMO.groupId], org: DEMO.schoolOrgId });
  const secretariat = await hub.token({ sub: 'crash-sec', roles: ['SECRETARIAT'], groups: [DEMO.groupId] });
  const uscc = dataOf(await hub.gql(`query($id: ID!) { organization(id: $id) { uscc } }`, { id: DEMO.schoolOrgId }, secretariat)).organization.uscc;
  const baseId = dataOf(
    await hub.gql(
      `mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`,
      {
        input: {
          groupId: DEMO.groupId,
          name: '断电测试基地',
          kind: 'PRACTICE_BASE',
          occupations: ['钳工'],
          capacity: 10,
          coBuilders: [{ uscc, role: 'LEAD' }],
        },
      },
      school,
    ),
  ).registerTrainingBase.id;

  const file = path.join(dir, 'big.xlsx');
  await writeLedgerWorkbook(file, { prefix: 'K-', year: 2025, programs: 10, sessionsPerProgram: 40, traineesPerSession: 100, certifications: 5 });
  const body = fs.readFileSync(file);
  const bases = await hub.process('bases');
  const upload = fetch(`${hub.url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${baseId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${school}` },
    body,
  }).then((r) => r.status);

  // The import has begun once the whole upload is spooled in DATA_DIR/tmp/bases (it is read from
  // there inside one transaction); kill the process then, without warning.
  const spool = path.join(hub.env.DATA_DIR as string, 'tmp', 'bases');
  const spooled = await eventually(
    () =>
      fs
        .readdirSync(spool)
        .map((name) => path.join(spool, name))
        .find((f) => fs.statSync(f).size === body.length),
    { timeout: 30000, interval: 10 },
  );
  await bases.kill('SIGKILL');
  expect(await bases.exited).toEqual({ code: null, signal: 'SIGKILL' });
  expect(await upload).toBe(502);
  // It died mid-import: the spooled file is removed when an import ends, and no import was logged.
  expect(fs.existsSync(spooled)).toBe(true);
  expect(bases.output.filter((line) => line.includes('ledger import'))).toEqual([]);

  // Start it again on the same database: the transaction never committed, so nothing is there.
  await bases.restart();
  expect(fs.existsSync(spooled)).toBe(false);
  const after = dataOf(
    await hub.gql(
      `query($b: ID!) { trainingSessions(filter: { baseId: $b }) { totalCount } ledgerImports(baseId: $b) { id } trainees(baseId: $b) { totalCount } }`,
      { b: baseId },
      school,
    ),
  );
  expect(after).toEqual({ trainingSessions: { totalCount: 0 }, ledgerImports: [], trainees: { totalCount: 0 } });
}, 120000);
