// One factor multiplies every simulated delay: 1.0 is real time, 0.05 runs twenty times faster.
// Delays are stated in scenario milliseconds; the clock turns them into wall milliseconds.

export interface SimClock {
  readonly timeScale: number;
  /** Wall-clock milliseconds since the epoch (shared with whoever scores the answers). */
  now(): number;
  /** Waits `scenarioMs` scaled by the time scale; rejects with the signal's reason when aborted. */
  sleep(scenarioMs: number, signal?: AbortSignal): Promise<void>;
  /** Scenario milliseconds to wall milliseconds. */
  toWall(scenarioMs: number): number;
}

export function createSimClock(timeScale = 1): SimClock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) {
    throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  }
  const toWall = (scenarioMs: number) => Math.max(0, scenarioMs * timeScale);
  return {
    timeScale,
    now: () => Date.now(),
    toWall,
    sleep: (scenarioMs, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const wallMs = toWall(scenarioMs);
        if (wallMs < 0.5) return resolve();
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        // Node's timers run off a loop clock that can lag by a millisecond, so a timer may fire early:
        // a simulated delay is re-armed until it has really passed.
        const dueAt = performance.now() + wallMs;
        let timer: NodeJS.Timeout;
        const wake = () => {
          const left = dueAt - performance.now();
          if (left > 0) {
            timer = setTimeout(wake, left);
            return;
          }
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        timer = setTimeout(wake, wallMs);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
