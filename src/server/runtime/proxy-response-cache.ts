// Exact cache of proxied chat completions. The key hashes the tenant with the whole request body
// (minus the end-user field, which does not change the answer), so a tenant never reads another's
// entry. Entries carry the caller's tags (X-Hotpath-Cache-Tags) and their own key as a tag, scoped to
// the tenant, so `invalidate({ tags | keys | user })` and change notices evict them in every process.

import { createHash } from 'node:crypto';
import type { CacheStore, ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { entryTags, keyTag, noticeTags, type InvalidationTarget } from '../../cache/index.js';
import { canonicalJson } from '../../util/index.js';

export interface ProxyCacheEntry {
  status: number;
  contentType: string;
  /** The response body as the client received it (JSON, or the whole SSE stream with [DONE]). */
  body: string;
  /** Epoch ms. */
  storedAt: number;
}

export interface ProxyResponseCacheOptions {
  store: CacheStore<ProxyCacheEntry>;
  bus: InvalidationBus;
  ttlMs: number;
}

export interface ProxyResponseCache extends InvalidationTarget {
  keyOf(tenant: string, body: Record<string, unknown>): string;
  get(key: string): ProxyCacheEntry | undefined | Promise<ProxyCacheEntry | undefined>;
  set(key: string, entry: ProxyCacheEntry, scope: { tenant: string; tags: readonly string[] }): Promise<void>;
  stats(): { hits: number; misses: number; stored: number; evicted: number };
  close(): void;
}

export function createProxyResponseCache(options: ProxyResponseCacheOptions): ProxyResponseCache {
  const { store, bus, ttlMs } = options;
  const applied = new WeakMap<ChangeNotice, Promise<number>>();
  const counters = { hits: 0, misses: 0, stored: 0, evicted: 0 };
  const applyNotice = (notice: ChangeNotice): Promise<number> => {
    let pending = applied.get(notice);
    if (pending === undefined) {
      pending = Promise.resolve(store.invalidateTags(noticeTags(notice))).then(
        (count) => {
          counters.evicted += count;
          return count;
        },
        () => 0,
      );
      applied.set(notice, pending);
    }
    return pending;
  };
  const unsubscribe = bus.subscribe((notice) => void applyNotice(notice));
  return {
    name: 'proxy-responses',
    applyNotice,
    keyOf(tenant, body) {
      const { user: _user, ...rest } = body;
      return `proxy:${createHash('sha256').update(tenant).update('\u0000').update(canonicalJson(rest)).digest('base64url')}`;
    },
    get(key) {
      const found = store.get(key);
      const count = (entry: ProxyCacheEntry | undefined) => {
        if (entry === undefined) counters.misses++;
        else counters.hits++;
        return entry;
      };
      return found instanceof Promise ? found.then(count, () => count(undefined)) : count(found);
    },
    async set(key, entry, scope) {
      await store.set(key, entry, { ttlMs, tags: entryTags({ tags: [keyTag(key), 'hotpath:proxy', ...scope.tags], tenant: scope.tenant }) });
      counters.stored++;
    },
    stats: () => ({ ...counters }),
    close: unsubscribe,
  };
}
