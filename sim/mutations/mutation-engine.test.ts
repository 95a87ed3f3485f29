import { describe, expect, it } from 'vitest';
import { createSimClock } from '../clock/index.js';
import type { ChangeEvent } from '../world/index.js';
import { MutationEngine } from './mutation-engine.js';

const fakeEvent = (id: number): ChangeEvent => ({
  id, type: 'x.updated', entity: `x:${id}`, tags: [], fields: {}, version: 1, at: 0, namespace: null, cause: 'mutation',
});

describe('MutationEngine', () => {
  it('applies changes at the configured rate per scenario second, scaled by the clock', async () => {
    const draws: number[] = [];
    const engine = new MutationEngine({
      clock: createSimClock(0.01), seed: 1, ratePerSecond: 2,
      mutate: (random) => {
        draws.push(random.next());
        return fakeEvent(draws.length);
      },
    });
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    engine.stop();
    // 500 wall ms = 50 scenario s at 2/s ≈ 100 changes (timers on a busy machine fire late: wide bounds).
    expect(engine.count).toBeGreaterThan(25);
    expect(engine.count).toBeLessThan(160);
    const stopped = engine.count;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.count).toBe(stopped);
  });

  it('stops with rate 0, restarts when the rate is raised, and rejects bad rates', async () => {
    const engine = new MutationEngine({ clock: createSimClock(0.01), seed: 1, ratePerSecond: 0, mutate: () => fakeEvent(1) });
    engine.start();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(engine.count).toBe(0);
    engine.setRate(20);
    await new Promise((resolve) => setTimeout(resolve, 100));
    engine.stop();
    expect(engine.count).toBeGreaterThan(0);
    expect(engine.ratePerSecond).toBe(20);
    expect(() => engine.setRate(-1)).toThrow(/ratePerSecond/);
  });

  it('draws the same changes for the same seed, and counts a failing change without stopping', () => {
    const sequence = (seed: number) => {
      const values: number[] = [];
      const engine = new MutationEngine({ clock: createSimClock(1), seed, ratePerSecond: 0, mutate: (random) => (values.push(random.next()), fakeEvent(1)) });
      for (let index = 0; index < 5; index++) engine.mutateOnce();
      return values;
    };
    expect(sequence(4)).toEqual(sequence(4));
    expect(sequence(4)).not.toEqual(sequence(5));
    const engine = new MutationEngine({ clock: createSimClock(1), seed: 1, ratePerSecond: 0, mutate: () => { throw new Error('boom'); } });
    expect(engine.mutateOnce()).toBeUndefined();
    expect(engine.failures).toBe(1);
  });
});
