import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { HotpathError } from '../util/index.js';
import { parseRetryAfter } from './http-error.js';
import { httpTool } from './http-tool.js';
import { toModelDeclaration } from './to-model-declaration.js';
import { createToolExecutor } from './tool-executor.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
const closedRequests: string[] = [];
let answer: (request: Seen, response: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    request.on('end', () => {
      const entry = { method: request.method!, url: request.url!, headers: request.headers, body };
      seen.push(entry);
      // Fires when the client goes away before an answer (the abort test).
      response.on('close', () => { if (!response.writableEnded) closedRequests.push(entry.url); });
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  closedRequests.length = 0;
  answer = (request, response) => json(response, 200, { echo: request.url });
});

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const context = (extra: { signal?: AbortSignal; callId?: string } = {}) => ({ signal: extra.signal ?? new AbortController().signal, requestId: 'req-42', ...extra });

describe('httpTool', () => {
  it('maps path parameters and the rest to the query string for GET, and forwards the request id', async () => {
    const getTicket = httpTool({
      name: 'get_ticket',
      description: 'Look up a ticket',
      method: 'GET',
      url: `${baseUrl}/api/tickets/{ticketId}`,
      input: z.object({ ticketId: z.string(), fields: z.array(z.string()).optional(), verbose: z.boolean().optional() }),
      headers: { authorization: 'Bearer test' },
    });
    answer = (_request, response) => json(response, 200, { id: 'INC 1', status: 'open' });
    const output = await getTicket.execute({ ticketId: 'INC 1', fields: ['status', 'owner'], verbose: true }, context());
    expect(output).toEqual({ id: 'INC 1', status: 'open' });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/tickets/INC%201?fields=status&fields=owner&verbose=true', body: '' });
    expect(seen[0]!.headers).toMatchObject({ 'x-request-id': 'req-42', authorization: 'Bearer test', accept: 'application/json' });
    expect(getTicket).toMatchObject({ readOnly: true, idempotent: true });
  });

  it('sends the rest as a JSON body for POST, with explicit query fields and an idempotency key', async () => {
    const addComment = httpTool({
      name: 'add_comment',
      description: 'Comment on a ticket',
      method: 'post',
      url: '/api/tickets/{ticketId}/comments',
      baseUrl,
      query: ['notify'],
      input: z.object({ ticketId: z.string(), text: z.string(), notify: z.boolean(), meta: z.object({ source: z.string() }) }),
    });
    await addComment.execute({ ticketId: 'INC-1', text: 'on it', notify: false, meta: { source: 'agent' } }, context({ callId: 'call-9' }));
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/tickets/INC-1/comments?notify=false' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ text: 'on it', meta: { source: 'agent' } });
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'req-42:call-9' });
    expect(addComment).toMatchObject({ readOnly: false, idempotent: false });
  });

  it('uses the query string for DELETE and treats PUT and DELETE as idempotent', async () => {
    const remove = httpTool({ name: 'remove_tag', description: 'Remove a tag', method: 'DELETE', url: `${baseUrl}/api/tags/{tag}`, input: z.object({ tag: z.string(), force: z.boolean() }) });
    const put = httpTool({ name: 'set_status', description: 'Set status', method: 'PUT', url: `${baseUrl}/api/status`, input: z.object({ status: z.string() }) });
    await remove.execute({ tag: 'p1', force: true }, context());
    expect(seen[0]).toMatchObject({ method: 'DELETE', url: '/api/tags/p1?force=true', body: '' });
    expect([remove.idempotent, put.idempotent, put.readOnly]).toEqual([true, true, false]);
  });

  it('maps non-2xx answers to HotpathErrors with the status and the upstream message', async () => {
    const getTicket = httpTool({ name: 'get_ticket', description: 'Look up', method: 'GET', url: `${baseUrl}/api/tickets/{id}`, input: z.object({ id: z.string() }) });
    const failure = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
      answer = (_request, response) => json(response, status, body, headers);
      const error = await Promise.resolve(getTicket.execute({ id: 'x' }, context())).catch((caught: unknown) => caught);
      if (!HotpathError.isInstance(error)) throw new Error('expected a HotpathError');
      return error;
    };
    const notFound = await failure(404, { error: { message: 'ticket x not found' } });
    expect(notFound).toMatchObject({ code: 'HOTPATH_TOOL_ERROR', statusCode: 404, isRetryable: false });
    expect(notFound.message).toContain('ticket x not found');
    const limited = await failure(429, { error: 'slow down' }, { 'retry-after': '2' });
    expect(limited).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 2_000 });
    const unavailable = await failure(503, { message: 'maintenance' });
    expect(unavailable).toMatchObject({ statusCode: 503, isRetryable: true });
    const broken = await failure(500, { message: 'boom' });
    expect(broken).toMatchObject({ statusCode: 500, isRetryable: false });
    answer = (_request, response) => { response.writeHead(200); response.end('<html>'); };
    await expect(getTicket.execute({ id: 'x' }, context())).rejects.toThrow(/invalid JSON/);
  });

  it('reports an unreachable upstream as a retryable connection error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = httpTool({ name: 'ping', description: 'Ping', method: 'GET', url: `http://127.0.0.1:${port}/ping`, input: z.object({}) });
    const error = await Promise.resolve(unreachable.execute({}, context())).catch((caught: unknown) => caught);
    expect(HotpathError.isInstance(error) && [error.code, error.isRetryable]).toEqual(['HOTPATH_CONNECTION_ERROR', true]);
  });

  it('closes the request when the run aborts', async () => {
    answer = () => { /* never answers */ };
    const slow = httpTool({ name: 'slow', description: 'Never answers', method: 'GET', url: `${baseUrl}/slow`, input: z.object({}) });
    const executor = createToolExecutor({ tools: [slow] });
    const started = performance.now();
    const [result] = await executor.execute([{ id: 'a', toolName: 'slow', input: {} }], { requestId: 'r', deadline: Date.now() + 60 });
    expect(performance.now() - started).toBeLessThan(300);
    expect(result).toMatchObject({ ok: false, error: { code: 'HOTPATH_DEADLINE_EXCEEDED' } });
    await expect.poll(() => closedRequests, { timeout: 1_000 }).toEqual(['/slow']);
  });

  it('sends its requests through the dispatcher it is given', async () => {
    const dispatched: string[] = [];
    class CountingAgent extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched.push(String(options.path));
        return super.dispatch(options, handler);
      }
    }
    const pool = new CountingAgent();
    const ping = httpTool({ name: 'ping', description: 'Ping', method: 'GET', url: `${baseUrl}/ping`, input: z.object({}), dispatcher: pool });
    await ping.execute({}, context());
    expect(dispatched).toEqual(['/ping']);
    await pool.close();
  });

  it('retries a read that answered 503 with Retry-After, through the executor', async () => {
    let calls = 0;
    answer = (_request, response) => {
      calls++;
      if (calls === 1) json(response, 503, { message: 'busy' }, { 'retry-after': '0.05' });
      else json(response, 200, { ok: true });
    };
    const read = httpTool({ name: 'read', description: 'Read', method: 'GET', url: `${baseUrl}/read`, input: z.object({}), retries: 2 });
    const executor = createToolExecutor({ tools: [read], retry: { baseDelayMs: 1 } });
    const started = performance.now();
    const [result] = await executor.execute([{ id: 'a', toolName: 'read', input: {} }], { requestId: 'r' });
    expect(result).toMatchObject({ ok: true, output: { ok: true }, attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('httpTool from a config object', () => {
  const yamlConfig = `
name: get_order
description: Look up an order
method: get
url: /retail/orders/{orderId}
input:
  type: object
  properties:
    orderId: { type: string, description: Order id like W123 }
    expand: { type: string, enum: [items, payments] }
    limit: { type: integer }
  required: [orderId]
progress: "looking up order {orderId}…"
reads: ["order:{orderId}"]
cache: { ttlMs: 5000, scope: user }
`;

  it('builds a working tool from YAML with a JSON Schema input', async () => {
    const getOrder = httpTool({ ...parseYaml(yamlConfig), baseUrl });
    expect(toModelDeclaration(getOrder).inputSchema).toMatchObject({ type: 'object', required: ['orderId'], properties: { orderId: { type: 'string' } } });
    const executor = createToolExecutor({ tools: [getOrder] });
    const [ok, invalid] = await executor.execute([
      { id: 'a', toolName: 'get_order', input: { orderId: 'W1', expand: 'items', limit: 2 } },
      { id: 'b', toolName: 'get_order', input: { expand: 'everything' } },
    ], { requestId: 'r' });
    expect(ok).toMatchObject({ ok: true, output: { echo: '/retail/orders/W1?expand=items&limit=2' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'HOTPATH_TOOL_INPUT_INVALID' } });
    expect(invalid!.ok === false && invalid!.error.message).toMatch(/orderId/);
    expect(invalid!.ok === false && invalid!.error.message).toMatch(/expand/);
  });

  it('refuses bad definitions naming the field', () => {
    const base = { name: 'get_order', description: 'd', method: 'GET' as const, url: `${baseUrl}/orders/{orderId}`, input: { type: 'object', properties: { orderId: { type: 'string' } } } };
    expect(() => httpTool({ ...base, method: 'FETCH' } as never)).toThrow(/'get_order': method/);
    expect(() => httpTool({ ...base, timeout: 5 } as never)).toThrow(/timeout is not an HTTP tool option/);
    expect(() => httpTool({ ...base, url: `${baseUrl}/orders/{id}` })).toThrow(/url names 'id', which is not an input field/);
    expect(() => httpTool({ ...base, query: ['page'] })).toThrow(/query names 'page'/);
    expect(() => httpTool({ ...base, url: '/orders/{orderId}' })).toThrow(/url is not a valid URL/);
    expect(() => httpTool({ ...base, input: { type: 'string' } })).toThrow(/'get_order': input must describe an object/);
    expect(() => httpTool({ ...base, method: 'POST', cache: { ttlMs: 1_000, scope: 'tenant' } })).toThrow(/cache is not allowed on a side-effecting tool/);
    expect(() => httpTool({ ...base, timeoutMs: -5 })).toThrow(/timeoutMs must be a positive number/);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter('0.5')).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
