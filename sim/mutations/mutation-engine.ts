// Background data changes at a given rate per scenario second: a Poisson process whose gaps are
// drawn from the seed and slept on the simulator's clock, so a faster time scale changes the data
// proportionally faster. The same seed makes the same sequence of changes.

import type { SimClock } from '../clock/index.js';
import { createRandom, type RandomSource } from '../random/index.js';
import type { ChangeEvent } from '../world/index.js';

export interface MutationEngineOptions {
  clock: SimClock;
  seed: number | string;
  /** Changes per scenario second; 0 turns the timer off. */
  ratePerSecond: number;
  /** Applies one change with the given randomness; undefined when there is nothing to change. */
  mutate: (random: RandomSource) => ChangeEvent | undefined;
}

export class MutationEngine {
  private readonly clock: SimClock;
  private readonly seed: number | string;
  private readonly mutate: (random: RandomSource) => ChangeEvent | undefined;
  private readonly gaps: RandomSource;
  private rate: number;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private applied = 0;
  private failed = 0;

  constructor(options: MutationEngineOptions) {
    if (typeof options.mutate !== 'function') throw new TypeError('MutationEngine: option "mutate" must be a function');
    this.clock = options.clock;
    this.seed = options.seed;
    this.mutate = options.mutate;
    this.rate = checkedRate(options.ratePerSecond);
    this.gaps = createRandom(options.seed, 'mutation-gaps');
  }

  get ratePerSecond(): number {
    return this.rate;
  }

  /** Changes applied so far (timer and `mutateOnce`). */
  get count(): number {
    return this.applied;
  }

  get failures(): number {
    return this.failed;
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  setRate(ratePerSecond: number): void {
    this.rate = checkedRate(ratePerSecond);
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) this.schedule();
  }

  /** Applies one change now. */
  mutateOnce(): ChangeEvent | undefined {
    const random = createRandom(this.seed, 'mutation', this.applied + this.failed);
    try {
      const event = this.mutate(random);
      this.applied++;
      return event;
    } catch {
      this.failed++;
      return undefined;
    }
  }

  private schedule(): void {
    if (!this.running || this.rate <= 0) return;
    const gapScenarioMs = (-Math.log(1 - this.gaps.next()) / this.rate) * 1000;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.mutateOnce();
      this.schedule();
    }, this.clock.toWall(gapScenarioMs));
    this.timer.unref();
  }
}

function checkedRate(rate: number): number {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`MutationEngine: ratePerSecond must be a number >= 0, got ${rate}`);
  return rate;
}
