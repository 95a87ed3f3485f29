// The last finished requests with their spans, bounded (the oldest go first), and listeners for the
// dashboard's live feed.

import type { RequestRecord } from './request-record.js';

export class RecentRuns {
  readonly #capacity: number;
  readonly #byId = new Map<string, RequestRecord>();
  readonly #listeners = new Set<(record: RequestRecord) => void>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  add(record: RequestRecord): void {
    this.#byId.delete(record.id);
    this.#byId.set(record.id, record);
    if (this.#byId.size > this.#capacity) this.#byId.delete(this.#byId.keys().next().value!);
    for (const listener of this.#listeners) {
      try {
        listener(record);
      } catch {
        // A failing listener (a closed dashboard stream) must not fail the request that finished.
      }
    }
  }

  get(id: string): RequestRecord | undefined {
    return this.#byId.get(id);
  }

  /** Newest first. */
  list(limit = this.#capacity): RequestRecord[] {
    return [...this.#byId.values()].reverse().slice(0, limit);
  }

  subscribe(listener: (record: RequestRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }
}
