import { describe, expect, it } from 'vitest';
import { HotpathError } from './hotpath-error.js';
import { retry } from './retry.js';

const rateLimited = (retryAfterMs?: number) =>
  new HotpathError('HOTPATH_PROVIDER_RATE_LIMITED', 'slow down', retryAfterMs === undefined ? {} : { retryAfterMs });

describe('retry', () => {
  it('retries retryable errors and returns the first success', async () => {
    let calls = 0;
    const result = await retry(async () => {
      calls++;
      if (calls < 3) throw rateLimited();
      return 'ok';
    }, { retries: 5, baseDelayMs: 1 });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry errors that are not retryable', async () => {
    let calls = 0;
    await expect(retry(async () => {
      calls++;
      throw new HotpathError('HOTPATH_PROVIDER_BAD_REQUEST', 'bad');
    }, { retries: 5, baseDelayMs: 1 })).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });

  it('waits at least what Retry-After asks', async () => {
    const delays: number[] = [];
    let calls = 0;
    await retry(async () => {
      if (calls++ === 0) throw rateLimited(60);
      return 1;
    }, { retries: 1, baseDelayMs: 1, onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(delays[0]).toBeGreaterThanOrEqual(60);
  });

  it('fails at once instead of waiting past the deadline', async () => {
    const started = Date.now();
    await expect(retry(async () => { throw rateLimited(5_000); }, { retries: 3, deadline: Date.now() + 200 })).rejects.toThrow('slow down');
    expect(Date.now() - started).toBeLessThan(150);
  });

  it('stops when the signal aborts during a wait', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled')), 20);
    await expect(retry(async () => { throw rateLimited(10_000); }, { retries: 3, signal: controller.signal })).rejects.toThrow('cancelled');
  });
});
