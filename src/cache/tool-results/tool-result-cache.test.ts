import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CacheStore, InvalidationBus, Tool, ToolContext, ToolResultCacheCall } from '../../spec/index.js';
import { createCacheInvalidator } from '../invalidation/cache-invalidator.js';
import { createLocalBus } from '../invalidation/local-bus.js';
import { createRedisBus } from '../invalidation/redis-bus.js';
import { subscribeRedisChanges } from '../invalidation/redis-change-feed.js';
import { createWebhookHandler } from '../invalidation/webhook-handler.js';
import { createMemoryStore } from '../stores/memory-store.js';
import { createRedisStore } from '../stores/redis-store.js';
import { createToolResultCache } from './tool-result-cache.js';
import type { DefaultToolResultCache, ToolResultCacheOptions } from './tool-result-cache-types.js';
import type { ToolResultEntry } from './tool-result-entry.js';

const redisUrl = 'redis://127.0.0.1:6379';
const runId = randomUUID();

interface FakeTool extends Tool {
  calls: number;
  /** The value the backend holds now. */
  values: Map<string, string>;
  /** When set, each call waits for this before answering (and reads the value at the start). */
  gate?: Promise<void>;
}

function readTool(options: { name?: string; scope?: 'tenant' | 'user'; ttlMs?: number; staleWhileRevalidateMs?: number; readOnly?: boolean; cache?: false } = {}): FakeTool {
  const tool: FakeTool = {
    name: options.name ?? 'get_user',
    description: 'Look up a user',
    inputSchema: z.object({ userId: z.string() }),
    readOnly: options.readOnly ?? true,
    idempotent: true,
    ...(options.cache === false ? {} : {
      cache: { ttlMs: options.ttlMs ?? 1000, scope: options.scope ?? 'tenant', ...(options.staleWhileRevalidateMs === undefined ? {} : { staleWhileRevalidateMs: options.staleWhileRevalidateMs }) },
    }),
    reads: ['user:{userId}'],
    calls: 0,
    values: new Map(),
    async execute(input) {
      tool.calls++;
      const { userId } = input as { userId: string };
      const value = tool.values.get(userId) ?? 'v1';
      if (tool.gate) await tool.gate;
      return { userId, value };
    },
  };
  return tool;
}

const resetPassword: Tool = {
  name: 'reset_password',
  description: 'Reset a password',
  inputSchema: z.object({ userId: z.string() }),
  readOnly: false,
  idempotent: false,
  writes: ['user:{userId}'],
  execute: () => ({ ok: true }),
};

let callCounter = 0;
function callOf(tool: Tool, input: unknown): ToolResultCacheCall {
  return { id: `call-${callCounter++}`, toolName: tool.name, tool, input };
}

function contextOf(scope: { tenant?: string; user?: string } = {}): ToolContext {
  return { signal: new AbortController().signal, requestId: `req-${callCounter++}`, ...scope };
}

/** What the executor does for a read-only call: ask the cache, else call the tool and hand it the result. */
async function read(cache: DefaultToolResultCache, tool: FakeTool, input: unknown, context: ToolContext = contextOf()): Promise<{ output: unknown; source: 'cache' | 'call' }> {
  const call = callOf(tool, input);
  const cached = await cache.get(call, context);
  if (cached !== undefined) return { output: cached, source: 'cache' };
  const output = await tool.execute(input, context);
  await cache.set(call, context, output);
  return { output, source: 'call' };
}

