// API keys map to tenants, loopback callers need none by default, and each key has its own token
// bucket: beyond it, 429 with Retry-After.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, startTestGateway, upstreamConfig, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
const gateways: TestGateway[] = [];

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.close()));
  await upstream.close();
});

function start(auth: Record<string, unknown>): TestGateway {
  const gateway = startTestGateway(upstreamConfig(upstream.url, { auth, router: { classifier: false } }));
  gateways.push(gateway);
  return gateway;
}

async function call(gateway: TestGateway, options: { key?: string; authorization?: string; remote?: boolean; path?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key !== undefined) headers.authorization = `Bearer ${options.key}`;
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  const response = await gateway.inject({
    method: options.path === undefined ? 'POST' : 'GET',
    url: options.path ?? '/v1/chat/completions',
    headers,
    remoteAddress: options.remote ? '10.1.2.3' : '127.0.0.1',
    ...(options.path === undefined ? { payload: JSON.stringify(chatBody()) } : {}),
  });
  return { status: response.statusCode, headers: response.headers, body: response.json<{ error?: { code: string; message: string } }>() };
}

describe('authentication', () => {
  it('keys name tenants; loopback callers need none; others must send a valid key', async () => {
    const gateway = start({ keys: [{ key: 'acme-key-123456', tenant: 'acme' }] });
    expect((await call(gateway)).status).toBe(200);
    expect((await call(gateway, { key: 'acme-key-123456', remote: true })).status).toBe(200);
    const missing = await call(gateway, { remote: true });
    expect(missing.status).toBe(401);
    expect(missing.body.error!.code).toBe('missing_api_key');
    const wrong = await call(gateway, { key: 'not-a-key-000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error!.code).toBe('invalid_api_key');
    expect((await call(gateway, { authorization: 'Basic abc' })).body.error!.code).toBe('invalid_api_key');
    expect((await call(gateway, { remote: true, path: '/v1/models' })).status).toBe(401);
    // Probes and metrics stay open (load balancers and scrapers send no key).
    expect((await call(gateway, { remote: true, path: '/healthz' })).status).toBe(200);
  });

  it('anonymous loopback can be turned off, and without keys an SDK placeholder key passes on loopback', async () => {
    const strict = start({ anonymousLoopback: false, keys: [{ key: 'acme-key-123456', tenant: 'acme' }] });
    expect((await call(strict)).status).toBe(401);
    const open = start({});
    expect((await call(open, { key: 'sk-placeholder' })).status).toBe(200);
    expect((await call(open, { key: 'sk-placeholder', remote: true })).status).toBe(401);
  });
});

describe('rate limits', () => {
  it('each key has its own bucket: beyond it 429 with Retry-After, other keys unaffected', async () => {
    const gateway = start({
      keys: [
        { key: 'slow-key-123456', tenant: 'slow', rateLimit: { requestsPerSecond: 0.5, burst: 2 } },
        { key: 'fast-key-123456', tenant: 'fast' },
      ],
    });
    expect((await call(gateway, { key: 'slow-key-123456' })).status).toBe(200);
    expect((await call(gateway, { key: 'slow-key-123456' })).status).toBe(200);
    const limited = await call(gateway, { key: 'slow-key-123456' });
    expect(limited.status).toBe(429);
    expect(limited.body.error!.code).toBe('rate_limit_exceeded');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await call(gateway, { key: 'fast-key-123456' })).status).toBe(200);
    const metrics = await gateway.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/hotpath_errors_total\{code="rate_limit_exceeded"\} 1/);
  });
});

describe('webhook secret', () => {
  it('with a secret, change events must carry it (and need no API key)', async () => {
    const gateway = startTestGateway(upstreamConfig(upstream.url, { auth: { anonymousLoopback: false }, changeFeeds: { webhook: { secret: 'backend-secret-42' } }, router: { classifier: false } }));
    gateways.push(gateway);
    const post = (headers: Record<string, string>) =>
      gateway.inject({ method: 'POST', url: '/v1/webhooks/changes', remoteAddress: '10.9.8.7', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ tags: ['ticket:INC-7'] }) });
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ 'x-hotpath-webhook-secret': 'wrong-secret-00' })).json<{ error: { code: string } }>().error.code).toBe('invalid_webhook_secret');
    const accepted = await post({ 'x-hotpath-webhook-secret': 'backend-secret-42' });
    expect(accepted.statusCode).toBe(202);
    expect(accepted.json<{ tags: string[] }>().tags).toEqual(['ticket:INC-7']);
    const malformed = await gateway.inject({ method: 'POST', url: '/v1/webhooks/changes', headers: { 'content-type': 'application/json', 'x-hotpath-webhook-secret': 'backend-secret-42' }, payload: JSON.stringify({ tags: [] }) });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<{ error: { param: string } }>().error.param).toBe('tags');
  });
});
