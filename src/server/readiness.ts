// Ready means: provider pools connected, models awake, caches reachable. Until the warm-up succeeds
// /readyz answers 503 with what is still pending or failed; failed parts are retried with backoff.
// On shutdown the gateway stops being ready at once, so load balancers drain it.

import type { GatewayRuntime, WarmUpReport } from './runtime/gateway-runtime.js';

export interface ReadinessState {
  ready: boolean;
  phase: 'warming' | 'ready' | 'retrying' | 'closing';
  warmed: string[];
  failed: Record<string, string>;
  attempts: number;
}

export class Readiness {
  readonly #runtime: Pick<GatewayRuntime, 'warmUp'>;
  readonly #onChange: (ready: boolean) => void;
  #state: ReadinessState = { ready: false, phase: 'warming', warmed: [], failed: {}, attempts: 0 };
  #timer: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  #closed = false;
  #warming: Promise<void> | undefined;

  constructor(runtime: Pick<GatewayRuntime, 'warmUp'>, onChange: (ready: boolean) => void = () => {}) {
    this.#runtime = runtime;
    this.#onChange = onChange;
  }

  get state(): ReadinessState {
    return this.#state;
  }

  get ready(): boolean {
    return this.#state.ready;
  }

  /** Warms until everything succeeded (retrying failures), unless closed first. */
  start(): Promise<void> {
    this.#warming ??= this.#attempt();
    return this.#warming;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#wake?.();
    this.#set({ ...this.#state, ready: false, phase: 'closing' });
  }

  async #attempt(): Promise<void> {
    if (this.#closed) return;
    const report: WarmUpReport = await this.#runtime.warmUp().catch((error: unknown) => ({ warmed: [], failed: { 'warm-up': String(error) } }));
    if (this.#closed) return;
    const attempts = this.#state.attempts + 1;
    const warmed = [...new Set([...this.#state.warmed, ...report.warmed])];
    if (Object.keys(report.failed).length === 0) {
      this.#set({ ready: true, phase: 'ready', warmed, failed: {}, attempts });
      return;
    }
    this.#set({ ready: false, phase: 'retrying', warmed, failed: report.failed, attempts });
    const delayMs = Math.min(30_000, 500 * 2 ** Math.min(attempts - 1, 6));
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      this.#timer = setTimeout(resolve, delayMs);
      this.#timer.unref();
    });
    return this.#attempt();
  }

  #set(state: ReadinessState): void {
    const changed = state.ready !== this.#state.ready;
    this.#state = state;
    if (changed) this.#onChange(state.ready);
  }
}
