// What the router knows about one deployment's live speed, fed only by its own calls: time to first
// token (a moving average for finish-time estimates and a sliding window for the hedging quantile),
// output tokens per second, error rate, calls in flight, and a cool-down a 429's Retry-After asks for.

import { ExponentialAverage } from '../util/index.js';
import { SlidingWindowQuantile } from './sliding-window-quantile.js';

export interface DeploymentPrior {
  /** Expected time to first token before any call measured it. */
  ttftMs?: number;
  /** Expected output tokens per second before any call measured it. */
  tokensPerSecond?: number;
}

export interface DeploymentEstimateSnapshot {
  /** Moving average of the time to first token (ms), prior included until measured. */
  ttftMs: number | undefined;
  /** Quantile of the time to first token the hedge waits for, once enough samples exist. */
  hedgeAfterMs: number | undefined;
  tokensPerSecond: number | undefined;
  /** Moving average of provider errors per call (0..1). */
  errorRate: number;
  ttftSamples: number;
  inFlight: number;
  /** Epoch ms until which a 429 asked us to stay away. */
  coolingDownUntil: number | undefined;
}

const windowSize = 200;

export class DeploymentEstimates {
  readonly #ttft: ExponentialAverage;
  readonly #ttftWindow = new SlidingWindowQuantile(windowSize);
  readonly #tokensPerSecond: ExponentialAverage;
  readonly #errorRate = new ExponentialAverage(0.1, 0);
  #coolingDownUntil = 0;
  inFlight = 0;

  constructor(prior: DeploymentPrior = {}) {
    this.#ttft = new ExponentialAverage(0.2, prior.ttftMs);
    this.#tokensPerSecond = new ExponentialAverage(0.2, prior.tokensPerSecond);
  }

  recordFirstToken(ms: number): void {
    this.#ttft.add(ms);
    this.#ttftWindow.add(ms);
  }

  /**
   * A call cancelled before its first token (a hedge's loser): its time to first token is at least
   * `ms`. Only the window sees it, so the tail the hedge dodged stays in the quantile instead of
   * vanishing from it and making hedges ever more frequent.
   */
  recordNoFirstTokenBy(ms: number): void {
    this.#ttftWindow.add(ms);
  }

  recordThroughput(outputTokens: number, streamingMs: number): void {
    // Too short a stream says more about timer resolution than about the provider's speed.
    if (outputTokens < 2 || streamingMs < 5) return;
    this.#tokensPerSecond.add((outputTokens / streamingMs) * 1000);
  }

  recordOutcome(failed: boolean): void {
    this.#errorRate.add(failed ? 1 : 0);
  }

  coolDownUntil(epochMs: number): void {
    this.#coolingDownUntil = Math.max(this.#coolingDownUntil, epochMs);
  }

  isCoolingDown(now: number): boolean {
    return this.#coolingDownUntil > now;
  }

  get expectedTtftMs(): number | undefined {
    return this.#ttft.value;
  }

  get expectedTokensPerSecond(): number | undefined {
    return this.#tokensPerSecond.value;
  }

  get errorRate(): number {
    return this.#errorRate.value ?? 0;
  }

  /** The time-to-first-token quantile, or undefined before `minSamples` were measured. */
  ttftQuantile(quantile: number, minSamples: number): number | undefined {
    return this.#ttftWindow.size < Math.max(1, minSamples) ? undefined : this.#ttftWindow.quantile(quantile);
  }

  /** Expected duration of a call that writes `outputTokens`, or undefined while nothing is known. */
  estimateDurationMs(outputTokens: number): number | undefined {
    const ttft = this.#ttft.value;
    if (ttft === undefined) return undefined;
    const rate = this.#tokensPerSecond.value;
    return rate === undefined || rate <= 0 ? ttft : ttft + (outputTokens / rate) * 1000;
  }

  snapshot(hedgeQuantile: number, minSamples: number, now = Date.now()): DeploymentEstimateSnapshot {
    return {
      ttftMs: this.#ttft.value,
      hedgeAfterMs: this.ttftQuantile(hedgeQuantile, minSamples),
      tokensPerSecond: this.#tokensPerSecond.value,
      errorRate: this.errorRate,
      ttftSamples: this.#ttft.count,
      inFlight: this.inFlight,
      coolingDownUntil: this.#coolingDownUntil > now ? this.#coolingDownUntil : undefined,
    };
  }
}
