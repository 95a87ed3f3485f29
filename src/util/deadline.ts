// Deadlines are absolute epoch milliseconds: they compose across layers (a run's deadline bounds every
// model and tool call inside it) without each layer re-deriving remaining budgets from durations.

import { HotpathError } from './hotpath-error.js';

/** Milliseconds left before `deadline` (Infinity without one). */
export function remainingMs(deadline: number | undefined, now = Date.now()): number {
  return deadline === undefined ? Number.POSITIVE_INFINITY : deadline - now;
}

/** The earlier of two optional deadlines. */
export function earliestDeadline(first: number | undefined, second: number | undefined): number | undefined {
  if (first === undefined) return second;
  if (second === undefined) return first;
  return Math.min(first, second);
}

/**
 * A signal that aborts when the parent aborts, when `deadline` passes, or after `timeoutMs`,
 * whichever comes first. The reason is a HotpathError naming which limit was hit.
 */
export function deadlineSignal(options: { signal?: AbortSignal; deadline?: number; timeoutMs?: number; what?: string }): {
  signal: AbortSignal;
  dispose(): void;
} {
  const { signal: parent, deadline, timeoutMs, what = 'operation' } = options;
  const controller = new AbortController();
  const timers: NodeJS.Timeout[] = [];
  const onParentAbort = () => controller.abort(parent?.reason ?? new HotpathError('HOTPATH_ABORTED', `${what} was aborted`));
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener('abort', onParentAbort, { once: true });

  const left = remainingMs(deadline);
  const timeout = timeoutMs ?? Number.POSITIVE_INFINITY;
  if (!controller.signal.aborted && Number.isFinite(Math.min(left, timeout))) {
    const byDeadline = left <= timeout;
    const delay = Math.max(0, Math.min(left, timeout));
    const reason = () =>
      byDeadline
        ? new HotpathError('HOTPATH_DEADLINE_EXCEEDED', `${what} ran past the request deadline`)
        : new HotpathError('HOTPATH_TIMEOUT', `${what} timed out after ${timeoutMs} ms`);
    if (delay === 0) controller.abort(reason());
    else timers.push(setTimeout(() => controller.abort(reason()), delay));
  }
  return {
    signal: controller.signal,
    dispose() {
      for (const timer of timers) clearTimeout(timer);
      parent?.removeEventListener('abort', onParentAbort);
    },
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
