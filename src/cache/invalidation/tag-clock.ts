// A logical clock per tag: each invalidation advances it. A cache takes `snapshot(tags)` before it
// starts the work that computes a value and asks `changedSince(snapshot)` before storing the result.
// If any of the tags was invalidated in between, the work may have read the old data and its result
// must not be cached: otherwise a read in flight when a change lands would re-cache the old value.
//
// Memory stays bounded: beyond `maxTags` the least recently touched tags are forgotten and the clock
// remembers only that "something up to tick N" was forgotten, so an older snapshot counts as changed
// (a lost cache write, never a stale one).

import { HotpathError } from '../../util/index.js';

export interface TagClockSnapshot {
  /** The clock's tick when the snapshot was taken. */
  readonly at: number;
  readonly tags: readonly string[];
}

export interface TagClockOptions {
  /** Tags remembered before the oldest are forgotten (default 100,000). */
  maxTags?: number;
}

export class TagClock {
  private tick = 0;
  /** Tick of the latest invalidation of each tag, least recently touched first. */
  private readonly touched = new Map<string, number>();
  /** Snapshots at or before this tick cannot be checked tag by tag any more. */
  private floor = 0;
  private readonly maxTags: number;

  constructor(options: TagClockOptions = {}) {
    const maxTags = options.maxTags ?? 100_000;
    if (!(Number.isInteger(maxTags) && maxTags > 0)) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `TagClock: option maxTags must be a positive integer (got ${String(options.maxTags)})`, { details: { option: 'maxTags' } });
    }
    this.maxTags = maxTags;
  }

  /** The current tick. */
  get now(): number {
    return this.tick;
  }

  snapshot(tags: readonly string[]): TagClockSnapshot {
    return { at: this.tick, tags };
  }

  /** Whether any of the snapshot's tags was invalidated after it was taken. */
  changedSince(snapshot: TagClockSnapshot): boolean {
    return this.changedAfter(snapshot.at, snapshot.tags);
  }

  /** Whether any of `tags` was invalidated after tick `at` (for callers that learn the tags late). */
  changedAfter(at: number, tags: readonly string[]): boolean {
    if (at < this.floor) return true;
    for (const tag of tags) {
      const last = this.touched.get(tag);
      if (last !== undefined && last > at) return true;
    }
    return false;
  }

  /** Records an invalidation of `tags`, now. */
  touch(tags: readonly string[]): void {
    if (tags.length === 0) return;
    const tick = ++this.tick;
    for (const tag of tags) {
      this.touched.delete(tag);
      this.touched.set(tag, tick);
    }
    while (this.touched.size > this.maxTags) {
      const [oldest, oldestTick] = this.touched.entries().next().value as [string, number];
      this.touched.delete(oldest);
      this.floor = Math.max(this.floor, oldestTick);
    }
  }

  /** Records that anything may have changed (a missed notice, a reconnect). */
  touchAll(): void {
    this.floor = ++this.tick;
    this.touched.clear();
  }
}

export function createTagClock(options?: TagClockOptions): TagClock {
  return new TagClock(options);
}
