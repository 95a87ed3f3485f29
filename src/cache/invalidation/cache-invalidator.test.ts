import { describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../spec/index.js';
import { createCacheInvalidator, type InvalidationTarget } from './cache-invalidator.js';
import { createLocalBus } from './local-bus.js';
import { keyTag } from './scoped-tags.js';

/** A target that applies each notice once, slowly, and records what it saw. */
function slowTarget(name: string, perNotice: number): InvalidationTarget & { applied: ChangeNotice[]; finished: number } {
  const results = new WeakMap<ChangeNotice, Promise<number>>();
  const target = {
    name,
    applied: [] as ChangeNotice[],
    finished: 0,
    applyNotice(notice: ChangeNotice) {
      let result = results.get(notice);
      if (!result) {
        target.applied.push(notice);
        result = new Promise<number>((resolve) => setTimeout(() => {
          target.finished++;
          resolve(perNotice);
        }, 20));
        results.set(notice, result);
      }
      return result;
    },
  };
  return target;
}

describe('createCacheInvalidator', () => {
  it('publishes on the bus and returns once every registered cache here has evicted', async () => {
    const bus = createLocalBus();
    const tools = slowTarget('tools', 2);
    const responses = slowTarget('responses', 1);
    // The caches also listen on the bus, as they do in production: they must not apply a notice twice.
    bus.subscribe((notice) => void tools.applyNotice(notice));
    bus.subscribe((notice) => void responses.applyNotice(notice));
    const busSeen: ChangeNotice[] = [];
    bus.subscribe((notice) => busSeen.push(notice));
    const invalidator = createCacheInvalidator({ bus, now: () => 99 });
    invalidator.register(tools);
    invalidator.register(responses);

    const outcome = await invalidator.invalidate({ tags: ['ticket:1'], keys: ['k1'], tenant: 'acme' });
    expect(tools.finished).toBe(2);
    expect(responses.finished).toBe(2);
    expect(outcome.evicted).toEqual({ tools: 4, responses: 2 });
    expect(outcome.notices).toEqual([
      { tags: ['ticket:1'], source: 'api', at: 99, tenant: 'acme' },
      { tags: [keyTag('k1')], source: 'api', at: 99 },
    ]);
    expect(busSeen).toEqual(outcome.notices);
    expect(tools.applied).toHaveLength(2);
  });

  it('stops reporting a cache once unregistered', async () => {
    const bus = createLocalBus();
    const invalidator = createCacheInvalidator({ bus });
    const target = slowTarget('tools', 1);
    const unregister = invalidator.register(target);
    unregister();
    expect((await invalidator.invalidate({ tags: ['a'] })).evicted).toEqual({});
    expect(target.applied).toEqual([]);
  });

  it('refuses an empty or malformed request, naming the field', async () => {
    const invalidator = createCacheInvalidator({ bus: createLocalBus() });
    await expect(invalidator.invalidate({})).rejects.toThrow(/tags or keys/);
    await expect(invalidator.invalidate({ tags: ['a', ''] })).rejects.toThrow(/tags\[1\]/);
    await expect(invalidator.invalidate({ keys: [''] })).rejects.toThrow(/keys\[0\]/);
    await expect(invalidator.invalidate({ tags: ['a'], user: '' })).rejects.toThrow(/user/);
  });
});
