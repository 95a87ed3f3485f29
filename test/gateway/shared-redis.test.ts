// Two gateway processes (the real `hotpath serve`) sharing one Redis, as several machines behind a
// load balancer would: an entry written through one is a hit through the other, and an invalidation
// through one evicts in both.

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process.js';
import { upstreamConfig } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
let first: GatewayProcess;
let second: GatewayProcess;
let redis: Redis;
const keyPrefix = `hotpath-test-${randomUUID()}:`;
const directory = mkdtempSync(join(tmpdir(), 'hotpath-shared-redis-'));

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  let count = 0;
  upstream.reply = () => ({ kind: 'text', text: `answer ${++count}` });
  redis = new Redis('redis://127.0.0.1:6379');
  const config = upstreamConfig(upstream.url, { cache: { store: 'redis', redis: { url: 'redis://127.0.0.1:6379', keyPrefix } }, router: { classifier: false } });
  [first, second] = await Promise.all([
    startGatewayProcess({ configFile: join(directory, 'first.json'), config }),
    startGatewayProcess({ configFile: join(directory, 'second.json'), config }),
  ]);
}, 30_000);
afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await upstream.close();
  const leftovers = await redis.keys(`${keyPrefix}*`);
  if (leftovers.length > 0) await redis.del(...leftovers);
  redis.disconnect();
  rmSync(directory, { recursive: true, force: true });
});

async function ask(gateway: GatewayProcess, content: string, tags = 'shared:doc') {
  const response = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hotpath-cache-tags': tags },
    body: JSON.stringify({ model: 'small-model', temperature: 0, messages: [{ role: 'user', content }] }),
  });
  const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
  return { cache: response.headers.get('x-hotpath-cache'), key: response.headers.get('x-hotpath-cache-key')!, content: body.choices[0]!.message.content };
}

/** Waits until the entry is in Redis (it is written just after the answer went out). */
async function stored(key: string): Promise<void> {
  await expect.poll(() => redis.exists(`${keyPrefix}proxy:v:${key}`), { timeout: 5000, interval: 20 }).toBe(1);
}

const callsAbout = (content: string) => upstream.requests.filter((request) => JSON.stringify(request.body.messages ?? '').includes(content)).length;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two gateway processes over one Redis', () => {
  it('a cache entry written through one process is a hit through the other', async () => {
    const written = await ask(first, 'shared question one');
    expect(written.cache).toBe('miss');
    await stored(written.key);
    const read = await ask(second, 'shared question one');
    expect(read.cache).toBe('hit');
    expect(read.content).toBe(written.content);
    expect(callsAbout('shared question one')).toBe(1);
  });

  it('an invalidation through one process evicts in both', async () => {
    const two = await ask(first, 'shared question two');
    await stored(two.key);
    // Both processes now hold both entries (in Redis and in their in-process L1).
    expect((await ask(second, 'shared question two')).cache).toBe('hit');
    expect((await ask(first, 'shared question one')).cache).toBe('hit');
    const response = await fetch(`${first.url}/v1/cache/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tags: ['shared:doc'] }) });
    expect(response.status).toBe(200);
    await expect.poll(() => redis.exists(`${keyPrefix}proxy:v:${two.key}`), { timeout: 5000, interval: 20 }).toBe(0);
    // The other process hears of it over Redis pub/sub and drops its L1 copy.
    await sleep(500);
    expect((await ask(first, 'shared question one')).cache).toBe('miss');
    expect((await ask(second, 'shared question two')).cache).toBe('miss');
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await second.stop()).toBe(0);
    expect(second.output()).toContain('SIGTERM');
  });
});
