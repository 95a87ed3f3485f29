import { describe, expect, it } from 'vitest';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { sleep } from './deadline.js';
import { HotpathError } from './hotpath-error.js';

describe('ConcurrencyLimit', () => {
  it('runs at most `limit` at once and serves waiters first come, first served', async () => {
    const limit = new ConcurrencyLimit({ limit: 2 });
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((index) => limit.run(async () => {
      order.push(index);
      running++;
      peak = Math.max(peak, running);
      await sleep(10);
      running--;
    })));
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(limit.active).toBe(0);
    expect(limit.queued).toBe(0);
  });

  it('measures the queue wait', async () => {
    const limit = new ConcurrencyLimit({ limit: 1 });
    const first = await limit.acquire();
    const second = limit.acquire();
    setTimeout(() => first.release(), 40);
    const permit = await second;
    expect(permit.queuedMs).toBeGreaterThanOrEqual(30);
    expect(first.queuedMs).toBe(0);
    permit.release();
    expect(limit.active).toBe(0);
  });

  it('drops an aborted waiter from the queue without losing the slot', async () => {
    const limit = new ConcurrencyLimit({ limit: 1 });
    const first = await limit.acquire();
    const controller = new AbortController();
    const abandoned = limit.acquire(controller.signal);
    const next = limit.acquire();
    expect(limit.queued).toBe(2);
    controller.abort(new Error('gave up'));
    await expect(abandoned).rejects.toThrow('gave up');
    expect(limit.queued).toBe(1);
    first.release();
    first.release();
    const permit = await next;
    expect(limit.active).toBe(1);
    permit.release();
    expect(limit.active).toBe(0);
  });

  it('refuses beyond maxQueue with HOTPATH_CONCURRENCY_LIMIT', async () => {
    const limit = new ConcurrencyLimit({ limit: 1, maxQueue: 1, name: 'crm' });
    const first = limit.tryAcquire()!;
    const waiting = limit.acquire();
    const refused = await limit.acquire().catch((error: unknown) => error);
    expect(HotpathError.isInstance(refused) && refused.code).toBe('HOTPATH_CONCURRENCY_LIMIT');
    expect(limit.tryAcquire()).toBeUndefined();
    first.release();
    (await waiting).release();
  });

  it('names the bad option', () => {
    expect(() => new ConcurrencyLimit({ limit: 0 })).toThrow(/limit/);
    expect(() => new ConcurrencyLimit({ limit: 2, maxQueue: -1 })).toThrow(/maxQueue/);
  });
});
