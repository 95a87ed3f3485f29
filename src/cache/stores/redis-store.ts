// A cache store shared by every hotpath process through Redis, with a small in-process L1 in front.
// Values are JSON with a PX TTL; the tag index lives beside them and changes atomically with them
// (Lua scripts). The L1 stays coherent through a pub/sub channel: every delete, invalidation and
// overwrite tells the other processes which keys and tags to drop from their L1.
//
// Redis going away never fails or delays a request: commands fail at once, reads fall back to the
// L1 and then miss, writes land in the L1 only, and deletions/invalidations that Redis could not
// take are queued and replayed on reconnect before Redis is read again (so an entry invalidated
// during the outage is not served afterwards).

import type { Redis } from 'ioredis';
import type { CacheSetOptions } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { TagClock } from '../invalidation/tag-clock.js';
import { createMemoryStore, type MemoryStore } from './memory-store.js';
import { RedisChannel } from './redis-channel.js';
import { closeRedis, openRedis, openSubscriber, type RedisTarget } from './redis-connection.js';
import { redisStoreScripts } from './redis-scripts.js';
import type { RedisStore, RedisStoreOptions, RedisStoreStats } from './redis-store-types.js';

/** What one process tells the others about their L1: keys and tags to drop, or everything. */
interface CoherenceMessage {
  k?: string[];
  t?: string[];
  all?: boolean;
}

interface PendingInvalidations {
  keys: Set<string>;
  tags: Set<string>;
  /** Too much was missed to list: every key under the prefix goes. */
  purge: boolean;
}

const defaultL1 = { maxBytes: 16 * 1024 * 1024, maxTtlMs: 30_000 };

class RedisCacheStore<Value> implements RedisStore<Value> {
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly subscriber: Redis | undefined;
  private readonly channel: RedisChannel | undefined;
  private readonly l1: MemoryStore<Value> | undefined;
  private readonly l1MaxTtlMs: number;
  private readonly prefix: string;
  private readonly commandTimeoutMs: number;
  private readonly maxPending: number;
  private readonly pending: PendingInvalidations = { keys: new Set(), tags: new Set(), purge: false };
  private replaying: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** When each key (as `keyMark`) and tag was last dropped; a Redis read that overlapped a drop does not fill the L1. */
  private readonly clock = new TagClock();
  private closed = false;
  private readonly counters = { l1Hits: 0, l1Misses: 0, redisHits: 0, redisMisses: 0, redisErrors: 0 };

  constructor(options: RedisStoreOptions) {
    this.prefix = options.prefix;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 250;
    this.maxPending = options.maxPendingInvalidations ?? 10_000;
    const connection = { commandTimeoutMs: this.commandTimeoutMs, ...(options.maxReconnectDelayMs === undefined ? {} : { maxReconnectDelayMs: options.maxReconnectDelayMs }) };
    const opened = openRedis(options.redis, { ...connection, option: 'redis', owner: 'createRedisStore' });
    this.client = opened.client;
    this.ownsClient = opened.owned;
    this.client.on('ready', () => void this.replay());
    const l1 = options.l1 === false ? undefined : { ...defaultL1, ...options.l1 };
    this.l1MaxTtlMs = l1?.maxTtlMs ?? 0;
    if (l1) {
      this.l1 = createMemoryStore<Value>({ maxBytes: l1.maxBytes, ...(options.now ? { now: options.now } : {}) });
      this.subscriber = openSubscriber(options.redis, connection);
      this.channel = new RedisChannel({
        publisher: this.client,
        subscriber: this.subscriber,
        channel: `${this.prefix}l1`,
        publishTimeoutMs: this.commandTimeoutMs,
        onMessage: (message) => this.applyCoherence(message),
        onResync: () => this.dropLocal(),
      });
    }
  }

  get connected(): boolean {
    return this.client.status === 'ready' && (this.channel?.connected ?? true);
  }

  get(key: string): Value | undefined | Promise<Value | undefined> {
    if (this.l1) {
      const local = this.l1.get(key);
      if (local !== undefined) {
        this.counters.l1Hits++;
        return local;
      }
      this.counters.l1Misses++;
    }
    if (!this.redisUsable()) {
      this.counters.redisMisses++;
      return undefined;
    }
    return this.fetch(key);
  }

  async set(key: string, value: Value, options: CacheSetOptions = {}): Promise<void> {
    const { ttlMs } = options;
    if (ttlMs !== undefined && !(ttlMs > 0)) return this.delete(key);
    const json = JSON.stringify(value);
    if (json === undefined) return;
    const tags = options.tags ? [...new Set(options.tags)] : [];
    this.l1?.set(key, value, { ttlMs: this.l1Ttl(ttlMs), tags, bytes: json.length * 2 });
    if (!this.redisUsable()) return;
    try {
      await this.command(() => redisStoreScripts.set.run(this.client, [this.prefix, key, json, ttlMs ?? 0, ...tags]));
      // Only now: a process that drops its older copy must find the new value when it reads again.
      void this.channel?.publish({ k: [key] } satisfies CoherenceMessage);
    } catch {
      this.counters.redisErrors++;
    }
  }

