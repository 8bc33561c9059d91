import { DEMO } from '@zjjt/demo';
import { startPeers } from '../bench/peers';
import { MEMBERS_FEDERATED } from '../bench/queries';
import { YEAR } from '../bench/config';
import { expectEach, startTestHub } from './harness';

// The bench compares the hub's gateway with a stock @apollo/gateway and a direct peer (bench/peers):
// the comparison means something only if all three do the same work for the bench's query.

/** `value` cut down to the keys of `shape`: the direct peer's data carries the entity keys the plan fetched too. */
function project(shape: unknown, value: unknown): unknown {
  if (Array.isArray(shape)) return (value as unknown[]).map((item, i) => project(shape[i], item));
  if (shape && typeof shape === 'object') return Object.fromEntries(Object.keys(shape).map((k) => [k, project((shape as any)[k], (value as any)?.[k])]));
  return value;
}

it('the stock gateway and the direct peer answer the bench query with the hub’s data', async () => {
  const hub = await startTestHub();
  const claims = { sub: 'bench-secretariat', roles: ['SECRETARIAT'], groups: [DEMO.groupId], org: DEMO.secretariatOrgId };
  const peers = await startPeers(hub.hub.subgraphUrls, hub.env.GATEWAY_SECRET!, claims, MEMBERS_FEDERATED);
  try {
    const body = JSON.stringify({ query: MEMBERS_FEDERATED, variables: { groupId: DEMO.groupId, year: YEAR } });
    const ask = async (url: string, headers: Record<string, string> = {}) =>
      (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).json()) as {
        data?: any;
        errors?: unknown;
      };
    const viaHub = await ask(hub.url, { authorization: `Bearer ${await hub.token(claims)}` });
    expect(viaHub.errors).toBeUndefined();
    const edges = viaHub.data.group.members.edges;
    // Real federated data on the page: resources from one subgraph, training summaries from another.
    expect(edges.some((e: any) => e.node.organization.resources.length > 0)).toBe(true);
    expectEach(edges, (e: any) => e.node.organization.trainingSummary, 50);
    expect(await ask(peers.stockUrl)).toEqual(viaHub);
    const direct = await ask(peers.directUrl);
    expect(direct.errors).toBeUndefined();
    expect(project(viaHub.data, direct.data)).toEqual(viaHub.data);
  } finally {
    await peers.stop();
    await hub.stop();
  }
}, 120000);
