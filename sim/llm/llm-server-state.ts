import type { Brain } from '../brain/index.js';
import type { CallLog } from '../calls/index.js';
import type { SimClock } from '../clock/index.js';
import type { SimulatorConfig } from '../config/index.js';
import type { AttemptCounter } from './injected-failure.js';
import type { ColdStartTracker } from './cold-start-tracker.js';

/** What every provider server of one simulator shares. */
export interface LlmServerState {
  config: SimulatorConfig;
  clock: SimClock;
  brain: Brain;
  calls: CallLog;
  coldStarts: ColdStartTracker;
  attempts: AttemptCounter;
  /** Calls in flight, aborted when the servers close. */
  active: Set<AbortController>;
  /** Makes response ids unique within a run. */
  nextSequence(): number;
}
