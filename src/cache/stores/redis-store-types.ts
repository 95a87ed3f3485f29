// Options and health of the Redis-backed cache store.

import type { CacheStore } from '../../spec/index.js';
import type { RedisTarget } from './redis-connection.js';

export interface RedisStoreOptions {
  /** A redis:// URL (the store opens and closes its connections) or an ioredis client (used as is, not closed). */
  redis: RedisTarget;
  /** Namespace of every key the store writes, e.g. "hotpath:tools:". */
  prefix: string;
  /** The in-process L1 in front of Redis (default 16 MiB, entries kept at most 30 s); false for none. */
  l1?: false | { maxBytes?: number; maxTtlMs?: number };
  /** A command without a reply after this long counts as failed (default 250 ms). */
  commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts (default 1,000 ms). */
  maxReconnectDelayMs?: number;
  /** Deletions/invalidations remembered while Redis is away (default 10,000); beyond it the prefix is purged on reconnect. */
  maxPendingInvalidations?: number;
  /** Clock of the L1's TTLs (default `performance.now`). */
  now?: () => number;
}

export interface RedisStoreStats {
  /** Commands go through and the L1's coherence channel is subscribed. */
  connected: boolean;
  l1: { hits: number; misses: number; entries: number; bytes: number };
  redis: { hits: number; misses: number; errors: number };
  /** Deletions/invalidations waiting for Redis to come back. */
  pendingInvalidations: number;
}

export interface RedisStore<Value> extends CacheStore<Value> {
  readonly connected: boolean;
  stats(): RedisStoreStats;
  /** Forgets this process's L1 (Redis is untouched). */
  dropLocal(): void;
  /** Resolves true once Redis is usable (connected, subscribed, nothing left to replay), false after `timeoutMs`. */
  whenConnected(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