  async delete(key: string): Promise<void> {
    this.l1?.delete(key);
    this.clock.touch([keyMark(key)]);
    if (this.redisUsable()) {
      try {
        await this.command(() => redisStoreScripts.delete.run(this.client, [this.prefix, key]));
        void this.channel?.publish({ k: [key] } satisfies CoherenceMessage);
        return;
      } catch {
        this.counters.redisErrors++;
      }
    }
    this.remember({ keys: [key], tags: [] });
  }

  async invalidateTags(tags: readonly string[]): Promise<number> {
    if (tags.length === 0) return 0;
    const localCount = this.l1?.invalidateTags(tags) ?? 0;
    this.clock.touch(tags);
    if (this.redisUsable()) {
      try {
        const evicted = await this.command(() => redisStoreScripts.invalidate.run(this.client, [this.prefix, ...tags]));
        void this.channel?.publish({ t: [...tags] } satisfies CoherenceMessage);
        return Math.max(Array.isArray(evicted) ? evicted.length : 0, localCount);
      } catch {
        this.counters.redisErrors++;
      }
    }
    this.remember({ keys: [], tags });
    return localCount;
  }

  async *entries(): AsyncIterable<[string, Value]> {
    if (!this.redisUsable()) {
      if (this.l1) yield* this.l1.entries();
      return;
    }
    const pattern = `${escapeGlob(this.prefix)}v:*`;
    const valueKeyStart = this.prefix.length + 2;
    let cursor = '0';
    try {
      do {
        const [next, keys] = await this.command(() => this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 200));
        cursor = next;
        if (keys.length === 0) continue;
        const values = await this.command(() => this.client.mget(...keys));
        for (let index = 0; index < keys.length; index++) {
          const parsed = parseJson<Value>(values[index]);
          if (parsed.ok) yield [keys[index]!.slice(valueKeyStart), parsed.value];
        }
      } while (cursor !== '0');
    } catch {
      this.counters.redisErrors++;
    }
  }

  dropLocal(): void {
    this.l1?.clear();
    this.clock.touchAll();
  }

  stats(): RedisStoreStats {
    const l1 = this.l1?.stats();
    return {
      connected: this.connected,
      l1: { hits: this.counters.l1Hits, misses: this.counters.l1Misses, entries: l1?.entries ?? 0, bytes: l1?.bytes ?? 0 },
      redis: { hits: this.counters.redisHits, misses: this.counters.redisMisses, errors: this.counters.redisErrors },
      pendingInvalidations: this.pending.keys.size + this.pending.tags.size + (this.pending.purge ? 1 : 0),
    };
  }

  async whenConnected(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.channel && !(await this.channel.whenSubscribed(timeoutMs))) return false;
    while (!(this.connected && this.redisUsable())) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return true;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.channel?.close();
    this.l1?.clear();
    if (this.subscriber) await closeRedis(this.subscriber);
    if (this.ownsClient) await closeRedis(this.client);
  }

  private async fetch(key: string): Promise<Value | undefined> {
    const startedAt = this.clock.now;
    let reply: unknown;
    try {
      reply = await this.command(() => redisStoreScripts.get.run(this.client, [this.prefix, key]));
    } catch {
      this.counters.redisErrors++;
      this.counters.redisMisses++;
      return undefined;
    }
    const [raw, remainingMs, tags] = Array.isArray(reply) ? (reply as [unknown, unknown, unknown]) : [null, -2, []];
    const parsed = parseJson<Value>(raw);
    if (!parsed.ok || remainingMs === -2) {
      this.counters.redisMisses++;
      return undefined;
    }
    this.counters.redisHits++;
    // Fill the L1 only if nothing was invalidated while the read was in flight and the coherence
    // channel is up (otherwise a later invalidation could not reach the copy).
    if (this.l1 && this.channel?.connected) {
      const ttlMs = typeof remainingMs === 'number' && remainingMs > 0 ? remainingMs : undefined;
      const entryTags = Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
      if (this.clock.changedAfter(startedAt, [keyMark(key), ...entryTags])) return parsed.value;
      this.l1.set(key, parsed.value, { ttlMs: this.l1Ttl(ttlMs), tags: entryTags, bytes: String(raw).length * 2 });
    }
    return parsed.value;
  }

  private l1Ttl(ttlMs: number | undefined): number {
    return ttlMs === undefined ? this.l1MaxTtlMs : Math.min(ttlMs, this.l1MaxTtlMs);
  }

  /** Redis answers and holds nothing this process knows to be stale. */
  private redisUsable(): boolean {
    return !this.closed && this.client.status === 'ready' && this.replaying === undefined && !hasPending(this.pending);
  }

  /** Runs a command, bounded by the timeout even on a client given to us without one. */
  private command<Result>(run: () => Promise<Result>): Promise<Result> {
    if (this.ownsClient) return run();
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => reject(new HotpathError('HOTPATH_CACHE_ERROR', `Redis command took longer than ${this.commandTimeoutMs} ms`)), this.commandTimeoutMs);
      run().then(
        (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private applyCoherence(payload: unknown): void {
    if (!this.l1 || typeof payload !== 'object' || payload === null) return;
    const message = payload as CoherenceMessage;
    if (message.all === true) {
      this.dropLocal();
      return;
    }
    const keys = Array.isArray(message.k) ? message.k.filter((key): key is string => typeof key === 'string') : [];
    const tags = Array.isArray(message.t) ? message.t.filter((tag): tag is string => typeof tag === 'string') : [];
    for (const key of keys) this.l1.delete(key);
    this.l1.invalidateTags(tags);
    this.clock.touch([...keys.map(keyMark), ...tags]);
  }

  private remember(missed: { keys: readonly string[]; tags: readonly string[] }): void {
    if (this.pending.purge) return;
    for (const key of missed.keys) this.pending.keys.add(key);
    for (const tag of missed.tags) this.pending.tags.add(tag);
    if (this.pending.keys.size + this.pending.tags.size > this.maxPending) {
      this.pending.keys.clear();
      this.pending.tags.clear();
      this.pending.purge = true;
    }
    if (this.client.status === 'ready') void this.replay();
  }

  /** Applies the deletions and invalidations Redis missed, then tells the other L1s. */
  private replay(): Promise<void> {
    if (this.replaying || !hasPending(this.pending) || this.closed) return this.replaying ?? Promise.resolve();
    const run = async () => {
      while (hasPending(this.pending) && this.client.status === 'ready') {
        const batch = { keys: [...this.pending.keys], tags: [...this.pending.tags], purge: this.pending.purge };
        this.pending.keys.clear();
        this.pending.tags.clear();
        this.pending.purge = false;
        try {
          await this.applyBatch(batch);
        } catch {
          this.counters.redisErrors++;
          if (batch.purge) this.pending.purge = true;
          else this.remember(batch);
          // Still connected (a timeout, say): try again shortly rather than wait for a reconnect.
          this.retryTimer ??= setTimeout(() => {
            this.retryTimer = undefined;
            void this.replay();
          }, 200);
          this.retryTimer.unref();
          return;
        }
      }
    };
    this.replaying = run().finally(() => {
      this.replaying = undefined;
    });
    return this.replaying;
  }

  private async applyBatch(batch: { keys: string[]; tags: string[]; purge: boolean }): Promise<void> {
    if (batch.purge) {
      await this.purgeAll();
      await this.channel?.publish({ all: true } satisfies CoherenceMessage);
      return;
    }
    for (const key of batch.keys) await this.command(() => redisStoreScripts.delete.run(this.client, [this.prefix, key]));
    for (let start = 0; start < batch.tags.length; start += 500) {
      const chunk = batch.tags.slice(start, start + 500);
      await this.command(() => redisStoreScripts.invalidate.run(this.client, [this.prefix, ...chunk]));
    }
    await this.channel?.publish({ k: batch.keys, t: batch.tags } satisfies CoherenceMessage);
  }

  private async purgeAll(): Promise<void> {
    const pattern = `${escapeGlob(this.prefix)}*`;
    let cursor = '0';
    do {
      const [next, keys] = await this.command(() => this.client.scan(cursor, 'MATCH', pattern, 'COUNT', 500));
      cursor = next;
      if (keys.length > 0) await this.command(() => this.client.del(...keys));
    } while (cursor !== '0');
  }
}

/** A key's entry in the clock, apart from tag names. */
function keyMark(key: string): string {
  return `\u0000key:${key}`;
}

function hasPending(pending: PendingInvalidations): boolean {
  return pending.purge || pending.keys.size > 0 || pending.tags.size > 0;
}

function parseJson<Value>(raw: unknown): { ok: true; value: Value } | { ok: false } {
  if (typeof raw !== 'string') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) as Value };
  } catch {
    return { ok: false };
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (character) => `\\${character}`);
}

