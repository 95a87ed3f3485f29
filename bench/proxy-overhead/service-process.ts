// Process entry of a measured server: `service-process.ts <kind> <settings JSON>`. Prints
// {"url": ...} once listening and stops on SIGTERM.

import { startFastifyProxy } from './proxies/fastify-proxy.js';
import { startHonoProxy } from './proxies/hono-proxy.js';
import { startNodeHttpProxy } from './proxies/node-http-proxy.js';
import { startUpstreamServer, type RunningServer } from './upstream-server.js';

const kind = process.argv[2];
const settings = JSON.parse(process.argv[3] ?? '{}') as { upstreamUrl?: string };

async function start(): Promise<RunningServer> {
  const upstreamUrl = settings.upstreamUrl ?? '';
  switch (kind) {
    case 'upstream':
      return startUpstreamServer();
    case 'node-http':
      return startNodeHttpProxy({ upstreamUrl });
    case 'fastify':
      return startFastifyProxy({ upstreamUrl });
    case 'hono':
      return startHonoProxy({ upstreamUrl });
    default:
      throw new Error(`unknown service kind "${kind}" (upstream, node-http, fastify, hono)`);
  }
}

const server = await start();
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.once('SIGTERM', () => {
  server.close().finally(() => process.exit(0));
});
