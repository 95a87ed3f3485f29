import { describe, expect, it } from 'vitest';
import { createBoundedWait } from './bounded-wait.js';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(resolve, ms, value));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createBoundedWait', () => {
  it('waits up to the bound while values usually arrive in time', async () => {
    const wait = createBoundedWait({ maxWaitMs: 150 });
    expect(await wait.value(later('a', 10))).toBe('a');
    expect(await wait.value(later('b', 20))).toBe('b');
    expect(wait.usualArrivalMs).toBeLessThan(150);
  });

  it('stops waiting once values usually arrive late, still takes one already there, and waits again when they speed up', async () => {
    const wait = createBoundedWait({ maxWaitMs: 60, alpha: 0.5 });
    let started = performance.now();
    expect(await wait.value(later('slow', 200))).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    await sleep(200);
    expect(wait.usualArrivalMs).toBeGreaterThan(60);
    started = performance.now();
    expect(await wait.value(later('slow', 200))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(40);
    expect(await wait.value(Promise.resolve('ready'))).toBe('ready');
    // Fast arrivals bring the average back under the bound: the wait resumes.
    for (let index = 0; index < 6 && (wait.usualArrivalMs ?? 0) > 60; index++) await wait.value(Promise.resolve('quick'));
    await sleep(250);
    for (let index = 0; index < 6 && (wait.usualArrivalMs ?? 0) > 60; index++) await wait.value(Promise.resolve('quick'));
    expect(wait.usualArrivalMs).toBeLessThanOrEqual(60);
    expect(await wait.value(later('in time', 20))).toBe('in time');
  });
});
