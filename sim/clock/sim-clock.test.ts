import { describe, expect, it } from 'vitest';
import { createSimClock } from './sim-clock.js';

describe('createSimClock', () => {
  it('never ends a simulated delay early, measured with the high-resolution clock', async () => {
    const clock = createSimClock(0.01);
    for (let attempt = 0; attempt < 30; attempt++) {
      const started = performance.now();
      await clock.sleep(300); // 3 ms of wall time
      expect(performance.now() - started).toBeGreaterThanOrEqual(3);
    }
  });

  it('stops waiting when aborted, with the signal\'s reason', async () => {
    const clock = createSimClock(1);
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort(new Error('client left'));
    await expect(sleeping).rejects.toThrow('client left');
  });

  it('refuses a time scale that is not a positive number', () => {
    expect(() => createSimClock(0)).toThrow(/timeScale/);
  });
});
