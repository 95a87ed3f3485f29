// Remembers, per run, the side-effecting calls already made, so a repeated call id (a model or client
// retry) gets the first call's result instead of a second effect. Entries expire after a TTL; the
// sweep runs lazily on use, so no timer is ever left behind.

export interface LedgerEntry<T> {
  /** Canonical JSON of the input: a reused id with another input is a mistake, not a repeat. */
  inputKey: string;
  outcome: Promise<T>;
}

interface RunEntries<T> {
  lastUsed: number;
  calls: Map<string, LedgerEntry<T>>;
}

export class SideEffectLedger<T> {
  private readonly runs = new Map<string, RunEntries<T>>();
  private lastSweep = 0;

  constructor(private readonly options: { ttlMs: number; now: () => number }) {}

  get(requestId: string, callId: string): LedgerEntry<T> | undefined {
    return this.runs.get(requestId)?.calls.get(callId);
  }

  set(requestId: string, callId: string, entry: LedgerEntry<T>): void {
    const now = this.options.now();
    this.sweep(now);
    let run = this.runs.get(requestId);
    if (!run) {
      run = { lastUsed: now, calls: new Map() };
      this.runs.set(requestId, run);
    }
    run.lastUsed = now;
    run.calls.set(callId, entry);
  }

  forget(requestId: string): void {
    this.runs.delete(requestId);
  }

  get size(): number {
    return this.runs.size;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < Math.min(this.options.ttlMs, 1_000)) return;
    this.lastSweep = now;
    for (const [requestId, run] of this.runs) {
      if (now - run.lastUsed > this.options.ttlMs) this.runs.delete(requestId);
    }
  }
}
