// Candidate 1: plain node:http in front, undici to the upstream. Reads the body, parses it (every
// gateway must, to route on `model`), forwards the bytes and writes the upstream's body as it arrives.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningServer } from '../upstream-server.js';
import { createUpstreamPool, forwardedHeaders } from './upstream-pool.js';

export function startNodeHttpProxy(options: { upstreamUrl: string; port?: number }): Promise<RunningServer> {
  const pool = createUpstreamPool(options.upstreamUrl);
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', async () => {
      const body = Buffer.concat(parts);
      try {
        if (body.length > 0) JSON.parse(body.toString('utf8'));
        const upstream = await pool.request({
          path: request.url ?? '/',
          method: request.method === 'GET' ? 'GET' : 'POST',
          headers: forwardedHeaders(request.headers['content-type'], request.headers.authorization),
          body: body.length > 0 ? body : null,
        });
        response.writeHead(upstream.statusCode, { 'content-type': String(upstream.headers['content-type'] ?? 'application/json') });
        for await (const part of upstream.body) response.write(part);
        response.end();
      } catch (error) {
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: (error as Error).message } }));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: async () => {
          server.closeAllConnections();
          await new Promise((done) => server.close(done));
          await pool.close();
        },
      });
    });
  });
}