const until = async (check: () => boolean, timeoutMs = 2000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

interface Setup {
  store: CacheStore<ToolResultEntry>;
  bus: InvalidationBus;
  cleanup(): Promise<void>;
}

const setups: Record<string, () => Promise<Setup>> = {
  'memory store, local bus': async () => ({ store: createMemoryStore<ToolResultEntry>({ maxBytes: 1 << 20 }), bus: createLocalBus(), cleanup: async () => undefined }),
  'Redis store, Redis bus': async () => {
    const store = createRedisStore<ToolResultEntry>({ redis: redisUrl, prefix: `hotpath-test:${runId}:${callCounter++}:` });
    const bus = createRedisBus({ redis: redisUrl, channel: `hotpath-test:${runId}:bus` });
    expect(await store.whenConnected(5000)).toBe(true);
    expect(await bus.whenConnected(5000)).toBe(true);
    return { store, bus, cleanup: async () => (await store.close(), await bus.close()) };
  },
};

afterAll(async () => {
  const admin = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `hotpath-test:${runId}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await admin.del(...keys);
  } while (cursor !== '0');
  admin.disconnect();
});

for (const [setupName, setup] of Object.entries(setups)) {
  describe(`tool-result cache (${setupName})`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
    });

    async function open(options: Partial<ToolResultCacheOptions> = {}): Promise<DefaultToolResultCache & { bus: InvalidationBus }> {
      const { store, bus, cleanup } = await setup();
      const cache = createToolResultCache({ store, bus, ...options });
      cleanups.push(async () => {
        cache.close();
        await cleanup();
      });
      return Object.assign(cache, { bus });
    }

    it('answers a repeated call from cache, whatever the order of the input keys', async () => {
      const cache = await open();
      const tool = readTool();
      tool.inputSchema = z.object({ userId: z.string(), fields: z.object({ a: z.number(), b: z.number() }) });
      expect((await read(cache, tool, { userId: 'u1', fields: { a: 1, b: 2 } })).source).toBe('call');
      expect(await read(cache, tool, { fields: { b: 2, a: 1 }, userId: 'u1' })).toEqual({ output: { userId: 'u1', value: 'v1' }, source: 'cache' });
      expect(tool.calls).toBe(1);
      expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, stored: 1 });
    });

    it('caches only read-only tools with a cache policy', async () => {
      const cache = await open();
      for (const tool of [readTool({ readOnly: false }), readTool({ cache: false })]) {
        await read(cache, tool, { userId: 'u1' });
        expect((await read(cache, tool, { userId: 'u1' })).source).toBe('call');
      }
      expect(cache.stats().stored).toBe(0);
    });

    it('never shares across tenants, nor across users for a user-scoped tool', async () => {
      const cache = await open();
      const shared = readTool({ name: 'get_user', scope: 'tenant' });
      const personal = readTool({ name: 'get_my_orders', scope: 'user' });
      const alice = contextOf({ tenant: 'acme', user: 'alice' });
      const bob = contextOf({ tenant: 'acme', user: 'bob' });
      const aliceElsewhere = contextOf({ tenant: 'globex', user: 'alice' });
      await read(cache, shared, { userId: 'u1' }, alice);
      await read(cache, personal, { userId: 'u1' }, alice);
      expect((await read(cache, shared, { userId: 'u1' }, bob)).source).toBe('cache');
      expect((await read(cache, personal, { userId: 'u1' }, bob)).source).toBe('call');
      expect((await read(cache, personal, { userId: 'u1' }, alice)).source).toBe('cache');
      expect((await read(cache, shared, { userId: 'u1' }, aliceElsewhere)).source).toBe('call');
      expect((await read(cache, personal, { userId: 'u1' }, aliceElsewhere)).source).toBe('call');
      // User-scoped data with no user known: never cached, never served.
      await read(cache, personal, { userId: 'u1' }, contextOf({ tenant: 'acme' }));
      expect((await read(cache, personal, { userId: 'u1' }, contextOf({ tenant: 'acme' }))).source).toBe('call');
      expect(cache.stats().bypassed).toBe(2);
    });

    it('evicts on a backend event posted to the webhook', async () => {
      const cache = await open();
      const tool = readTool();
      await read(cache, tool, { userId: 'u0042' });
      const handleWebhook = createWebhookHandler({ bus: cache.bus });
      const outcome = await handleWebhook(JSON.stringify({ id: 1, type: 'user.updated', entity: 'user:u0042', tags: ['user:u0042'], fields: {}, version: 2, at: Date.now(), namespace: null, cause: 'mutation' }));
      expect(outcome.ok).toBe(true);
      await until(() => cache.stats().evictions.webhook === 1);
      expect((await read(cache, tool, { userId: 'u0042' })).source).toBe('call');
    });

    it('evicts on a backend event on the Redis channel', async () => {
      const cache = await open();
      const tool = readTool();
      await read(cache, tool, { userId: 'u7' });
      const channel = `hotpath-test:${runId}:changes:${callCounter++}`;
      const feed = subscribeRedisChanges({ redis: redisUrl, channel, bus: cache.bus });
      const publisher = new Redis(redisUrl);
      try {
        expect(await feed.whenConnected(5000)).toBe(true);
        await publisher.publish(channel, JSON.stringify({ id: 2, type: 'user.updated', entity: 'user:u7', tags: ['user:u7'], fields: {}, version: 3, at: Date.now(), namespace: null, cause: 'mutation' }));
        await until(() => cache.stats().evictions.redis === 1);
        expect((await read(cache, tool, { userId: 'u7' })).source).toBe('call');
      } finally {
        publisher.disconnect();
        await feed.close();
      }
    });

    it('evicts through the public invalidation API, by tag, by key and by user, and reports the count', async () => {
      const cache = await open();
      const invalidator = createCacheInvalidator({ bus: cache.bus });
      invalidator.register(cache);
      const tool = readTool({ scope: 'user' });
      const alice = contextOf({ tenant: 'acme', user: 'alice' });
      const bob = contextOf({ tenant: 'acme', user: 'bob' });
      await read(cache, tool, { userId: 'u1' }, alice);
      await read(cache, tool, { userId: 'u1' }, bob);
      await read(cache, tool, { userId: 'u2' }, alice);

      expect((await invalidator.invalidate({ tags: ['user:u1'], user: 'alice' })).evicted).toEqual({ 'tool-results': 1 });
      expect((await read(cache, tool, { userId: 'u1' }, bob)).source).toBe('cache');
      expect((await read(cache, tool, { userId: 'u1' }, alice)).source).toBe('call');

      const key = cache.keyOf(callOf(tool, { userId: 'u2' }), alice)!;
      expect((await invalidator.invalidate({ keys: [key] })).evicted).toEqual({ 'tool-results': 1 });
      expect((await read(cache, tool, { userId: 'u2' }, alice)).source).toBe('call');

      expect((await invalidator.invalidate({ tags: ['user:u1'], tenant: 'globex' })).evicted).toEqual({ 'tool-results': 0 });
      expect((await invalidator.invalidate({ tags: ['user:u1'], tenant: 'acme' })).evicted).toEqual({ 'tool-results': 2 });
      expect(cache.stats().evictions.api).toBe(4);
    });

    it('evicts what hotpath\'s own side-effecting call changed before that call returns', async () => {
      const cache = await open();
      const tool = readTool();
      const context = contextOf({ tenant: 'acme', user: 'alice' });
      await read(cache, tool, { userId: 'u1' }, context);
      await read(cache, tool, { userId: 'u2' }, context);
      await read(cache, tool, { userId: 'u1' }, contextOf({ tenant: 'globex', user: 'alice' }));
      await cache.invalidate!(callOf(resetPassword, { userId: 'u1' }), context, { ok: true });
      // No waiting: the eviction has happened when invalidate resolves.
      expect((await read(cache, tool, { userId: 'u1' }, context)).source).toBe('call');
      expect((await read(cache, tool, { userId: 'u2' }, context)).source).toBe('cache');
      expect((await read(cache, tool, { userId: 'u1' }, contextOf({ tenant: 'globex', user: 'alice' }))).source).toBe('cache');
      expect(cache.stats().evictions.write).toBe(1);
    });

    it('does not store a result whose read started before an invalidation of its tags', async () => {
      const cache = await open();
      const tool = readTool();
      tool.values.set('u1', 'old');
      let release!: () => void;
      tool.gate = new Promise((resolve) => (release = resolve));
      const inFlight = read(cache, tool, { userId: 'u1' }); // reads 'old', then waits
      await until(() => tool.calls === 1);
      tool.values.set('u1', 'new');
      await createCacheInvalidator({ bus: cache.bus }).invalidate({ tags: ['user:u1'] });
      release();
      expect((await inFlight).output).toEqual({ userId: 'u1', value: 'old' });
      tool.gate = undefined;
      expect(cache.stats().discardedAsStale).toBe(1);
      // The next read is not served the old value; it reads and caches the new one.
      expect(await read(cache, tool, { userId: 'u1' })).toEqual({ output: { userId: 'u1', value: 'new' }, source: 'call' });
      expect(await read(cache, tool, { userId: 'u1' })).toEqual({ output: { userId: 'u1', value: 'new' }, source: 'cache' });
    });

    it('serves a stale entry once while one background refresh runs, then the fresh value', async () => {
      let now = 1_000_000;
      const cache = await open({ now: () => now });
      const tool = readTool({ ttlMs: 100, staleWhileRevalidateMs: 10_000 });
      await read(cache, tool, { userId: 'u1' });
      tool.values.set('u1', 'v2');
      let release!: () => void;
      tool.gate = new Promise((resolve) => (release = resolve));
      now += 150;
      expect(await read(cache, tool, { userId: 'u1' })).toEqual({ output: { userId: 'u1', value: 'v1' }, source: 'cache' });
      await until(() => tool.calls === 2); // the refresh started
      // While it runs, a lookup misses (joining the executor's call) rather than replaying stale data.
      const call = callOf(tool, { userId: 'u1' });
      expect(await cache.get(call, contextOf())).toBeUndefined();
      release();
      tool.gate = undefined;
      await until(() => cache.stats().refreshes === 1);
      await until(() => cache.stats().stored === 2);
      expect(await read(cache, tool, { userId: 'u1' })).toEqual({ output: { userId: 'u1', value: 'v2' }, source: 'cache' });
      expect(tool.calls).toBe(2);
      expect(cache.stats()).toMatchObject({ staleServed: 1, refreshes: 1, refreshFailures: 0 });
    });

    it('refreshes through the given refresher (the executor path) and stores the result once', async () => {
      let now = 1_000_000;
      const tool = readTool({ ttlMs: 100, staleWhileRevalidateMs: 10_000 });
      // As the agent wires it: the refresh goes through the executor, which asks the cache first.
      const refresh = async (call: ToolResultCacheCall, context: ToolContext) => (await read(cache, tool, call.input, context)).output;
      const cache = await open({ now: () => now, refresh });
      await read(cache, tool, { userId: 'u1' });
      tool.values.set('u1', 'v2');
      now += 150;
      expect((await read(cache, tool, { userId: 'u1' })).output).toEqual({ userId: 'u1', value: 'v1' });
      await until(() => cache.stats().refreshes === 1);
      expect(cache.stats().stored).toBe(2);
      expect(await read(cache, tool, { userId: 'u1' })).toEqual({ output: { userId: 'u1', value: 'v2' }, source: 'cache' });
    });

    it('expires entries after their TTL and counts the expiry', async () => {
      let now = 1_000_000;
      const cache = await open({ now: () => now });
      const tool = readTool({ ttlMs: 100 });
      await read(cache, tool, { userId: 'u1' });
      now += 99;
      expect((await read(cache, tool, { userId: 'u1' })).source).toBe('cache');
      now += 1;
      expect((await read(cache, tool, { userId: 'u1' })).source).toBe('call');
      expect(cache.stats().evictions.ttl).toBe(1);
    });
  });
}

describe('createToolResultCache options', () => {
  it('names the bad option', () => {
    const store = createMemoryStore<ToolResultEntry>({ maxBytes: 1000 });
    expect(() => createToolResultCache({ store, bus: {} as InvalidationBus })).toThrow(/option bus/);
    expect(() => createToolResultCache({ store: {} as CacheStore<ToolResultEntry>, bus: createLocalBus() })).toThrow(/option store/);
    expect(() => createToolResultCache({ store, bus: createLocalBus(), maxPendingReads: 0 })).toThrow(/option maxPendingReads/);
  });

  it('answers a memory hit synchronously', async () => {
    const cache = createToolResultCache({ store: createMemoryStore<ToolResultEntry>({ maxBytes: 1 << 20 }), bus: createLocalBus() });
    const tool = readTool();
    await read(cache, tool, { userId: 'u1' });
    const hit = cache.get(callOf(tool, { userId: 'u1' }), contextOf());
    expect(hit).not.toBeInstanceOf(Promise);
    expect(hit).toEqual({ userId: 'u1', value: 'v1' });
    cache.close();
  });
});
