import { randomBytes } from 'node:crypto';
import { Subgraph, Viewer } from '@zjjt/kit';
import { createTestSubgraph, dropTestDatabase } from '@zjjt/kit/testing';
import { DEMO } from '@zjjt/demo';
import { members } from '../src/schema';
import { MembersLoaders } from '../src/context';
import { seedDemo } from '../src/seed';
import { usccCheckCharacter } from '../src/organization/uscc';

// Join inquiries are limited per client address AND per group: many addresses cannot flood one
// group's secretariat, and one address cannot flood several groups. Loopback e2e tests see one
// address only, so the per-group limit is checked here with the addresses the gateway would forward.
let sg: Subgraph<MembersLoaders>;

beforeAll(async () => {
  process.env.PII_KEY = randomBytes(32).toString('base64');
  process.env.JOIN_INQUIRY_LIMIT_PER_ADDRESS = '2';
  process.env.JOIN_INQUIRY_LIMIT_PER_GROUP = '3';
  sg = await createTestSubgraph(members);
  expect(await seedDemo(sg.db)).toBe(true);
});

afterAll(async () => {
  await sg.close();
  await dropTestDatabase(sg.config.database);
  delete process.env.JOIN_INQUIRY_LIMIT_PER_ADDRESS;
  delete process.env.JOIN_INQUIRY_LIMIT_PER_GROUP;
});

let n = 0;
async function send(groupId: string, clientAddress: string) {
  n += 1;
  const first17 = `91370102MA${String(n).padStart(7, '0')}`;
  const input = {
    groupId,
    unitName: `咨询单位${n}（测试）`,
    uscc: first17 + usccCheckCharacter(first17),
    contactName: '李测试',
    contactPhone: '0531-88880000',
  };
  const response = await sg.apollo.executeOperation(
    { query: /* GraphQL */ `mutation($input: JoinInquiryInput!) { sendJoinInquiry(input: $input) { received } }`, variables: { input } },
    { contextValue: { ...sg.contextFor(Viewer.anonymous()), clientAddress } },
  );
  if (response.body.kind !== 'single') throw new Error('single result expected');
  const { data, errors } = response.body.singleResult;
  return errors ? errors.map((e) => e.extensions?.code) : (data as { sendJoinInquiry: { received: boolean } }).sendJoinInquiry.received;
}

describe('join inquiry rate limits', () => {
  it('refuses a third inquiry from one address, and a fourth to one group from any address, while other groups still receive', async () => {
    expect(await send(DEMO.groupId, '10.0.0.1')).toBe(true);
    expect(await send(DEMO.groupId, '10.0.0.1')).toBe(true);
    expect(await send(DEMO.groupId, '10.0.0.1')).toEqual(['RATE_LIMITED']);
    expect(await send(DEMO.secondGroupId, '10.0.0.1')).toEqual(['RATE_LIMITED']);

    expect(await send(DEMO.groupId, '10.0.0.2')).toBe(true);
    expect(await send(DEMO.groupId, '10.0.0.3')).toEqual(['RATE_LIMITED']);
    expect(await send(DEMO.secondGroupId, '10.0.0.3')).toBe(true);

    const stored = await sg.db.query('SELECT groupId, COUNT(*) AS n FROM join_inquiry GROUP BY groupId ORDER BY groupId');
    expect(stored.map((r: { groupId: string; n: number | string }) => [r.groupId, Number(r.n)]).sort()).toEqual(
      [
        [DEMO.groupId, 3],
        [DEMO.secondGroupId, 1],
      ].sort(),
    );
  });
});
