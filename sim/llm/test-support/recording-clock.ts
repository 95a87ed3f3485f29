// A SimClock test double that runs at the given time scale and remembers every delay it was asked
// for, in scenario ms: tests compare the schedule itself rather than noisy wall-clock times.

import { createSimClock, type SimClock } from '../../clock/index.js';

export interface RecordingClock extends SimClock {
  /** Scenario ms passed to sleep(), in call order. */
  readonly sleeps: number[];
}

export function createRecordingClock(timeScale: number): RecordingClock {
  const clock = createSimClock(timeScale);
  const sleeps: number[] = [];
  return {
    timeScale,
    now: clock.now,
    toWall: clock.toWall,
    sleeps,
    sleep(scenarioMs, signal) {
      sleeps.push(scenarioMs);
      return clock.sleep(scenarioMs, signal);
    },
  };
}
