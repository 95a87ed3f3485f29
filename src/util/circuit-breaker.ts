// A circuit breaker per upstream: once an upstream keeps failing, callers get an immediate error
// instead of each waiting out its own timeout, and the upstream gets room to recover. After a
// cool-down a few probe calls test it (half-open); their outcome closes or re-opens the circuit.

import { HotpathError } from './hotpath-error.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Name used in errors and state changes (usually the upstream). */
  name?: string;
  /** Opens after this many failures inside `windowMs`. Default 5. */
  failureThreshold?: number;
  /** Also opens when failures / outcomes inside `windowMs` reaches this ratio (0–1)... */
  failureRatio?: number;
  /** ...once at least this many outcomes were seen in the window. Default 10. */
  minimumRequests?: number;
  /** Sliding window for counting outcomes. Default 10 s. */
  windowMs?: number;
  /** How long the circuit stays open before letting probes through. Default 5 s. */
  coolDownMs?: number;
  /** Probe calls allowed at once while half-open; all must succeed to close. Default 1. */
  halfOpenProbes?: number;
  /** Clock (ms); tests pass a fake one. */
  now?: () => number;
  onStateChange?: (change: { name: string; from: CircuitState; to: CircuitState }) => void;
}

/** Permission for one call. Report its outcome exactly once; later reports are ignored. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** Neither outcome (e.g. the caller gave up): frees a half-open probe slot without judging the upstream. */
  release(): void;
}

interface Outcome {
  at: number;
  failed: boolean;
}

function positiveNumber(value: number | undefined, fallback: number, option: string, integer = false): number {
  const resolved = value ?? fallback;
  if (!Number.isFinite(resolved) || resolved <= 0 || (integer && !Number.isInteger(resolved))) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `circuit breaker option ${option} must be a positive ${integer ? 'integer' : 'number'} (got ${String(value)})`, { details: { option } });
  }
  return resolved;
}

export class CircuitBreaker {
  readonly name: string;
  private readonly failureThreshold: number;
  private readonly failureRatio: number | undefined;
  private readonly minimumRequests: number;
  private readonly windowMs: number;
  private readonly coolDownMs: number;
  private readonly halfOpenProbes: number;
  private readonly now: () => number;
  private readonly onStateChange: CircuitBreakerOptions['onStateChange'];
  private current: CircuitState = 'closed';
  private openedAt = 0;
  private outcomes: Outcome[] = [];
  private outcomesStart = 0;
  private failuresInWindow = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;

  constructor(options: CircuitBreakerOptions = {}) {
    this.name = options.name ?? 'upstream';
    this.failureThreshold = positiveNumber(options.failureThreshold, 5, 'failureThreshold', true);
    if (options.failureRatio !== undefined && !(options.failureRatio > 0 && options.failureRatio <= 1)) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `circuit breaker option failureRatio must be in (0, 1] (got ${options.failureRatio})`, { details: { option: 'failureRatio' } });
    }
    this.failureRatio = options.failureRatio;
    this.minimumRequests = positiveNumber(options.minimumRequests, 10, 'minimumRequests', true);
    this.windowMs = positiveNumber(options.windowMs, 10_000, 'windowMs');
    this.coolDownMs = positiveNumber(options.coolDownMs, 5_000, 'coolDownMs');
    this.halfOpenProbes = positiveNumber(options.halfOpenProbes, 1, 'halfOpenProbes', true);
    this.now = options.now ?? (() => performance.now());
    this.onStateChange = options.onStateChange;
  }

  /** The state now (an open circuit whose cool-down has passed reads as half-open). */
  get state(): CircuitState {
    if (this.current === 'open' && this.now() - this.openedAt >= this.coolDownMs) this.transition('half-open');
    return this.current;
  }

  /** Milliseconds until an open circuit lets a probe through (0 when not open). */
  retryAfterMs(): number {
    return this.state === 'open' ? Math.max(0, this.coolDownMs - (this.now() - this.openedAt)) : 0;
  }

  /** A permit to call the upstream, or undefined when the circuit refuses the call. */
  acquire(): CircuitPermit | undefined {
    const state = this.state;
    if (state === 'open') return undefined;
    if (state === 'half-open') {
      if (this.probesInFlight >= this.halfOpenProbes) return undefined;
      this.probesInFlight++;
      return this.permit(true);
    }
    return this.permit(false);
  }

  /** Like `acquire`, but throws HOTPATH_CIRCUIT_OPEN when refused. */
  acquireOrThrow(): CircuitPermit {
    const permit = this.acquire();
    if (permit) return permit;
    throw new HotpathError('HOTPATH_CIRCUIT_OPEN', `upstream '${this.name}' is failing; circuit is ${this.current}, call not made`, {
      isRetryable: false,
      retryAfterMs: this.retryAfterMs(),
      details: { upstream: this.name },
    });
  }

  private permit(probe: boolean): CircuitPermit {
    let settled = false;
    const settle = (outcome: 'success' | 'failure' | 'release') => {
      if (settled) return;
      settled = true;
      if (probe) this.probesInFlight--;
      if (outcome === 'success') this.onSuccess(probe);
      else if (outcome === 'failure') this.onFailure(probe);
    };
    return { success: () => settle('success'), failure: () => settle('failure'), release: () => settle('release') };
  }

  private onSuccess(probe: boolean): void {
    if (probe && this.current === 'half-open') {
      this.probeSuccesses++;
      if (this.probeSuccesses >= this.halfOpenProbes) this.transition('closed');
      return;
    }
    if (this.current === 'closed') this.record(false);
  }

  private onFailure(probe: boolean): void {
    if (probe && this.current === 'half-open') {
      this.transition('open');
      return;
    }
    if (this.current !== 'closed') return;
    this.record(true);
    const total = this.outcomes.length - this.outcomesStart;
    const byCount = this.failuresInWindow >= this.failureThreshold;
    const byRatio = this.failureRatio !== undefined && total >= this.minimumRequests && this.failuresInWindow / total >= this.failureRatio;
    if (byCount || byRatio) this.transition('open');
  }

  private record(failed: boolean): void {
    const at = this.now();
    this.outcomes.push({ at, failed });
    if (failed) this.failuresInWindow++;
    // Drop outcomes that left the window; compact the array once the dead prefix dominates.
    while (this.outcomesStart < this.outcomes.length && at - this.outcomes[this.outcomesStart]!.at > this.windowMs) {
      if (this.outcomes[this.outcomesStart]!.failed) this.failuresInWindow--;
      this.outcomesStart++;
    }
    if (this.outcomesStart > 1_024 && this.outcomesStart * 2 > this.outcomes.length) {
      this.outcomes = this.outcomes.slice(this.outcomesStart);
      this.outcomesStart = 0;
    }
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    if (to === 'open') this.openedAt = this.now();
    if (to === 'half-open') this.probeSuccesses = 0;
    if (to === 'closed') {
      this.outcomes = [];
      this.outcomesStart = 0;
      this.failuresInWindow = 0;
    }
    this.onStateChange?.({ name: this.name, from, to });
  }
}
