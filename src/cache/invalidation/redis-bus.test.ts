import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../spec/index.js';
import { startThrowawayRedis } from '../stores/test-support/throwaway-redis.js';
import { describeInvalidationBusContract } from './invalidation-bus-contract.js';
import { createRedisBus, type RedisInvalidationBus } from './redis-bus.js';

const redisUrl = 'redis://127.0.0.1:6379';
const channel = () => `hotpath-test:${randomUUID()}:invalidations`;

async function ready(bus: RedisInvalidationBus): Promise<RedisInvalidationBus> {
  if (!(await bus.whenConnected(5000))) throw new Error('bus did not connect');
  return bus;
}

describeInvalidationBusContract('redis', {
  create: () => ready(createRedisBus({ redis: redisUrl, channel: channel() })),
  createPeers: async () => {
    const shared = channel();
    return [await ready(createRedisBus({ redis: redisUrl, channel: shared })), await ready(createRedisBus({ redis: redisUrl, channel: shared }))];
  },
});

describe('createRedisBus', () => {
  const buses: RedisInvalidationBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('works on a given ioredis client and leaves it open', async () => {
    const client = new Redis(redisUrl);
    try {
      const shared = channel();
      const sender = await ready(createRedisBus({ redis: client, channel: shared }));
      const receiver = await ready(createRedisBus({ redis: redisUrl, channel: shared }));
      buses.push(sender, receiver);
      const arrived = new Promise<ChangeNotice>((resolve) => receiver.subscribe(resolve));
      await sender.publish({ tags: ['t'], source: 'api' });
      expect((await arrived).tags).toEqual(['t']);
      await sender.close();
      expect(client.status).toBe('ready');
    } finally {
      client.disconnect();
    }
  });

  it('ignores malformed messages on its channel', async () => {
    const shared = channel();
    const bus = await ready(createRedisBus({ redis: redisUrl, channel: shared }));
    buses.push(bus);
    const seen: ChangeNotice[] = [];
    bus.subscribe((notice) => seen.push(notice));
    const raw = new Redis(redisUrl);
    try {
      await raw.publish(shared, 'not json');
      await raw.publish(shared, JSON.stringify({ o: 'elsewhere', m: { tags: 'nope', source: 'x' } }));
      await raw.publish(shared, JSON.stringify({ o: 'elsewhere', m: { tags: ['good'], source: 'redis' } }));
    } finally {
      raw.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen.map((notice) => notice.tags)).toEqual([['good']]);
    expect(bus.stats().received).toBe(1);
  });

  it('delivers locally while Redis is down, publishes the queued notices on reconnect and reports the resync', async () => {
    const server = await startThrowawayRedis();
    try {
      const shared = channel();
      // The sender reconnects late, after the receiver has resubscribed: what it queued then reaches it.
      // (Notices published while the receiver itself is away are lost to it: it is told by onResync.)
      const slowClient = new Redis(server.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 1500 });
      slowClient.on('error', () => undefined);
      const sender = await ready(createRedisBus({ redis: slowClient, channel: shared }));
      const receiver = await ready(createRedisBus({ redis: server.url, channel: shared }));
      buses.push(sender, receiver);
      const local: string[] = [];
      const remote: string[] = [];
      let resyncs = 0;
      sender.subscribe((notice) => local.push(notice.tags[0]!));
      receiver.subscribe((notice) => remote.push(notice.tags[0]!));
      receiver.onResync(() => resyncs++);

      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();
      await sender.publish({ tags: ['during-outage'], source: 'write' });
      expect(performance.now() - started).toBeLessThan(100);
      expect(local).toEqual(['during-outage']);
      expect(sender.stats().queued).toBe(1);

      await server.start();
      expect(await receiver.whenConnected(5000)).toBe(true);
      const deadline = Date.now() + 5000;
      while (remote.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(remote).toEqual(['during-outage']);
      expect(sender.stats().queued).toBe(0);
      expect(resyncs).toBe(1);
      expect(local).toEqual(['during-outage']);
      await sender.close();
      slowClient.disconnect();
    } finally {
      await server.stop();
    }
  });

  it('never waits on a given client that would queue commands while Redis is away', async () => {
    const server = await startThrowawayRedis();
    const queueing = new Redis(server.url); // ioredis defaults: offline queue on, retries per request
    queueing.on('error', () => undefined);
    const bus = await ready(createRedisBus({ redis: queueing, channel: channel() }));
    buses.push(bus);
    try {
      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();
      await bus.publish({ tags: ['t'], source: 'write' });
      expect(performance.now() - started).toBeLessThan(100);
      expect(bus.stats().queued).toBe(1);
    } finally {
      await bus.close();
      queueing.disconnect();
      await server.stop();
    }
  });

  it('names the bad option', () => {
    expect(() => createRedisBus({ redis: redisUrl, channel: '' })).toThrow(/option channel/);
    expect(() => createRedisBus({ redis: 'localhost:6379', channel: 'c' })).toThrow(/option redis/);
  });
});
