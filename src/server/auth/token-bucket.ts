// A token bucket per API key: `burst` requests at once, refilled at `requestsPerSecond`. `take`
// answers 0 when a request may go, else how long until one token is back (the Retry-After).

export interface TokenBucketOptions {
  requestsPerSecond: number;
  burst: number;
  /** Milliseconds clock (default performance.now). */
  now?: () => number;
}

export class TokenBucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError(`TokenBucket: requestsPerSecond must be positive (got ${options.requestsPerSecond})`);
    if (!(options.burst >= 1)) throw new RangeError(`TokenBucket: burst must be at least 1 (got ${options.burst})`);
    this.#ratePerMs = options.requestsPerSecond / 1000;
    this.#capacity = options.burst;
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = options.burst;
    this.#updatedAt = this.#now();
  }

  /** Takes a token: 0 when granted, else the milliseconds until one is available. */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#updatedAt) * this.#ratePerMs);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return (1 - this.#tokens) / this.#ratePerMs;
  }
}
