import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HotpathError } from '../../util/index.js';
import { describeCacheStoreContract } from './cache-store-contract.js';
import { createRedisStore } from './redis-store.js';
import type { RedisStore, RedisStoreOptions } from './redis-store-types.js';

const redisUrl = 'redis://127.0.0.1:6379';
const runPrefix = `hotpath-test:${randomUUID()}:`;
const admin = new Redis(redisUrl, { lazyConnect: false });
let counter = 0;

async function openStore(options: Partial<RedisStoreOptions> = {}): Promise<RedisStore<unknown>> {
  const store = createRedisStore({ redis: redisUrl, prefix: `${runPrefix}${counter++}:`, ...options });
  expect(await store.whenConnected(5000)).toBe(true);
  return store;
}

afterAll(async () => {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${runPrefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await admin.del(...keys);
  } while (cursor !== '0');
  await admin.quit();
});

describeCacheStoreContract('redis with L1', { create: () => openStore() });
describeCacheStoreContract('redis without L1', { create: () => openStore({ l1: false }) });
describeCacheStoreContract('redis on a given ioredis client', {
  create: async () => {
    const client = new Redis(redisUrl, { enableOfflineQueue: false });
    const store = await openStore({ redis: client });
    const close = store.close.bind(store);
    // The store does not close a client it was given: the owner does.
    store.close = async () => {
      await close();
      expect(client.status).toBe('ready');
      await client.quit();
    };
    return store;
  },
});

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return performance.now() - started;
}

describe('createRedisStore', () => {
  const stores: RedisStore<unknown>[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function pair(): Promise<[RedisStore<unknown>, RedisStore<unknown>]> {
    const prefix = `${runPrefix}${counter++}:`;
    const first = createRedisStore({ redis: redisUrl, prefix });
    const second = createRedisStore({ redis: redisUrl, prefix });
    stores.push(first, second);
    expect(await first.whenConnected(5000)).toBe(true);
    expect(await second.whenConnected(5000)).toBe(true);
    return [first, second];
  }

  it('writes JSON with a PX TTL and tag rows beside it', async () => {
    const prefix = `${runPrefix}${counter++}:`;
    const store = createRedisStore({ redis: redisUrl, prefix });
    stores.push(store);
    await store.whenConnected(5000);
    await store.set('k', { a: 1 }, { ttlMs: 10_000, tags: ['ticket:1'] });
    expect(JSON.parse((await admin.get(`${prefix}v:k`))!)).toEqual({ a: 1 });
    const ttl = await admin.pttl(`${prefix}v:k`);
    expect(ttl).toBeGreaterThan(5000);
    expect(ttl).toBeLessThanOrEqual(10_000);
    expect(await admin.smembers(`${prefix}t:ticket:1`)).toEqual(['k']);
    expect(await admin.pttl(`${prefix}t:ticket:1`)).toBeGreaterThan(5000);
    await store.invalidateTags(['ticket:1']);
    expect(await admin.exists(`${prefix}v:k`, `${prefix}t:ticket:1`, `${prefix}k:k`)).toBe(0);
  });

  it('answers an L1 hit synchronously, after one read from Redis', async () => {
    const [writer, reader] = await pair();
    await writer.set('k', 'v', { tags: ['t'] });
    const first = reader.get('k');
    expect(first).toBeInstanceOf(Promise);
    expect(await first).toBe('v');
    // The writer's "k changed" message may land after this first read and keep it out of the L1.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await reader.get('k')).toBe('v');
    expect(reader.get('k')).toBe('v');
    expect(reader.stats().l1.hits).toBeGreaterThanOrEqual(1);
  });

  it('drops other processes\' L1 copies on invalidation, delete and overwrite', async () => {
    const [writer, reader] = await pair();
    await writer.set('a', 1, { tags: ['user:7'] });
    await writer.set('b', 2);
    await writer.set('c', 3);
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const key of ['a', 'b', 'c']) await reader.get(key);
    expect(reader.stats().l1.entries).toBe(3);

    // A copy in the reader's L1 answers synchronously; once dropped, the read goes to Redis (a promise).
    const dropped = (key: string) => reader.get(key) instanceof Promise;
    expect(dropped('a')).toBe(false);
    await writer.invalidateTags(['user:7']);
    const tagMs = await eventually(() => dropped('a'));
    expect(await reader.get('a')).toBeUndefined();
    await writer.delete('b');
    await eventually(() => dropped('b'));
    expect(await reader.get('b')).toBeUndefined();
    await writer.set('c', 33);
    await eventually(async () => (await reader.get('c')) === 33);
    expect(tagMs).toBeLessThan(100);
  });

  it('does not fill the L1 from a read that was in flight when an invalidation arrived', async () => {
    const [writer, reader] = await pair();
    await writer.set('k', 'old', { tags: ['t'] });
    const inFlight = reader.get('k');
    reader.dropLocal(); // what an arriving invalidation does to this process's L1
    expect(await inFlight).toBe('old');
    expect(reader.stats().l1.entries).toBe(0);
  });

  it('warms from entries() across processes', async () => {
    const [writer, reader] = await pair();
    await writer.set('x', { n: 1 });
    await writer.set('y', { n: 2 });
    const seen = new Map<string, unknown>();
    for await (const [key, value] of reader.entries()) seen.set(key, value);
    expect(seen).toEqual(new Map([['x', { n: 1 }], ['y', { n: 2 }]]));
  });

  it('names the bad option', () => {
    expect(() => createRedisStore({ redis: redisUrl, prefix: '' })).toThrow(/option prefix/);
    expect(() => createRedisStore({ redis: 'http://nope', prefix: 'p:' })).toThrow(/option redis/);
    expect(() => createRedisStore({ redis: redisUrl, prefix: 'p:', l1: { maxBytes: -1 } })).toThrow(HotpathError);
  });
});
