import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolCatalogEntry } from '../../sim/index.js';
import { callCatalogTool } from './call-catalog-tool.js';
import { freshConnectionTransport } from './http-transport.js';
import { createRequestIdFetch, runInRequestScope } from './request-scope.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

const seen: Seen[] = [];
let baseUrl = '';
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString() });
    if (request.url?.startsWith('/fail')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'no such ticket' } }));
    } else if (request.url?.startsWith('/plain')) {
      response.writeHead(503).end('upstream down');
    } else {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    }
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function entry(method: ToolCatalogEntry['http']['method'], path: string): ToolCatalogEntry {
  return {
    name: 'tool_x', description: 'x', input: z.object({}), http: { method, path },
    readOnly: method === 'GET', idempotent: true, reads: [], writes: [], userScoped: false,
  };
}

describe('callCatalogTool', () => {
  it('puts path parameters in the path and the rest in the query for GET', async () => {
    const result = await callCatalogTool({
      toolsUrl: `${baseUrl}/`, entry: entry('GET', '/api/tickets/{ticketId}/history'),
      args: { ticketId: 'INC 1/2', limit: 5, tags: ['a', 'b'], filter: { p: 1 }, skip: undefined }, requestId: 'w1#a',
    });
    expect(result).toEqual({ ok: true });
    const request = seen.at(-1) as Seen;
    expect(request.method).toBe('GET');
    const url = new URL(request.url, baseUrl);
    expect(url.pathname).toBe('/api/tickets/INC%201%2F2/history');
    expect(url.searchParams.get('limit')).toBe('5');
    expect(url.searchParams.getAll('tags')).toEqual(['a', 'b']);
    expect(url.searchParams.get('filter')).toBe('{"p":1}');
    expect(url.searchParams.has('skip')).toBe(false);
    expect(request.headers['x-request-id']).toBe('w1#a');
  });

  it('sends the rest as a JSON body otherwise', async () => {
    await callCatalogTool({ toolsUrl: baseUrl, entry: entry('PATCH', '/api/tickets/{ticketId}'), args: { ticketId: 'T1', status: 'closed' }, requestId: 'w2#a' });
    const request = seen.at(-1) as Seen;
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe('/api/tickets/T1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ status: 'closed' });
  });

  it('returns errors as JSON the model can read', async () => {
    expect(await callCatalogTool({ toolsUrl: baseUrl, entry: entry('GET', '/fail/{id}'), args: { id: '1' }, requestId: 'w3#a' })).toEqual({
      error: { status: 404, message: 'no such ticket' },
    });
    expect(await callCatalogTool({ toolsUrl: baseUrl, entry: entry('GET', '/plain'), args: {}, requestId: 'w3#a' })).toEqual({
      error: { status: 503, message: 'upstream down' },
    });
    expect(await callCatalogTool({ toolsUrl: baseUrl, entry: entry('GET', '/x/{id}'), args: {}, requestId: 'w3#a' })).toEqual({
      error: { message: 'missing required argument "id" for tool_x' },
    });
    const unreachable = await callCatalogTool({ toolsUrl: 'http://127.0.0.1:1', entry: entry('GET', '/x'), args: {}, requestId: 'w3#a' });
    expect(unreachable).toMatchObject({ error: { message: expect.stringMatching(/tool_x unreachable/) } });
  });

  it('throws when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort(new Error('timeout'));
    await expect(
      callCatalogTool({ toolsUrl: baseUrl, entry: entry('GET', '/x'), args: {}, requestId: 'w4#a', signal: controller.signal }),
    ).rejects.toThrow('timeout');
  });

  it('opens a new connection for every call over the fresh-connection transport', async () => {
    let connections = 0;
    const count = () => connections++;
    server.on('connection', count);
    for (let call = 0; call < 3; call++) {
      const result = await callCatalogTool({ toolsUrl: baseUrl, entry: entry('POST', '/y'), args: { a: 1 }, requestId: 'w5#a', transport: freshConnectionTransport });
      expect(result).toEqual({ ok: true });
    }
    server.off('connection', count);
    expect(connections).toBe(3);
  });
});

describe('createRequestIdFetch', () => {
  it('adds the current run\'s request id, keeping other headers', async () => {
    const requestIdFetch = createRequestIdFetch();
    await runInRequestScope({ requestId: 'w9#fw', signal: new AbortController().signal }, () =>
      requestIdFetch(`${baseUrl}/z`, { headers: { authorization: 'Bearer sim' } }),
    );
    expect(seen.at(-1)?.headers['x-request-id']).toBe('w9#fw');
    expect(seen.at(-1)?.headers.authorization).toBe('Bearer sim');
    await requestIdFetch(new Request(`${baseUrl}/outside`, { headers: { 'x-custom': '1' } }));
    expect(seen.at(-1)?.headers['x-request-id']).toBeUndefined();
    expect(seen.at(-1)?.headers['x-custom']).toBe('1');
  });
});
