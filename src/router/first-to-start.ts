// Hedged requests ("The Tail at Scale"): a call that has no first token by its deployment's TTFT
// quantile gets a twin on another deployment of the same tier; whichever produces a token first wins
// and the other is cancelled. An error before the first token does not end the race while the twin
// is still running. A per-attempt timeout abandons both.

import { HotpathError } from '../util/index.js';
import type { AttemptStart, ModelAttempt } from './model-attempt.js';
import type { ResolvedDeployment } from './router-options.js';

export interface FirstToStartOptions {
  primary: ResolvedDeployment;
  start(deployment: ResolvedDeployment, hedged: boolean): ModelAttempt;
  /** Ms after the start at which the call is hedged; undefined never hedges. */
  hedgeAfterMs: number | undefined;
  /** The hedge's deployment when the moment comes (undefined: none fits, or the hedge budget is spent). */
  hedgeTarget(): ResolvedDeployment | undefined;
  /** Ms the call may take to its first token. */
  attemptTimeoutMs: number | undefined;
}

export type FirstToStartResult =
  | { kind: 'started'; attempt: ModelAttempt; attempts: ModelAttempt[] }
  | { kind: 'failed'; error: unknown; attempts: ModelAttempt[] };

export function firstToStart(options: FirstToStartOptions): Promise<FirstToStartResult> {
  const attempts: ModelAttempt[] = [];
  return new Promise((resolve) => {
    let settled = false;
    let hedgeTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;
    const failures: unknown[] = [];
    const settle = (result: FirstToStartResult) => {
      settled = true;
      clearTimeout(hedgeTimer);
      clearTimeout(timeoutTimer);
      resolve(result);
    };
    const onStart = (attempt: ModelAttempt, start: AttemptStart) => {
      if (settled) return;
      if (start.kind === 'error') {
        failures.push(start.error);
        // A twin still running may yet win; with none, the failure ends the race (failover takes over
        // at once rather than wait for a hedge timer).
        const running = attempts.length - failures.length;
        if (running > 0) return;
        settle({ kind: 'failed', error: failures[0], attempts });
        return;
      }
      for (const other of attempts) if (other !== attempt) other.cancel(new HotpathError('HOTPATH_ABORTED', `${attempt.deployment.id} answered first; hedged twin cancelled`));
      settle({ kind: 'started', attempt, attempts });
    };
    const launch = (deployment: ResolvedDeployment, hedged: boolean) => {
      const attempt = options.start(deployment, hedged);
      attempts.push(attempt);
      void attempt.started.then((start) => onStart(attempt, start));
    };
    launch(options.primary, false);
    if (options.hedgeAfterMs !== undefined) {
      hedgeTimer = setTimeout(() => {
        if (settled) return;
        const target = options.hedgeTarget();
        if (target !== undefined) launch(target, true);
      }, options.hedgeAfterMs);
    }
    if (options.attemptTimeoutMs !== undefined) {
      const limit = options.attemptTimeoutMs;
      timeoutTimer = setTimeout(() => {
        if (settled) return;
        const error = new HotpathError('HOTPATH_TIMEOUT', `no first token from ${attempts.map((attempt) => attempt.deployment.id).join(' or ')} within ${limit} ms`, {
          details: { deployments: attempts.map((attempt) => attempt.deployment.id) },
        });
        for (const attempt of attempts) attempt.cancel(error);
        settle({ kind: 'failed', error, attempts });
      }, limit);
    }
  });
}
