// One contract every CacheStore passes (memory, Redis with and without its L1). Imported only by
// tests: `describeCacheStoreContract('name', { create: () => createX(...) })`.

import { afterEach, describe, expect, it } from 'vitest';
import type { CacheStore } from '../../spec/index.js';

export interface CacheStoreContractOptions {
  /** A fresh, empty store for one test. */
  create(): CacheStore<unknown> | Promise<CacheStore<unknown>>;
  /** For bounded stores: a fresh store holding at most about `maxBytes`. */
  createBounded?(maxBytes: number): CacheStore<unknown> | Promise<CacheStore<unknown>>;
}

const settle = async <Value>(value: Value | Promise<Value>): Promise<Value> => value;

async function collect(store: CacheStore<unknown>): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for await (const [key, value] of store.entries()) found.set(key, value);
  return found;
}

export function describeCacheStoreContract(name: string, options: CacheStoreContractOptions): void {
  describe(`CacheStore contract: ${name}`, () => {
    const opened: CacheStore<unknown>[] = [];
    const open = async (create: () => CacheStore<unknown> | Promise<CacheStore<unknown>>) => {
      const store = await create();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close?.()));
    });

    it('returns what was set, and undefined for a key never set', async () => {
      const store = await open(options.create);
      await store.set('ticket:1', { id: 'INC-1', status: 'open', tags: ['vpn'] });
      expect(await settle(store.get('ticket:1'))).toEqual({ id: 'INC-1', status: 'open', tags: ['vpn'] });
      expect(await settle(store.get('ticket:2'))).toBeUndefined();
    });

    it('keeps strings, numbers, booleans, null and nested arrays', async () => {
      const store = await open(options.create);
      const values: Record<string, unknown> = { s: 'text with "quotes" and ünïcode', n: 42.5, b: false, z: null, a: [[1, 2], { x: [] }] };
      for (const [key, value] of Object.entries(values)) await store.set(key, value);
      for (const [key, value] of Object.entries(values)) expect(await settle(store.get(key))).toEqual(value);
    });

    it('overwrites a value and forgets the old tags', async () => {
      const store = await open(options.create);
      await store.set('k', 'first', { tags: ['old'] });
      await store.set('k', 'second', { tags: ['new'] });
      expect(await settle(store.get('k'))).toBe('second');
      expect(await settle(store.invalidateTags(['old']))).toBe(0);
      expect(await settle(store.get('k'))).toBe('second');
      expect(await settle(store.invalidateTags(['new']))).toBe(1);
      expect(await settle(store.get('k'))).toBeUndefined();
    });

    it('deletes a key, and deleting a missing key is harmless', async () => {
      const store = await open(options.create);
      await store.set('k', 1, { tags: ['t'] });
      await store.delete('k');
      await store.delete('never-set');
      expect(await settle(store.get('k'))).toBeUndefined();
      expect(await settle(store.invalidateTags(['t']))).toBe(0);
    });

    it('expires an entry after its TTL', async () => {
      const store = await open(options.create);
      await store.set('short', 'soon gone', { ttlMs: 150 });
      await store.set('long', 'stays', { ttlMs: 60_000 });
      await store.set('forever', 'stays');
      expect(await settle(store.get('short'))).toBe('soon gone');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await settle(store.get('short'))).toBeUndefined();
      expect(await settle(store.get('long'))).toBe('stays');
      expect(await settle(store.get('forever'))).toBe('stays');
    });

    it('treats a TTL of zero as already expired', async () => {
      const store = await open(options.create);
      await store.set('k', 'old');
      await store.set('k', 'new', { ttlMs: 0 });
      expect(await settle(store.get('k'))).toBeUndefined();
    });

    it('evicts every entry carrying any invalidated tag, and only those', async () => {
      const store = await open(options.create);
      await store.set('a', 1, { tags: ['ticket:1', 'user:7'] });
      await store.set('b', 2, { tags: ['ticket:2'] });
      await store.set('c', 3, { tags: ['user:7'] });
      await store.set('d', 4);
      expect(await settle(store.invalidateTags(['user:7', 'unknown']))).toBe(2);
      expect(await settle(store.get('a'))).toBeUndefined();
      expect(await settle(store.get('c'))).toBeUndefined();
      expect(await settle(store.get('b'))).toBe(2);
      expect(await settle(store.get('d'))).toBe(4);
      // 'a' also carried ticket:1: that row went with it.
      expect(await settle(store.invalidateTags(['ticket:1']))).toBe(0);
      expect(await settle(store.invalidateTags([]))).toBe(0);
    });

    it('lists every live entry', async () => {
      const store = await open(options.create);
      await store.set('a', { n: 1 });
      await store.set('b', { n: 2 }, { tags: ['x'] });
      await store.set('gone', 0, { tags: ['x'] });
      await store.set('expiring', 0, { ttlMs: 50 });
      await store.delete('gone');
      await new Promise((resolve) => setTimeout(resolve, 150));
      const found = await collect(store);
      expect(found).toEqual(new Map<string, unknown>([['a', { n: 1 }], ['b', { n: 2 }]]));
    });

    it('stores a large value intact', async () => {
      const store = await open(options.create);
      const large = { rows: Array.from({ length: 20_000 }, (_, index) => ({ index, text: `row ${index} ${'x'.repeat(20)}` })) };
      await store.set('large', large, { tags: ['big'] });
      expect(await settle(store.get('large'))).toEqual(large);
      expect(await settle(store.invalidateTags(['big']))).toBe(1);
    });

    it('handles many concurrent sets of distinct and identical keys', async () => {
      const store = await open(options.create);
      await Promise.all(Array.from({ length: 200 }, (_, index) => store.set(`key:${index}`, index, { tags: [`group:${index % 4}`] })));
      await Promise.all(Array.from({ length: 50 }, (_, index) => store.set('same', index, { tags: ['same'] })));
      for (let index = 0; index < 200; index++) expect(await settle(store.get(`key:${index}`))).toBe(index);
      expect(typeof (await settle(store.get('same')))).toBe('number');
      expect(await settle(store.invalidateTags(['group:1']))).toBe(50);
      expect(await settle(store.get('key:1'))).toBeUndefined();
      expect(await settle(store.get('key:2'))).toBe(2);
      expect(await settle(store.invalidateTags(['same']))).toBe(1);
    });

    if (options.createBounded) {
      const createBounded = options.createBounded;
      it('stays within its byte bound, evicting the least recently used first', async () => {
        const store = await open(() => createBounded(10_000));
        const value = 'v'.repeat(900); // ~1.8 KB each by the JSON×2 estimate
        for (let index = 0; index < 4; index++) await store.set(`k${index}`, value, { tags: ['all'] });
        expect(await settle(store.get('k0'))).toBe(value); // k0 is now the most recently used
        for (let index = 4; index < 8; index++) await store.set(`k${index}`, value, { tags: ['all'] });
        expect(await settle(store.get('k0'))).toBe(value);
        expect(await settle(store.get('k1'))).toBeUndefined();
        expect(await settle(store.get('k7'))).toBe(value);
        const live = await collect(store);
        expect(live.size).toBeLessThanOrEqual(5);
        // The tag index forgot the evicted keys: invalidating counts only what is still held.
        expect(await settle(store.invalidateTags(['all']))).toBe(live.size);
      });
    }
  });
}
