// An in-process cache store: least-recently-used entries go first once an estimated byte budget is
// spent, entries expire after their TTL, and a tag index (tag → keys) finds what an invalidation must
// evict. Every method is synchronous, so a hit costs no extra microtask. Values are kept by
// reference: treat cached values as immutable.

import type { CacheSetOptions, CacheStore } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { estimateBytes } from './estimate-bytes.js';

export interface MemoryStoreOptions {
  /** Budget for the estimated size of keys and values; least recently used entries go beyond it. */
  maxBytes: number;
  /** Clock for TTLs (default `performance.now`). */
  now?: () => number;
  /** Size estimate of a value in bytes (default: JSON length × 2). */
  sizeOf?: (value: unknown) => number;
}

export interface MemoryStoreSetOptions extends CacheSetOptions {
  /** The value's size when the caller already knows it (skips the estimate). */
  bytes?: number;
}

export type MemoryEvictionReason = 'lru' | 'ttl' | 'tag' | 'delete';

export interface MemoryStoreStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  evictions: Record<MemoryEvictionReason, number>;
}

export interface MemoryStore<Value> extends CacheStore<Value> {
  get(key: string): Value | undefined;
  set(key: string, value: Value, options?: MemoryStoreSetOptions): void;
  delete(key: string): void;
  invalidateTags(tags: readonly string[]): number;
  has(key: string): boolean;
  /** Live and not-yet-collected entries. */
  readonly size: number;
  /** Estimated bytes held. */
  readonly bytes: number;
  clear(): void;
  /** Forgets everything held in this process (the same as `clear` for a memory store). */
  dropLocal(): void;
  stats(): MemoryStoreStats;
}

interface MemoryEntry<Value> {
  value: Value;
  expiresAt: number;
  tags: readonly string[];
  bytes: number;
}

class MemoryCacheStore<Value> implements MemoryStore<Value> {
  private readonly entriesByKey = new Map<string, MemoryEntry<Value>>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private readonly maxBytes: number;
  private readonly now: () => number;
  private readonly sizeOf: (value: unknown) => number;
  private heldBytes = 0;
  private hits = 0;
  private misses = 0;
  private readonly evictions: Record<MemoryEvictionReason, number> = { lru: 0, ttl: 0, tag: 0, delete: 0 };

  constructor(options: MemoryStoreOptions) {
    this.maxBytes = options.maxBytes;
    this.now = options.now ?? (() => performance.now());
    this.sizeOf = options.sizeOf ?? estimateBytes;
  }

  get size(): number {
    return this.entriesByKey.size;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  get(key: string): Value | undefined {
    const entry = this.entriesByKey.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    if (entry.expiresAt <= this.now()) {
      this.remove(key, entry, 'ttl');
      this.misses++;
      return undefined;
    }
    // Re-inserting moves the key to the young end of the Map's order: that order is the LRU list.
    this.entriesByKey.delete(key);
    this.entriesByKey.set(key, entry);
    this.hits++;
    return entry.value;
  }

  has(key: string): boolean {
    const entry = this.entriesByKey.get(key);
    return entry !== undefined && entry.expiresAt > this.now();
  }

  set(key: string, value: Value, options: MemoryStoreSetOptions = {}): void {
    const existing = this.entriesByKey.get(key);
    if (existing) this.remove(key, existing, undefined);
    const ttlMs = options.ttlMs;
    if (ttlMs !== undefined && !(ttlMs > 0)) return;
    const bytes = (options.bytes ?? this.sizeOf(value)) + key.length * 2;
    // A value larger than the whole budget would only evict everything and then itself.
    if (bytes > this.maxBytes) return;
    const tags = options.tags && options.tags.length > 0 ? [...new Set(options.tags)] : [];
    const expiresAt = ttlMs === undefined ? Number.POSITIVE_INFINITY : this.now() + ttlMs;
    this.entriesByKey.set(key, { value, expiresAt, tags, bytes });
    this.heldBytes += bytes;
    for (const tag of tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.evictOverBudget();
  }

  delete(key: string): void {
    const entry = this.entriesByKey.get(key);
    if (entry) this.remove(key, entry, 'delete');
  }

  invalidateTags(tags: readonly string[]): number {
    let evicted = 0;
    const now = this.now();
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) {
        const entry = this.entriesByKey.get(key);
        if (!entry) continue;
        if (entry.expiresAt > now) evicted++;
        this.remove(key, entry, 'tag');
      }
    }
    return evicted;
  }

  async *entries(): AsyncIterable<[string, Value]> {
    // A snapshot, so callers may write to the store while they iterate.
    const snapshot = [...this.entriesByKey];
    for (const [key, entry] of snapshot) {
      if (entry.expiresAt > this.now() && this.entriesByKey.get(key) === entry) yield [key, entry.value];
    }
  }

  clear(): void {
    this.entriesByKey.clear();
    this.keysByTag.clear();
    this.heldBytes = 0;
  }

  dropLocal(): void {
    this.clear();
  }

  stats(): MemoryStoreStats {
    return { entries: this.entriesByKey.size, bytes: this.heldBytes, hits: this.hits, misses: this.misses, evictions: { ...this.evictions } };
  }

  async close(): Promise<void> {
    this.clear();
  }

  private evictOverBudget(): void {
    while (this.heldBytes > this.maxBytes) {
      const oldest = this.entriesByKey.entries().next();
      if (oldest.done) return;
      const [key, entry] = oldest.value;
      this.remove(key, entry, entry.expiresAt <= this.now() ? 'ttl' : 'lru');
    }
  }

  /** Drops an entry and its tag index rows; `reason` is undefined for an overwrite. */
  private remove(key: string, entry: MemoryEntry<Value>, reason: MemoryEvictionReason | undefined): void {
    this.entriesByKey.delete(key);
    this.heldBytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.keysByTag.delete(tag);
    }
    if (reason) this.evictions[reason]++;
  }
}

/** An in-process store bounded by `maxBytes`; options are checked here, once. */
export function createMemoryStore<Value = unknown>(options: MemoryStoreOptions): MemoryStore<Value> {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object with maxBytes');
  if (!(Number.isFinite(options.maxBytes) && options.maxBytes > 0)) throw invalid('maxBytes', `must be a positive number (got ${String(options.maxBytes)})`);
  if (options.now !== undefined && typeof options.now !== 'function') throw invalid('now', 'must be a function returning milliseconds');
  if (options.sizeOf !== undefined && typeof options.sizeOf !== 'function') throw invalid('sizeOf', 'must be a function returning bytes');
  return new MemoryCacheStore<Value>(options);
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createMemoryStore: option ${option} ${message}`, { details: { option } });
}
