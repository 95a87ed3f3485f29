// Waiting for something optional on a request's critical path (an embedding that may bring a cache
// hit, a plan to borrow or a better route) is bounded, and skipped while such values have lately
// arrived later than the bound: then every request would wait the whole bound for nothing.

import { ExponentialAverage } from './exponential-average.js';
import { valueWithin } from './value-within.js';

export interface BoundedWaitOptions {
  /** The longest a request waits. */
  maxWaitMs: number;
  /** Weight of the newest arrival time in the moving average. Default 0.2. */
  alpha?: number;
}

export interface BoundedWait {
  /**
   * The promise's value if it fulfils within the bound, else undefined. While values have lately
   * arrived later than the bound it does not wait, and takes only a value that is already there.
   */
  value<T>(promise: Promise<T>): Promise<T | undefined>;
  /** Moving average of how long values took to arrive, in ms (undefined before the first). */
  readonly usualArrivalMs: number | undefined;
}

export function createBoundedWait(options: BoundedWaitOptions): BoundedWait {
  const { maxWaitMs, alpha = 0.2 } = options;
  const arrival = new ExponentialAverage(alpha);
  return {
    value<T>(promise: Promise<T>) {
      const askedAt = performance.now();
      promise.then(() => arrival.add(performance.now() - askedAt), () => undefined);
      const usual = arrival.value;
      return valueWithin(promise, usual !== undefined && usual > maxWaitMs ? 0 : maxWaitMs);
    },
    get usualArrivalMs() {
      return arrival.value;
    },
  };
}
