// Where caches keep entries. The in-memory store and the Redis store implement the same interface
// and pass one contract suite. Reads may answer synchronously (an in-memory hit costs no extra tick).

export interface CacheSetOptions {
  /** Time to live; the entry is gone (or stale, for stores that keep stale entries) after it. */
  ttlMs?: number;
  /** Tags the entry depends on ("ticket:INC-4821"); invalidating one evicts the entry. */
  tags?: readonly string[];
}

export interface CacheStore<Value> {
  get(key: string): Value | undefined | Promise<Value | undefined>;
  set(key: string, value: Value, options?: CacheSetOptions): void | Promise<void>;
  delete(key: string): void | Promise<void>;
  /** Evicts every entry carrying any of the tags; resolves with how many were evicted here. */
  invalidateTags(tags: readonly string[]): number | Promise<number>;
  /** Every live entry (to warm an index at start-up). */
  entries(): AsyncIterable<[string, Value]>;
  close?(): Promise<void>;
}

/** A change announced by a backend or by hotpath itself: the data behind these tags changed. */
export interface ChangeNotice {
  tags: readonly string[];
  /** Who announced it: "webhook", "redis", "api", "write" (hotpath's own side-effecting call), "ttl". */
  source: string;
  /** Epoch ms when the change happened, when known. */
  at?: number;
  /** Scope the notice to one tenant or user, when it concerns only them. */
  tenant?: string;
  user?: string;
}

/** Carries change notices to every cache layer, in this process and (with Redis) in every other. */
export interface InvalidationBus {
  publish(notice: ChangeNotice): Promise<void>;
  subscribe(listener: (notice: ChangeNotice) => void): () => void;
  close?(): Promise<void>;
}
