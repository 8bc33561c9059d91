// No telemetry leaves the machine: set before Apollo's modules read it.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import fs from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { IDENTITY_HEADER, SECRET_HEADER, signIdentity } from '@zjjt/contract';
import { peerSettings } from './settings';

/**
 * The bench's stock peer: `@apollo/gateway` as its README shows it — the committed supergraph,
 * the default fetcher, `@apollo/server` standalone, no plugins. The one addition is what the
 * subgraphs demand of any caller (the contract's headers): the gateway secret and the bench
 * user's identity signed with it, set in `willSendRequest`.
 */
const { port, supergraphPath, subgraphUrls, secret, claims } = peerSettings();
const gateway = new ApolloGateway({
  supergraphSdl: fs.readFileSync(supergraphPath, 'utf8'),
  buildService: ({ name }) =>
    new RemoteGraphQLDataSource({
      url: subgraphUrls[name],
      willSendRequest({ request }) {
        request.http!.headers.set(SECRET_HEADER, secret);
        request.http!.headers.set(IDENTITY_HEADER, signIdentity(claims, secret));
      },
    }),
});
void startStandaloneServer(new ApolloServer({ gateway }), { listen: { port, host: '127.0.0.1' } }).then(({ url }) =>
  process.stdout.write(`stock gateway ready at ${url}\n`),
);
