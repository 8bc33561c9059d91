import fs from 'node:fs';
import path from 'node:path';
import { composeFromCode } from '../scripts/compose';

// The committed schema (what the gateway serves) must be exactly what the code composes to.
it('composes the subgraphs without errors, and the committed schema files match the code', async () => {
  const { files, errors } = await composeFromCode();
  expect(errors).toEqual([]);
  expect([...files.keys()].sort()).toEqual([
    'schema/subgraphs/bases.graphql',
    'schema/subgraphs/members.graphql',
    'schema/subgraphs/resources.graphql',
    'schema/subgraphs/statistics.graphql',
    'schema/supergraph.graphql',
  ]);
  for (const [file, content] of files) expect(fs.readFileSync(path.join(__dirname, '..', file), 'utf8')).toBe(content);
}, 60000);
