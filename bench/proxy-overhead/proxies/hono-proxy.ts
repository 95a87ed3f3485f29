// Candidate 3: Hono on @hono/node-server (Web Request/Response over node:http), undici to the
// upstream, the upstream body returned as a web ReadableStream.

import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { RunningServer } from '../upstream-server.js';
import { createUpstreamPool, forwardedHeaders } from './upstream-pool.js';

export function startHonoProxy(options: { upstreamUrl: string; port?: number }): Promise<RunningServer> {
  const pool = createUpstreamPool(options.upstreamUrl);
  const app = new Hono();
  app.all('*', async (context) => {
    const isGet = context.req.method === 'GET';
    const body = isGet ? null : await context.req.text();
    if (body !== null && body.length > 0) JSON.parse(body);
    const upstream = await pool.request({
      path: new URL(context.req.url).pathname,
      method: isGet ? 'GET' : 'POST',
      headers: forwardedHeaders(context.req.header('content-type'), context.req.header('authorization')),
      body,
    });
    return new Response(Readable.toWeb(upstream.body) as ReadableStream, {
      status: upstream.statusCode,
      headers: { 'content-type': String(upstream.headers['content-type'] ?? 'application/json') },
    });
  });
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: async () => {
          if ('closeAllConnections' in server) server.closeAllConnections();
          await new Promise((done) => server.close(done));
          await pool.close();
        },
      });
    });
  });
}
