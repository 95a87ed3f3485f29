// Gets a proxied completion started: the requested model first; when it fails before answering in a
// way that is not the request's fault, its fallbacks in order; and with `hedgeAfterMs`, a copy sent to
// the first fallback when the model has not started answering by then — the first to start wins and
// the other is aborted. Every attempt is reported (model calls, hedges, fallbacks).

import type { RunResult } from '../../spec/index.js';
import { linkedController } from '../http/linked-abort.js';
import type { ModelRuntime } from '../runtime/model-runtime.js';
import { mayFallBack, startAttempt, type AttemptRequest, type StartedResponse } from './upstream-attempt.js';

export interface StartOutcome {
  started: StartedResponse;
  /** One entry per attempt made (the runs' modelCalls shape). */
  modelCalls: RunResult['modelCalls'];
  /** Attempts after the first that were not hedges. */
  fallbacks: number;
}

export interface StartWithFallbacksOptions {
  candidates: readonly ModelRuntime[];
  hedgeAfterMs: number | undefined;
  request: AttemptRequest;
  /** For tests: start one attempt (default: startAttempt). */
  start?: (model: ModelRuntime, request: AttemptRequest) => Promise<StartedResponse>;
}

interface Attempt {
  promise: Promise<StartedResponse>;
  abort(reason?: unknown): void;
}

const lostHedge = new Error('another attempt started first');

class AttemptsFailed extends Error {
  constructor(readonly last: unknown) {
    super('every attempt failed');
  }
}

export async function startWithFallbacks(options: StartWithFallbacksOptions): Promise<StartOutcome> {
  const start = options.start ?? startAttempt;
  const { candidates, request } = options;
  const modelCalls: RunResult['modelCalls'] = [];
  let fallbacks = 0;
  const attempt = (model: ModelRuntime, hedged: boolean, abortable: boolean): Attempt => {
    // Only a hedged start needs to abort one attempt on its own; otherwise the request's signal does.
    const controller = abortable ? linkedController(request.signal) : undefined;
    const startedAt = performance.now();
    const call = { model: model.name, ...(model.tier === undefined ? {} : { tier: model.tier }), totalMs: 0, ...(hedged ? { hedged: true } : {}) };
    modelCalls.push(call);
    const promise = start(model, controller === undefined ? request : { ...request, signal: controller.signal }).then(
      (started) => {
        call.totalMs = performance.now() - startedAt;
        Object.assign(call, { ttftMs: started.firstByteMs });
        return started;
      },
      (error: unknown) => {
        call.totalMs = performance.now() - startedAt;
        throw error;
      },
    );
    return { promise, abort: (reason) => controller?.abort(reason) };
  };

  let index = 0;
  let lastError: unknown;
  while (index < candidates.length) {
    const primary = candidates[index]!;
    if (index > 0) fallbacks++;
    const hedgeTo = index === 0 && options.hedgeAfterMs !== undefined ? candidates[1] : undefined;
    try {
      const started = hedgeTo === undefined ? await attempt(primary, false, false).promise : await hedged(attempt, primary, hedgeTo, options.hedgeAfterMs!);
      return { started, modelCalls, fallbacks };
    } catch (error) {
      const last = error instanceof AttemptsFailed ? error.last : error;
      if (!mayFallBack(last) || request.signal.aborted) throw last;
      lastError = last;
      // A hedge already tried the next candidate.
      index += error instanceof AttemptsFailed ? 2 : 1;
    }
  }
  throw lastError;
}

/** Primary now, the hedge after `afterMs` without a start; first to start wins, the other is aborted. */
function hedged(attempt: (model: ModelRuntime, hedged: boolean, abortable: boolean) => Attempt, primary: ModelRuntime, hedge: ModelRuntime, afterMs: number): Promise<StartedResponse> {
  return new Promise((resolve, reject) => {
    const running: Attempt[] = [];
    let winner: StartedResponse | undefined;
    let failures = 0;
    let lastError: unknown;
    const launch = (model: ModelRuntime, isHedge: boolean) => {
      const current = attempt(model, isHedge, true);
      running.push(current);
      current.promise.then(
        (started) => {
          if (winner !== undefined) {
            started.abort(lostHedge);
            return;
          }
          winner = started;
          clearTimeout(timer);
          for (const other of running) if (other !== current) other.abort(lostHedge);
          resolve(started);
        },
        (error: unknown) => {
          lastError = error;
          failures++;
          if (winner !== undefined) return;
          if (running.length === 1) {
            // The primary failed before the hedge was due: no hedge; the caller falls back.
            clearTimeout(timer);
            reject(error);
          } else if (failures === running.length) {
            reject(new AttemptsFailed(lastError));
          }
        },
      );
    };
    launch(primary, false);
    const timer = setTimeout(() => launch(hedge, true), afterMs);
  });
}
