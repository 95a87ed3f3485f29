// The gateway's shared cache machinery, built once from the `cache` and `changeFeeds` sections: one
// invalidation bus (in-process, or Redis so every worker and machine evicts together), a store per
// cache (memory, or Redis shared by every process), the invalidator `/v1/cache/invalidate` calls, the
// webhook handler of `/v1/webhooks/changes`, and the backends' Redis change feeds.

import type { CacheStore, InvalidationBus } from '../../spec/index.js';
import {
  createCacheInvalidator,
  createLocalBus,
  createMemoryStore,
  createRedisBus,
  createRedisStore,
  createWebhookHandler,
  subscribeRedisChanges,
  type CacheInvalidator,
  type RedisChangeFeed,
  type RedisInvalidationBus,
  type WebhookHandler,
} from '../../cache/index.js';
import type { GatewayConfig } from '../../config/index.js';
import { createProxyResponseCache, type ProxyCacheEntry, type ProxyResponseCache } from './proxy-response-cache.js';

export interface CacheRuntime {
  readonly bus: InvalidationBus;
  readonly invalidator: CacheInvalidator;
  readonly webhook: WebhookHandler;
  /** Undefined when `cache.proxyResponses` is off. */
  readonly proxyResponses: ProxyResponseCache | undefined;
  /** A store for one cache (`name` separates their keys). */
  store<Value>(name: string): CacheStore<Value>;
  /** Bus and stores are usable (always true in memory; Redis connected otherwise). */
  connected(): boolean;
  /** Waits until Redis is usable, up to `timeoutMs`; true at once in memory. */
  whenConnected(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface CacheRuntimeOptions {
  /** The invalidation bus to use with in-memory stores (cluster workers relay notices to each other). */
  bus?: InvalidationBus;
}

export function createCacheRuntime(config: GatewayConfig, options: CacheRuntimeOptions = {}): CacheRuntime {
  const { cache, changeFeeds } = config;
  const redis = cache.store === 'redis' ? cache.redis : undefined;
  const bus: InvalidationBus | RedisInvalidationBus =
    redis === undefined ? (options.bus ?? createLocalBus()) : createRedisBus({ redis: redis.url, channel: `${redis.keyPrefix}invalidations` });
  const stores: Array<CacheStore<unknown>> = [];
  const redisStores: Array<ReturnType<typeof createRedisStore>> = [];
  const store = <Value>(name: string): CacheStore<Value> => {
    if (redis === undefined) {
      const created = createMemoryStore<Value>({ maxBytes: cache.memoryBytes });
      stores.push(created as CacheStore<unknown>);
      return created;
    }
    const created = createRedisStore<Value>({ redis: redis.url, prefix: `${redis.keyPrefix}${name}:` });
    redisStores.push(created as ReturnType<typeof createRedisStore>);
    stores.push(created as CacheStore<unknown>);
    return created;
  };
  const invalidator = createCacheInvalidator({ bus });
  const proxyResponses =
    cache.proxyResponses === 'off' ? undefined : createProxyResponseCache({ store: store<ProxyCacheEntry>('proxy'), bus, ttlMs: cache.proxyTtlMs });
  if (proxyResponses !== undefined) invalidator.register(proxyResponses);
  const namespace = changeFeeds.namespace;
  const webhook = createWebhookHandler({ bus, ...(namespace === undefined ? {} : { namespace }) });
  const feeds: RedisChangeFeed[] = changeFeeds.redis.map((feed) =>
    subscribeRedisChanges({ redis: feed.url, channel: feed.channel, bus, ...(namespace === undefined ? {} : { namespace }) }),
  );
  const redisBus = redis === undefined ? undefined : (bus as RedisInvalidationBus);
  return {
    bus,
    invalidator,
    webhook,
    proxyResponses,
    store,
    connected: () => (redisBus?.connected ?? true) && redisStores.every((each) => each.connected),
    async whenConnected(timeoutMs) {
      const waits = [redisBus?.whenConnected(timeoutMs) ?? Promise.resolve(true), ...redisStores.map((each) => each.whenConnected(timeoutMs))];
      return (await Promise.all(waits)).every(Boolean);
    },
    async close() {
      proxyResponses?.close();
      await Promise.allSettled(feeds.map((feed) => feed.close()));
      await Promise.allSettled(stores.map((each) => each.close?.()));
      await bus.close?.();
    },
  };
}
