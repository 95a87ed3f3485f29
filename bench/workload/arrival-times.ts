import { createRandom } from '../../sim/index.js';

export interface ArrivalTimesOptions {
  seed: number | string;
  count: number;
  /** Poisson arrivals per scenario second. */
  ratePerSecond: number;
}

/** Open loop: when request i arrives (scenario ms from the start), the same for every agent. */
export function arrivalTimesMs({ seed, count, ratePerSecond }: ArrivalTimesOptions): number[] {
  if (!(ratePerSecond > 0)) throw new RangeError(`ratePerSecond must be positive, got ${ratePerSecond}`);
  const random = createRandom(seed, 'arrivals');
  const times: number[] = [];
  let at = 0;
  for (let index = 0; index < count; index++) {
    times.push(at);
    // Exponential gaps make a Poisson process; 1 - u keeps the logarithm finite.
    at += (-Math.log(1 - random.next()) / ratePerSecond) * 1000;
  }
  return times;
}
