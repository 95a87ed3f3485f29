import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { HotpathError } from '../hotpath-error.js';
import { createHttpClient, type HttpClient } from './http-client.js';
import { startHttpTestServer, type HttpTestServer } from './testing/http-test-server.js';

let server: HttpTestServer | undefined;
let client: HttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

async function rejection(promise: Promise<unknown>): Promise<HotpathError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(HotpathError.isInstance(error)).toBe(true);
  return error as HotpathError;
}

describe('createHttpClient', () => {
  it('reuses a kept-alive connection and reports who paid connection setup', async () => {
    server = await startHttpTestServer((_request, response) => response.end('{"ok":true}'));
    client = createHttpClient();
    const first = await client.request({ url: `${server.url}/a`, json: { n: 1 } });
    expect(await first.json()).toEqual({ ok: true });
    const second = await client.request({ url: `${server.url}/b`, json: { n: 2 } });
    await second.text();

    expect(server.connections).toBe(1);
    expect(server.requests.map((request) => request.json)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(first.timings.connectionOpened).toBe(true);
    expect(first.timings.connectMs).toBeGreaterThanOrEqual(0);
    expect(second.timings.connectionOpened).toBe(false);
    expect(second.timings.connectMs).toBeUndefined();
    expect(client.counters(server.url)).toMatchObject({ opened: 1, connected: 1, free: 1 });
  });

  it('warm opens the connections before traffic, so concurrent requests open none', async () => {
    server = await startHttpTestServer(async (request, response) => {
      if (request.url !== '/') await delay(30);
      response.end('ok');
    });
    client = createHttpClient({ connections: 4 });
    expect(await client.warm({ origin: server.url, connections: 3 })).toBe(3);
    expect(server.connections).toBe(3);

    const responses = await Promise.all([1, 2, 3].map((n) => client!.request({ url: `${server!.url}/work`, json: { n } })));
    await Promise.all(responses.map((response) => response.text()));
    expect(server.connections).toBe(3);
    expect(responses.map((response) => response.timings.connectionOpened)).toEqual([false, false, false]);
    // Warming again with the sockets still open opens nothing new.
    expect(await client.warm({ origin: server.url, connections: 3 })).toBe(0);
  });

  it('reports the time a request waited for a busy connection', async () => {
    server = await startHttpTestServer(async (_request, response) => {
      await delay(150);
      response.end('done');
    });
    client = createHttpClient({ connections: 1 });
    const [first, second] = await Promise.all([
      client.request({ url: `${server.url}/1`, json: {} }).then(async (response) => (await response.text(), response)),
      client.request({ url: `${server.url}/2`, json: {} }).then(async (response) => (await response.text(), response)),
    ]);
    expect(first.timings.queueMs).toBeLessThan(100);
    expect(second.timings.queueMs).toBeGreaterThanOrEqual(100);
    expect(second.timings.connectionOpened).toBe(false);
    expect(server.connections).toBe(1);
  });

  it('fails with HOTPATH_TIMEOUT when the headers do not arrive within timeoutMs, and drops the connection', async () => {
    server = await startHttpTestServer(async (_request, response) => {
      await delay(2_000);
      response.end('late');
    });
    client = createHttpClient();
    const started = Date.now();
    const error = await rejection(client.request({ url: `${server.url}/slow`, json: {}, timeoutMs: 100 }));
    expect(error.code).toBe('HOTPATH_TIMEOUT');
    expect(error.isRetryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
    await server.waitForClosedConnections(1);
  });

  it('timeoutMs stops at the headers: a slow body is not cut', async () => {
    server = await startHttpTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.write('a');
      await delay(200);
      response.end('b');
    });
    client = createHttpClient();
    const response = await client.request({ url: `${server.url}/`, json: {}, timeoutMs: 100 });
    expect(await response.text()).toBe('ab');
  });

  it('the deadline bounds the body too', async () => {
    server = await startHttpTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
      await delay(2_000);
      response.end('data: 2\n\n');
    });
    client = createHttpClient();
    const response = await client.request({ url: `${server.url}/`, json: {}, deadline: Date.now() + 200 });
    const seen: string[] = [];
    const error = await rejection(
      (async () => {
        for await (const event of response.events()) seen.push(event.data);
      })(),
    );
    expect(seen).toEqual(['1']);
    expect(error.code).toBe('HOTPATH_DEADLINE_EXCEEDED');
    await server.waitForClosedConnections(1);
  });

  it('abort stops the request: the server sees the connection close', async () => {
    server = await startHttpTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      await delay(5_000);
      response.end();
    });
    client = createHttpClient();
    const controller = new AbortController();
    const response = await client.request({ url: `${server.url}/`, json: {}, signal: controller.signal });
    const events = response.events();
    expect((await events.next()).value?.data).toBe('first');
    controller.abort();
    const error = await rejection(events.next());
    expect(error.code).toBe('HOTPATH_ABORTED');
    await server.waitForClosedConnections(1);
    expect(client.counters(server.url).running).toBe(0);
  });

  it('yields each server-sent event as soon as it is complete', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    server = await startHttpTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('event: greeting\ndata: {"n":1}\n\n: comment\n\nda');
      await released;
      response.end('ta: {"n":2}\n\n');
    });
    client = createHttpClient();
    const response = await client.request({ url: `${server.url}/`, json: {} });
    const events = response.events();
    expect((await events.next()).value).toMatchObject({ event: 'greeting', data: '{"n":1}' });
    release();
    expect((await events.next()).value).toMatchObject({ data: '{"n":2}' });
    expect((await events.next()).done).toBe(true);
  });

  it('breaking out of events() early closes the unfinished response', async () => {
    server = await startHttpTestServer(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: 1\n\n');
      await delay(5_000);
      response.end();
    });
    client = createHttpClient();
    const response = await client.request({ url: `${server.url}/`, json: {} });
    for await (const event of response.events()) {
      expect(event.data).toBe('1');
      break;
    }
    await server.waitForClosedConnections(1);
  });

  it('maps a refused connection to a retryable HOTPATH_CONNECTION_ERROR', async () => {
    server = await startHttpTestServer((_request, response) => response.end());
    const url = server.url;
    await server.close();
    server = undefined;
    client = createHttpClient();
    const error = await rejection(client.request({ url: `${url}/`, json: {} }));
    expect(error.code).toBe('HOTPATH_CONNECTION_ERROR');
    expect(error.isRetryable).toBe(true);
    expect(client.counters(url).failed).toBe(1);
  });

  it('json() rejects a malformed body with HOTPATH_PROVIDER_BAD_RESPONSE', async () => {
    server = await startHttpTestServer((_request, response) => response.end('<html>'));
    client = createHttpClient();
    const response = await client.request({ url: `${server.url}/`, json: {} });
    expect((await rejection(response.json())).code).toBe('HOTPATH_PROVIDER_BAD_RESPONSE');
  });

  it('uses an injected dispatcher (timings then carry no connection detail) and leaves it open', async () => {
    server = await startHttpTestServer((_request, response) => response.end('injected'));
    const dispatcher = new Pool(server.url);
    client = createHttpClient({ dispatcher });
    const response = await client.request({ url: `${server.url}/`, json: {} });
    expect(await response.text()).toBe('injected');
    expect(response.timings.connectionOpened).toBeUndefined();
    expect(response.timings.headersMs).toBeGreaterThanOrEqual(0);
    await client.close();
    expect(dispatcher.closed).toBe(false);
    await dispatcher.close();
  });

  it('builds per-origin dispatchers through the factory option', async () => {
    server = await startHttpTestServer((_request, response) => response.end('from factory'));
    const origins: string[] = [];
    client = createHttpClient({
      factory: (origin, options) => {
        origins.push(origin);
        return new Pool(origin, { connections: options.connections });
      },
    });
    expect(await (await client.request({ url: `${server.url}/x` })).text()).toBe('from factory');
    expect(origins).toEqual([server.url]);
  });

  it('validates options at construction and names the offending option', () => {
    expect(() => createHttpClient({ connections: 0 })).toThrow(/"connections"/);
    expect(() => createHttpClient({ keepAliveTimeoutMs: -1 })).toThrow(/"keepAliveTimeoutMs"/);
  });
});
