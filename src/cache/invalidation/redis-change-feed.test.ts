import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../spec/index.js';
import type { HotpathError } from '../../util/index.js';
import { createLocalBus } from './local-bus.js';
import { subscribeRedisChanges } from './redis-change-feed.js';

const redisUrl = 'redis://127.0.0.1:6379';
const publisher = new Redis(redisUrl);
afterAll(() => publisher.disconnect());

describe('subscribeRedisChanges', () => {
  it('publishes a notice for each ChangeEvent on the backend channel, skipping bad ones and other namespaces', async () => {
    const channel = `hotpath-test:${randomUUID()}:changes`;
    const bus = createLocalBus();
    const seen: ChangeNotice[] = [];
    const rejected: HotpathError[] = [];
    bus.subscribe((notice) => seen.push(notice));
    const feed = subscribeRedisChanges({ redis: redisUrl, channel, bus, namespace: 'hotpath', onRejected: (error) => rejected.push(error) });
    try {
      expect(await feed.whenConnected(5000)).toBe(true);
      const event = { id: 7, type: 'order.updated', entity: 'order:9', tags: ['order:9', 'user:u3'], fields: {}, version: 2, at: 10, namespace: null, cause: 'mutation' };
      await publisher.publish(channel, JSON.stringify({ ...event, namespace: 'someone-else' }));
      await publisher.publish(channel, '{"tags": "order:9"}');
      const started = performance.now();
      await publisher.publish(channel, JSON.stringify(event));
      while (seen.length === 0 && performance.now() - started < 2000) await new Promise((resolve) => setTimeout(resolve, 2));
      expect(performance.now() - started).toBeLessThan(100);
      expect(seen).toEqual([{ tags: ['order:9', 'user:u3'], source: 'redis', at: 10 }]);
      expect(rejected.map((error) => error.details.field)).toEqual(['tags']);
      expect(feed.stats()).toMatchObject({ received: 3, published: 1, rejected: 1, ignored: 1 });
    } finally {
      await feed.close();
    }
  });

  it('names the bad option', () => {
    const bus = createLocalBus();
    expect(() => subscribeRedisChanges({ redis: redisUrl, channel: '', bus })).toThrow(/option channel/);
    expect(() => subscribeRedisChanges({ redis: 'nope', channel: 'c', bus })).toThrow(/option redis/);
  });
});
