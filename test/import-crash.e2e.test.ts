import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { DEMO } from '@zjjt/demo';
import { writeLedgerWorkbook } from '../scripts/lib/ledger-workbook';
import { stopChild } from '../scripts/lib/launch';
import { dataOf, startTestHub, TestHub } from './harness';

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
  const baseId = dataOf(await hub.gql(`mutation($input: TrainingBaseInput!) { registerTrainingBase(input: $input) { id } }`, {
    input: { groupId: DEMO.groupId, name: '断电测试基地', kind: 'PRACTICE_BASE', occupations: ['钳工'], capacity: 10, coBuilders: [{ uscc, role: 'LEAD' }] },
  }, school)).registerTrainingBase.id;

  const file = path.join(dir, 'big.xlsx');
  await writeLedgerWorkbook(file, { prefix: 'K-', year: 2025, programs: 10, sessionsPerProgram: 40, traineesPerSession: 100, certifications: 5 });
  const upload = fetch(`${hub.url.replace(/\/graphql$/, '/files/bases')}/imports?baseId=${baseId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${school}` },
    body: fs.readFileSync(file),
  }).then((r) => r.status);

  // Import of 40,000 trainees is under way (it takes seconds); kill the process without warning.
  const bases = hub.hub.processes.get('bases')!;
  await new Promise((r) => setTimeout(r, 1500));
  bases.kill('SIGKILL');
  expect(await upload).toBe(502);

  // Start it again on the same database: the transaction never committed, so nothing is there.
  const port = new URL(hub.hub.subgraphUrls.bases).port;
  const restarted = spawn(process.execPath, [path.join(__dirname, '..', 'dist', 'subgraphs', 'bases', 'src', 'index.js')], {
    env: { ...process.env, ...hub.env, MEMBERS_URL: hub.hub.subgraphUrls.members, BASES_PORT: port },
    stdio: 'ignore',
  });
  hub.hub.processes.set('bases', restarted);
  for (let i = 0; i < 100; i += 1) {
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const after = dataOf(await hub.gql(`query($b: ID!) { trainingSessions(filter: { baseId: $b }) { totalCount } ledgerImports(baseId: $b) { id } trainees(baseId: $b) { totalCount } }`, { b: baseId }, school));
  expect(after).toEqual({ trainingSessions: { totalCount: 0 }, ledgerImports: [], trainees: { totalCount: 0 } });
  await stopChild(restarted);
}, 120000);
