import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from './load-generator.js';
import { startFastifyProxy } from './proxies/fastify-proxy.js';
import { startHonoProxy } from './proxies/hono-proxy.js';
import { startNodeHttpProxy } from './proxies/node-http-proxy.js';
import { startUpstreamServer, type RunningServer } from './upstream-server.js';

const body = { model: 'upstream-model', messages: [{ role: 'user', content: 'hi' }] };

async function post(url: string, stream: boolean) {
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, ...(stream ? { stream: true } : {}) }),
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('proxy candidates', () => {
  let upstream: RunningServer;
  beforeAll(async () => {
    upstream = await startUpstreamServer();
  });
  afterAll(async () => {
    await upstream.close();
  });

  for (const [name, start] of [['node:http', startNodeHttpProxy], ['fastify', startFastifyProxy], ['hono', startHonoProxy]] as const) {
    it(`${name} forwards JSON and SSE bodies byte for byte`, async () => {
      const proxy = await start({ upstreamUrl: upstream.url });
      try {
        for (const stream of [false, true]) {
          const direct = await post(upstream.url, stream);
          const proxied = await post(proxy.url, stream);
          expect(proxied).toEqual(direct);
        }
        expect((await post(proxy.url, true)).text.endsWith('data: [DONE]\n\n')).toBe(true);
      } finally {
        await proxy.close();
      }
    });
  }

  it('the load generator counts requests and measures first byte before the last', async () => {
    const result = await runLoad({ url: upstream.url, concurrency: 2, warmupMs: 50, durationMs: 300, stream: true });
    expect(result.errors).toBe(0);
    expect(result.requests).toBeGreaterThan(10);
    expect(result.firstByte.p50).toBeLessThanOrEqual(result.latency.p50);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
  });
});
