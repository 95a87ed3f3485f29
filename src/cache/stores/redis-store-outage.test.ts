// Redis going away and coming back, against a redis-server this test owns.

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisStore } from './redis-store.js';
import type { RedisStore } from './redis-store-types.js';
import { startThrowawayRedis, type ThrowawayRedis } from './test-support/throwaway-redis.js';

let server: ThrowawayRedis;
beforeAll(async () => {
  server = await startThrowawayRedis();
});
afterAll(async () => {
  server.resume();
  await server.stop();
});

async function timed<Result>(work: () => Result | Promise<Result>): Promise<{ result: Result; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('Redis store outage', () => {
  it('keeps answering while Redis is down, then reconnects and caches in Redis again', async () => {
    const store: RedisStore<unknown> = createRedisStore({ redis: server.url, prefix: 'outage:', maxReconnectDelayMs: 100 });
    try {
      expect(await store.whenConnected(5000)).toBe(true);
      await store.set('kept', 'in L1 and Redis', { tags: ['t1'] });
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(store.connected).toBe(false);

      // Every operation answers at once: reads from the L1 or miss, writes to the L1 only.
      const slowest = Math.max(
        ...(await Promise.all([
          timed(() => store.get('kept')).then(({ result, ms }) => (expect(result).toBe('in L1 and Redis'), ms)),
          timed(() => store.get('never-set')).then(({ result, ms }) => (expect(result).toBeUndefined(), ms)),
          timed(() => store.set('written-during-outage', 42, { tags: ['t2'] })).then(({ ms }) => ms),
          timed(() => store.invalidateTags(['t1'])).then(({ result, ms }) => (expect(result).toBe(1), ms)),
          timed(() => store.delete('other')).then(({ ms }) => ms),
        ])),
      );
      expect(slowest).toBeLessThan(150);
      expect(store.get('written-during-outage')).toBe(42);
      expect(store.get('kept')).toBeUndefined(); // invalidated in the L1, and Redis is not asked
      expect(store.stats().pendingInvalidations).toBe(2);

      await server.start();
      expect(await store.whenConnected(5000)).toBe(true);
      expect(store.stats().pendingInvalidations).toBe(0);

      await store.set('after', { back: true }, { tags: ['t3'] });
      const raw = new Redis(server.url);
      try {
        expect(JSON.parse((await raw.get('outage:v:after'))!)).toEqual({ back: true });
        expect(await raw.smembers('outage:t:t3')).toEqual(['after']);
      } finally {
        raw.disconnect();
      }
      const fresh = createRedisStore({ redis: server.url, prefix: 'outage:', l1: false });
      try {
        expect(await fresh.whenConnected(5000)).toBe(true);
        expect(await fresh.get('after')).toEqual({ back: true });
      } finally {
        await fresh.close();
      }
      expect(store.stats().redis.misses).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it('does not read from Redis an entry it failed to invalidate until the invalidation is replayed', async () => {
    const store = createRedisStore({ redis: server.url, prefix: 'frozen:', l1: false, commandTimeoutMs: 100 });
    try {
      expect(await store.whenConnected(5000)).toBe(true);
      await store.set('k', 'old', { tags: ['ticket:1'] });
      server.pause(); // connections stay open; nothing answers; the data survives
      const { result: evicted, ms } = await timed(() => store.invalidateTags(['ticket:1']));
      expect(evicted).toBe(0);
      expect(ms).toBeLessThan(1000);
      server.resume();
      // Redis still holds 'old', but this store knows it is stale: it reads nothing until the replay is done.
      expect(await store.get('k')).toBeUndefined();
      expect(await store.whenConnected(5000)).toBe(true);
      expect(await store.get('k')).toBeUndefined();
      const raw = new Redis(server.url);
      try {
        expect(await raw.exists('frozen:v:k')).toBe(0);
      } finally {
        raw.disconnect();
      }
    } finally {
      server.resume();
      await store.close();
    }
  });

  it('starts while Redis is down and uses it once it appears', async () => {
    await server.stop();
    const store = createRedisStore({ redis: server.url, prefix: 'late:', maxReconnectDelayMs: 100 });
    try {
      const { result, ms } = await timed(() => store.get('k'));
      expect(result).toBeUndefined();
      expect(ms).toBeLessThan(100);
      await store.set('k', 'L1 only');
      expect(store.get('k')).toBe('L1 only');
      await server.start();
      expect(await store.whenConnected(5000)).toBe(true);
      await store.set('k2', 'shared');
      const other = createRedisStore({ redis: server.url, prefix: 'late:', l1: false });
      try {
        expect(await other.whenConnected(5000)).toBe(true);
        expect(await other.get('k2')).toBe('shared');
      } finally {
        await other.close();
      }
    } finally {
      await store.close();
    }
  });
});
