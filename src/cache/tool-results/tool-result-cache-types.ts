// Options, counters and surface of the tool-result cache.

import type { CacheStore, InvalidationBus, ToolContext, ToolResultCache, ToolResultCacheCall } from '../../spec/index.js';
import type { InvalidationTarget } from '../invalidation/cache-invalidator.js';
import type { ToolResultEntry } from './tool-result-entry.js';

/** Re-runs a call in the background for stale-while-revalidate and resolves with its fresh output. */
export type ToolResultRefresher = (call: ToolResultCacheCall, context: ToolContext) => Promise<unknown>;

export interface ToolResultCacheOptions {
  /** Where entries live (memory, or Redis shared by every process). */
  store: CacheStore<ToolResultEntry>;
  /** Change notices: evicts on each, and publishes one for each successful side-effecting call. */
  bus: InvalidationBus;
  /** Wall clock, epoch ms (default `Date.now`): entries shared through Redis are judged by it. */
  now?: () => number;
  /**
   * How a stale entry is refreshed (default: the tool's `execute`, bounded by its `timeoutMs` or 30 s).
   * Give one that goes through the tool executor to keep its limits and breakers: its own lookup of
   * the call misses while the refresh runs, and its `set` stores the fresh output.
   */
  refresh?: ToolResultRefresher;
  /** Name reported to a CacheInvalidator (default "tool-results"). */
  name?: string;
  /** Reads awaiting their result, at most (default 10,000). */
  maxPendingReads?: number;
  /** How long past its last servable moment an entry stays in the store, so its expiry is counted (default 1,000 ms). */
  ttlGraceMs?: number;
}

export interface ToolResultCacheStats {
  hits: number;
  misses: number;
  /** Stale entries served while a refresh ran. */
  staleServed: number;
  refreshes: number;
  refreshFailures: number;
  stored: number;
  /** Results not stored because a tag they depend on was invalidated while they were computed. */
  discardedAsStale: number;
  /** Results not stored because no miss was recorded for them (unknown read start). */
  discardedUntracked: number;
  /** Calls of cacheable tools that could not be cached (a user-scoped tool without a user). */
  bypassed: number;
  /** Store operations that failed (counted, never thrown). */
  errors: number;
  /** Entries evicted, by notice source ("webhook", "redis", "api", "write") and "ttl". */
  evictions: Record<string, number>;
}

export interface DefaultToolResultCache extends ToolResultCache, InvalidationTarget {
  /** The key of a call for a given tenant/user (for `invalidate({ keys })`), or undefined when uncacheable. */
  keyOf(call: ToolResultCacheCall, context: Pick<ToolContext, 'tenant' | 'user'>): string | undefined;
  stats(): ToolResultCacheStats;
  /** Stops listening to the bus. */
  close(): void;
}
