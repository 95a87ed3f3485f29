// Caps how many calls run at once against one upstream. Extra callers wait in a FIFO queue (first
// come, first served, so no caller starves), and a caller that gives up leaves the queue at once.

import { HotpathError } from './hotpath-error.js';

export interface ConcurrencyLimitOptions {
  /** Calls allowed to run at once. */
  limit: number;
  /** Callers allowed to wait; beyond it `acquire` fails with HOTPATH_CONCURRENCY_LIMIT. Default: unbounded. */
  maxQueue?: number;
  /** Name used in errors (usually the upstream). */
  name?: string;
  /** Clock for queue-wait measurement (ms). */
  now?: () => number;
}

export interface ConcurrencyPermit {
  /** How long the caller waited in the queue (ms). */
  queuedMs: number;
  /** Frees the slot (hands it to the next waiter). Safe to call more than once. */
  release(): void;
}

interface Waiter {
  enqueuedAt: number;
  grant: (permit: ConcurrencyPermit) => void;
  cancelled: boolean;
}

export class ConcurrencyLimit {
  readonly name: string;
  readonly limit: number;
  private readonly maxQueue: number;
  private readonly now: () => number;
  private running = 0;
  private waiters: Waiter[] = [];
  private head = 0;
  private waiting = 0;

  constructor(options: ConcurrencyLimitOptions) {
    const { limit, maxQueue = Number.POSITIVE_INFINITY } = options;
    if (!(Number.isInteger(limit) && limit > 0) && limit !== Number.POSITIVE_INFINITY) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `concurrency limit option limit must be a positive integer (got ${String(limit)})`, { details: { option: 'limit' } });
    }
    if (!(maxQueue >= 0)) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `concurrency limit option maxQueue must be >= 0 (got ${String(maxQueue)})`, { details: { option: 'maxQueue' } });
    }
    this.limit = limit;
    this.maxQueue = maxQueue;
    this.name = options.name ?? 'upstream';
    this.now = options.now ?? (() => performance.now());
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting;
  }

  /** A permit now if a slot is free (and nobody is queued ahead), else undefined. */
  tryAcquire(): ConcurrencyPermit | undefined {
    if (this.running >= this.limit || this.waiting > 0) return undefined;
    this.running++;
    return this.permit(0);
  }

  /** Waits for a slot in FIFO order; rejects with the signal's reason if it aborts while queued. */
  acquire(signal?: AbortSignal): Promise<ConcurrencyPermit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const immediate = this.tryAcquire();
    if (immediate) return Promise.resolve(immediate);
    if (this.waiting >= this.maxQueue) {
      return Promise.reject(new HotpathError('HOTPATH_CONCURRENCY_LIMIT', `too many calls waiting for '${this.name}' (${this.waiting} queued, ${this.running} running)`, { details: { upstream: this.name } }));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        enqueuedAt: this.now(),
        cancelled: false,
        grant: (permit) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(permit);
        },
      };
      const onAbort = () => {
        waiter.cancelled = true;
        this.waiting--;
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.waiting++;
    });
  }

  /** Runs `operation` inside a slot. */
  async run<T>(operation: (permit: ConcurrencyPermit) => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const permit = await this.acquire(options.signal);
    try {
      return await operation(permit);
    } finally {
      permit.release();
    }
  }

  private permit(queuedMs: number): ConcurrencyPermit {
    let released = false;
    return {
      queuedMs,
      release: () => {
        if (released) return;
        released = true;
        this.handOver();
      },
    };
  }

  /** Gives the freed slot straight to the oldest live waiter, or returns it to the pool. */
  private handOver(): void {
    while (this.head < this.waiters.length) {
      const next = this.waiters[this.head]!;
      this.head++;
      if (next.cancelled) continue;
      this.waiting--;
      this.compact();
      next.grant(this.permit(this.now() - next.enqueuedAt));
      return;
    }
    this.compact();
    this.running--;
  }

  private compact(): void {
    if (this.head === this.waiters.length) {
      this.waiters = [];
      this.head = 0;
    } else if (this.head > 1_024 && this.head * 2 > this.waiters.length) {
      this.waiters = this.waiters.slice(this.head);
      this.head = 0;
    }
  }
}
