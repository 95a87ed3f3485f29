// Two gateway processes (the real `hotpath serve`) sharing one Redis, as several machines behind a
// load balancer would: an entry written through one is a hit through the other, and an invalidation
// through one evicts in both.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process.js';
import { upstreamConfig } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
let first: GatewayProcess;
let second: GatewayProcess;
const directory = mkdtempSync(join(tmpdir(), 'hotpath-shared-redis-'));

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  let count = 0;
  upstream.reply = () => ({ kind: 'text', text: `answer ${++count}` });
  const config = upstreamConfig(upstream.url, { cache: { store: 'redis', redis: { url: 'redis://127.0.0.1:6379', keyPrefix: `hotpath-test-${randomUUID()}:` } }, router: { classifier: false } });
  [first, second] = await Promise.all([
    startGatewayProcess({ configFile: join(directory, 'first.json'), config }),
    startGatewayProcess({ configFile: join(directory, 'second.json'), config }),
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await upstream.close();
  rmSync(directory, { recursive: true, force: true });
});

async function ask(gateway: GatewayProcess, content: string, tags = 'shared:doc') {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hotpath-cache-tags': tags },
    body: JSON.stringify({ model: 'small-model', temperature: 0, messages: [{ role: 'user', content }] }),
  });
  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  return { cache: response.headers.get('x-hotpath-cache'), content: body.choices[0]!.message.content };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two gateway processes over one Redis', () => {
  it('a cache entry written through one process is a hit through the other', async () => {
    const written = await ask(first, 'shared question one');
    expect(written.cache).toBe('miss');
    const calls = upstream.requests.length;
    // The entry is written to Redis just after the answer went out.
    await expect.poll(async () => (await ask(second, 'shared question one')).cache, { timeout: 5000, interval: 100 }).toBe('hit');
    expect((await ask(second, 'shared question one')).content).toBe(written.content);
    expect(upstream.requests.length).toBe(calls);
  });

  it('an invalidation through one process evicts in both', async () => {
    await ask(first, 'shared question two');
    await expect.poll(async () => (await ask(second, 'shared question two')).cache, { timeout: 5000, interval: 100 }).toBe('hit');
    await expect.poll(async () => (await ask(first, 'shared question one')).cache, { timeout: 5000, interval: 100 }).toBe('hit');
    // Both processes now hold both entries (in Redis and in their in-process L1).
    const response = await fetch(`${first.url}/v1/cache/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tags: ['shared:doc'] }) });
    expect(response.status).toBe(200);
    await sleep(1000);
    expect((await ask(first, 'shared question one')).cache).toBe('miss');
    expect((await ask(second, 'shared question two')).cache).toBe('miss');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await second.stop()).toBe(0);
    expect(second.output()).toContain('SIGTERM');
  });
});