/** A Redis-backed store with an in-process L1; options are checked here, once. */
export function createRedisStore<Value = unknown>(options: RedisStoreOptions): RedisStore<Value> {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object with redis and prefix');
  if (typeof options.prefix !== 'string' || options.prefix.length === 0) throw invalid('prefix', 'must be a non-empty string (e.g. "hotpath:tools:")');
  if (options.redis === undefined) throw invalid('redis', 'must be a redis:// URL or an ioredis client');
  checkPositive(options.commandTimeoutMs, 'commandTimeoutMs');
  checkPositive(options.maxReconnectDelayMs, 'maxReconnectDelayMs');
  checkPositive(options.maxPendingInvalidations, 'maxPendingInvalidations');
  if (options.l1 !== undefined && options.l1 !== false) {
    if (typeof options.l1 !== 'object' || options.l1 === null) throw invalid('l1', 'must be false or { maxBytes?, maxTtlMs? }');
    checkPositive(options.l1.maxBytes, 'l1.maxBytes');
    checkPositive(options.l1.maxTtlMs, 'l1.maxTtlMs');
  }
  return new RedisCacheStore<Value>(options);
}

function checkPositive(value: number | undefined, option: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) throw invalid(option, `must be a positive number (got ${String(value)})`);
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createRedisStore: option ${option} ${message}`, { details: { option } });
}

export type { RedisTarget };
