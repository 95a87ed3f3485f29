// Candidate 2: Fastify in front (its JSON body parser, a catch-all route), undici to the upstream,
// the upstream body handed to `reply.send` as a stream.

import Fastify from 'fastify';
import type { RunningServer } from '../upstream-server.js';
import { createUpstreamPool, forwardedHeaders } from './upstream-pool.js';

export async function startFastifyProxy(options: { upstreamUrl: string; port?: number }): Promise<RunningServer> {
  const pool = createUpstreamPool(options.upstreamUrl);
  const app = Fastify({ logger: false, keepAliveTimeout: 60_000 });
  app.route({
    method: ['GET', 'POST'],
    url: '/*',
    handler: async (request, reply) => {
      const upstream = await pool.request({
        path: request.url,
        method: request.method === 'GET' ? 'GET' : 'POST',
        headers: forwardedHeaders(request.headers['content-type'], request.headers.authorization),
        body: request.method === 'GET' ? null : JSON.stringify(request.body),
      });
      reply.code(upstream.statusCode).header('content-type', String(upstream.headers['content-type'] ?? 'application/json'));
      return reply.send(upstream.body);
    },
  });
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
      await pool.close();
    },
  };
}
