// One call to one deployment, read eagerly into a queue so the router can race two calls to their
// first token, time a call out before its first token, and cancel one without touching the other.
// It feeds the deployment's live estimates from what it measures.

import type { ModelStreamPart } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import type { ResolvedDeployment } from './router-options.js';
import type { RouterStepRequest } from './router-types.js';
import { reportModelCall } from './report-model-call.js';

/** How an attempt got going: its first token, an end without any, or an error before either. */
export type AttemptStart = { kind: 'token' } | { kind: 'end' } | { kind: 'error'; error: unknown };

export interface ModelAttempt {
  readonly deployment: ResolvedDeployment;
  readonly hedged: boolean;
  /** Settles (never rejects) once the attempt produced its first token, ended, or failed before either. */
  readonly started: Promise<AttemptStart>;
  /** Ms from the attempt's start to its first token, once there was one. */
  readonly firstTokenMs: number | undefined;
  /** The next part; rejects with the stream's error after the parts before it were read. */
  next(): Promise<IteratorResult<ModelStreamPart, undefined>>;
  /** Aborts the call (its own signal only). */
  cancel(reason: unknown): void;
  /** Settles when the call's stream is closed. */
  readonly closed: Promise<void>;
}

export interface StartAttemptOptions {
  deployment: ResolvedDeployment;
  request: RouterStepRequest;
  escalated: boolean;
  hedged: boolean;
  /** Called once with the call's usage when it finished (for cost and output-token estimates). */
  onFinish?(usage: { inputTokens: number; outputTokens: number }): void;
}

const tokenParts = new Set<ModelStreamPart['type']>(['text-delta', 'tool-input-start', 'tool-input-delta', 'tool-call']);

export function startModelAttempt(options: StartAttemptOptions): ModelAttempt {
  const { deployment, request } = options;
  const estimates = deployment.estimates;
  const controller = new AbortController();
  const signal = AbortSignal.any([request.run.signal, controller.signal]);
  const startedAt = performance.now();
  const queue: ModelStreamPart[] = [];
  let ended = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let firstTokenMs: number | undefined;
  let firstTokenAt = 0;
  let cancelled = false;
  let resolveStarted!: (start: AttemptStart) => void;
  const started = new Promise<AttemptStart>((resolve) => (resolveStarted = resolve));
  const notify = () => {
    const waiter = wake;
    wake = undefined;
    waiter?.();
  };

  estimates.inFlight++;
  const closed = (async () => {
    try {
      const stream = await reportModelCall({
        model: deployment.model,
        tier: deployment.tierName,
        request,
        escalated: options.escalated,
        hedged: options.hedged,
        signal,
        // The router fails over itself: an adapter must not sit out a 429's Retry-After first.
        retries: 0,
      });
      for await (const part of stream) {
        if (part.type === 'error') throw part.error;
        if (firstTokenMs === undefined && tokenParts.has(part.type)) {
          firstTokenAt = performance.now();
          firstTokenMs = firstTokenAt - startedAt;
          estimates.recordFirstToken(firstTokenMs);
          resolveStarted({ kind: 'token' });
        }
        if (part.type === 'finish') {
          estimates.recordThroughput(part.usage.outputTokens, performance.now() - firstTokenAt);
          options.onFinish?.(part.usage);
        }
        queue.push(part);
        notify();
      }
      ended = true;
      estimates.recordOutcome(false);
      resolveStarted({ kind: 'end' });
    } catch (caught) {
      const error = cancelled || signal.aborted ? (signal.reason ?? caught) : caught;
      failure = { error };
      if (cancelled) {
        if (firstTokenMs === undefined) estimates.recordNoFirstTokenBy(performance.now() - startedAt);
      } else if (!request.run.signal.aborted) {
        estimates.recordOutcome(true);
        if (HotpathError.isInstance(error) && error.retryAfterMs !== undefined) estimates.coolDownUntil(Date.now() + error.retryAfterMs);
      }
      resolveStarted({ kind: 'error', error });
    } finally {
      estimates.inFlight--;
      notify();
    }
  })();

  return {
    deployment,
    hedged: options.hedged,
    started,
    get firstTokenMs() {
      return firstTokenMs;
    },
    async next() {
      for (;;) {
        const part = queue.shift();
        if (part !== undefined) return { done: false, value: part };
        if (failure !== undefined) throw failure.error;
        if (ended) return { done: true, value: undefined };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    cancel(reason) {
      if (ended || failure !== undefined || cancelled) return;
      cancelled = true;
      controller.abort(reason);
    },
    closed,
  };
}
