// Caps the extra load hedging adds: a token bucket that every routed call refills by `maxRate` and
// every hedge drains by one, so over any stretch of traffic hedges stay under maxRate × calls + burst,
// however many calls stall at once.

export interface HedgeBudgetOptions {
  /** Hedges per call at most, in the long run (0.05 = 5%). */
  maxRate: number;
  /** Hedges allowed before any call refilled the bucket, and the bucket's size. */
  burst: number;
}

export class HedgeBudget {
  readonly #maxRate: number;
  readonly #burst: number;
  #tokens: number;

  constructor(options: HedgeBudgetOptions) {
    this.#maxRate = options.maxRate;
    this.#burst = options.burst;
    this.#tokens = options.burst;
  }

  /** A routed call was made: it earns `maxRate` of a hedge. */
  recordCall(): void {
    this.#tokens = Math.min(this.#burst, this.#tokens + this.#maxRate);
  }

  /** Takes one hedge from the bucket; false when the cap is reached. */
  tryTake(): boolean {
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  get available(): number {
    return this.#tokens;
  }
}
