// No telemetry leaves the machine: set before Apollo's modules read it.
process.env.APOLLO_TELEMETRY_DISABLED = '1';

import { collectWhenIdle, runWorkers } from '@zjjt/contract';
import { ConfigError, GatewayConfig, loadGatewayConfig } from './config';
import { createGateway } from './server';

async function main() {
  let config;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[gateway] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // GATEWAY_WORKERS processes share the port (node:cluster); the primary only starts and watches them.
  await runWorkers('gateway', config.workers, () => serve(config));
}

async function serve(config: GatewayConfig) {
  let gateway;
  try {
    gateway = await createGateway(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[gateway] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await new Promise<void>((resolve) => gateway.httpServer.listen(config.port, config.host, resolve));
  collectWhenIdle(gateway.httpServer);
  const address = gateway.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  gateway.log.info({ port }, `gateway ready at http://${config.host}:${port}/graphql`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gateway.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main();
