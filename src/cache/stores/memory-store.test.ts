import { describe, expect, it } from 'vitest';
import { HotpathError } from '../../util/index.js';
import { describeCacheStoreContract } from './cache-store-contract.js';
import { createMemoryStore } from './memory-store.js';

describeCacheStoreContract('memory', {
  create: () => createMemoryStore({ maxBytes: 64 * 1024 * 1024 }),
  createBounded: (maxBytes) => createMemoryStore({ maxBytes }),
});

describe('createMemoryStore', () => {
  it('answers a hit synchronously', () => {
    const store = createMemoryStore<string>({ maxBytes: 1000 });
    store.set('k', 'v');
    expect(store.get('k')).toBe('v');
    expect(store.invalidateTags(['none'])).toBe(0);
  });

  it('expires by its injected clock', () => {
    let now = 1000;
    const store = createMemoryStore<number>({ maxBytes: 1000, now: () => now });
    store.set('k', 1, { ttlMs: 100 });
    now = 1099;
    expect(store.get('k')).toBe(1);
    now = 1100;
    expect(store.get('k')).toBeUndefined();
    expect(store.stats().evictions.ttl).toBe(1);
  });

  it('keeps the byte count and the tag index consistent through overwrite, delete, eviction and invalidation', () => {
    const store = createMemoryStore<string>({ maxBytes: 200, sizeOf: () => 40 }); // each entry: 40 + 2×key length
    store.set('a', 'x', { tags: ['t', 't'] });
    store.set('a', 'y', { tags: ['u'] });
    expect(store.bytes).toBe(42);
    expect(store.invalidateTags(['t'])).toBe(0);
    for (const key of ['b', 'c', 'd', 'e']) store.set(key, key, { tags: ['u'] });
    expect(store.size).toBe(4); // 5 × 42 > 200: 'a' went first
    expect(store.has('a')).toBe(false);
    expect(store.bytes).toBe(168);
    store.delete('b');
    expect(store.bytes).toBe(126);
    expect(store.invalidateTags(['u'])).toBe(3);
    expect(store.bytes).toBe(0);
    expect(store.stats().evictions).toEqual({ lru: 1, ttl: 0, tag: 3, delete: 1 });
  });

  it('refuses a value larger than the whole budget without dropping the rest', () => {
    const store = createMemoryStore<string>({ maxBytes: 100 });
    store.set('small', 'x');
    store.set('small', 'y');
    store.set('huge', 'z'.repeat(500));
    expect(store.get('huge')).toBeUndefined();
    expect(store.get('small')).toBe('y');
  });

  it('names the bad option', () => {
    expect(() => createMemoryStore({ maxBytes: 0 })).toThrow(/option maxBytes must be a positive number/);
    expect(() => createMemoryStore({ maxBytes: 10, now: 5 as unknown as () => number })).toThrow(HotpathError);
  });
});
