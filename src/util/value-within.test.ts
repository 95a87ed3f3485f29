import { describe, expect, it } from 'vitest';
import { valueWithin } from './value-within.js';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));

describe('valueWithin', () => {
  it('gives the value that arrives in time', async () => {
    expect(await valueWithin(later('vector', 5), 200)).toBe('vector');
  });

  it('gives undefined once the wait is over, without waiting for the value', async () => {
    const started = performance.now();
    expect(await valueWithin(later('vector', 1_000), 30)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('gives undefined for a rejection', async () => {
    expect(await valueWithin(Promise.reject(new Error('encoder down')), 100)).toBeUndefined();
  });

  it('with no wait, still takes a value that is already there', async () => {
    expect(await valueWithin(Promise.resolve('ready'), 0)).toBe('ready');
    expect(await valueWithin(later('late', 50), 0)).toBeUndefined();
  });
});
