// Reads that missed and are being computed: for each (request, call), the key and the tag-clock
// snapshot taken before the tool was called. A result is stored only if none of its tags was
// invalidated since. Bounded: the oldest are forgotten first (their results then go uncached).

import type { TagClockSnapshot } from '../invalidation/tag-clock.js';

export interface PendingRead {
  key: string;
  /** The stored tags of the entry the read will produce. */
  tags: string[];
  snapshot: TagClockSnapshot;
  input: unknown;
}

export class PendingReads {
  private readonly reads = new Map<string, PendingRead>();
  constructor(private readonly maxReads: number) {}

  get size(): number {
    return this.reads.size;
  }

  add(requestId: string, callId: string, read: PendingRead): void {
    const id = `${requestId}\u0000${callId}`;
    this.reads.delete(id);
    this.reads.set(id, read);
    // Reads that never come back (a failed call, a single-flight follower) leave this way.
    if (this.reads.size > this.maxReads) this.reads.delete(this.reads.keys().next().value as string);
  }

  take(requestId: string, callId: string): PendingRead | undefined {
    const id = `${requestId}\u0000${callId}`;
    const read = this.reads.get(id);
    if (read) this.reads.delete(id);
    return read;
  }
}
