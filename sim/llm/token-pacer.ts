// Releases output units when their last token is due, with one timer per stream: each tick writes
// every unit due so far in a single batch. Ticks are at least `minTickWallMs` apart, so a thousand
// concurrent streams cost a few hundred timer callbacks a second, not one per token; at small time
// scales tokens arrive in bursts, as they do from real providers behind buffering proxies. The last
// unit is never held back by the minimum tick, so a stream ends when its last token is due.

import type { SimClock } from '../clock/index.js';

export const defaultMinTickWallMs = 15;
/** Wall ms added to the minimum tick per call in flight (see minTickForLoad). */
const tickWallMsPerActiveCall = 0.05;

/**
 * The minimum tick for a new stream when `activeCalls` are in flight. A tick costs about 30 µs of
 * CPU (socket write, timer, encoding), so a thousand streams at 15 ms would need two cores and
 * would fall behind; stretching the tick with the load (50 ms at 1,000 calls) keeps the server
 * near half a core. Only the spacing of intermediate tokens coarsens: the first and the last
 * token of every stream still arrive when due.
 */
export function minTickForLoad(activeCalls: number): number {
  return Math.max(defaultMinTickWallMs, activeCalls * tickWallMsPerActiveCall);
}

export interface PaceUnitsOptions<Unit extends { endToken: number }> {
  clock: SimClock;
  units: readonly Unit[];
  /** Scenario ms between output tokens; token 0 is due at once (the call starts at the first token). */
  msPerOutputToken: number;
  /**
   * Receives each batch of due units, in order; the first call is synchronous (maybe with no
   * units), and `last` is true on the call that completes the stream (so it can end in one write).
   */
  write(batch: Unit[], last: boolean): void;
  signal: AbortSignal;
  minTickWallMs?: number;
}

/** Resolves when every unit has been written; rejects with the signal's reason when aborted. */
export function paceUnits<Unit extends { endToken: number }>(options: PaceUnitsOptions<Unit>): Promise<void> {
  const { clock, units, msPerOutputToken, write, signal } = options;
  const minTick = options.minTickWallMs ?? defaultMinTickWallMs;
  const startedAt = clock.now();
  const dueAt = (unit: Unit) => startedAt + clock.toWall((unit.endToken - 1) * msPerOutputToken);
  // Date.now() has 1 ms resolution: a unit due within it is due now.
  const resolutionMs = 1;

  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    let next = 0;
    let first = true;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const tick = () => {
      timer = undefined;
      const now = clock.now();
      let end = next;
      while (end < units.length && dueAt(units[end] as Unit) <= now + resolutionMs) end++;
      if (end > next || first) {
        first = false;
        const batch = units.slice(next, end);
        next = end;
        write(batch, next >= units.length);
      }
      if (signal.aborted) return;
      if (next >= units.length) {
        signal.removeEventListener('abort', onAbort);
        resolve();
        return;
      }
      const nextDue = dueAt(units[next] as Unit);
      const lastDue = dueAt(units[units.length - 1] as Unit);
      const target = Math.min(Math.max(now + minTick, nextDue), lastDue);
      timer = setTimeout(tick, Math.max(0, target - now));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    tick();
  });
}
