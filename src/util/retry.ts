// Retries with full-jitter exponential backoff that honour Retry-After and never run past the
// deadline: when the wait would cross it, the last error is thrown at once so the caller can fail
// over instead of stalling (the multi-second backoff stalls users report in other gateways).

import { HotpathError } from './hotpath-error.js';
import { remainingMs, sleep } from './deadline.js';

export interface RetryOptions {
  /** Attempts after the first. */
  retries: number;
  /** First backoff ceiling; doubles each attempt up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  deadline?: number;
  signal?: AbortSignal;
  /** Defaults to `HotpathError.isRetryable`. */
  shouldRetry?: (error: unknown, attempt: number) => boolean;
  /** Called before each wait (metrics, logs). */
  onRetry?: (info: { error: unknown; attempt: number; delayMs: number }) => void;
  /** Source of randomness for the jitter (tests make it deterministic). */
  random?: () => number;
}

export async function retry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, baseDelayMs = 100, maxDelayMs = 2_000, deadline, signal, onRetry, random = Math.random } = options;
  const shouldRetry = options.shouldRetry ?? ((error: unknown) => HotpathError.isInstance(error) && error.isRetryable);
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= retries || signal?.aborted || !shouldRetry(error, attempt)) throw error;
      const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
      const asked = HotpathError.isInstance(error) ? error.retryAfterMs : undefined;
      const delayMs = asked === undefined ? backoff : Math.max(asked, backoff * 0.1);
      if (delayMs >= remainingMs(deadline)) throw error;
      onRetry?.({ error, attempt, delayMs });
      await sleep(delayMs, signal);
    }
  }
}
