// The executor's cache of read-only tool results. Entries are keyed by tool, tenant, user (for
// user-scoped tools) and canonical input; they carry the tool's `reads` tags, scoped so that a
// notice for one tenant or user evicts only theirs. A result whose tags were invalidated while it was
// being computed is not stored. Stale-while-revalidate serves a stale entry once and refreshes it in
// the background (one refresh per key at a time); lookups during the refresh miss, so they join the
// executor's in-flight call instead of seeing the stale value again.

import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import type { CacheStore, ChangeNotice, InvalidationBus, ToolContext, ToolResultCacheCall } from '../../spec/index.js';
import { HotpathError, renderTags } from '../../util/index.js';
import { entryTags, keyTag, noticeTags } from '../invalidation/scoped-tags.js';
import { TagClock } from '../invalidation/tag-clock.js';
import { PendingReads } from './pending-reads.js';
import { toolCachePlan, type ToolCachePlan } from './tool-cache-policy.js';
import type { DefaultToolResultCache, ToolResultCacheOptions, ToolResultCacheStats, ToolResultRefresher } from './tool-result-cache-types.js';
import { isToolResultEntry, type ToolResultEntry } from './tool-result-entry.js';
import { toolResultKey } from './tool-result-key.js';

const tracer = trace.getTracer('hotpath');

interface Refresh {
  startedAt: number;
  timeoutMs: number;
}

/** Calls the tool itself, bounded by its timeout, and checks the output like the executor does. */
const executeTool: ToolResultRefresher = async (call, context) => {
  // Tools built for the executor also read the call id from their context.
  const output = await call.tool.execute(call.input, Object.assign({ callId: call.id }, context));
  return call.tool.outputSchema ? call.tool.outputSchema.parse(output) : output;
};

class ToolResultCacheImpl implements DefaultToolResultCache {
  readonly name: string;
  /** The tag clock that guards stores against reads that overlapped an invalidation. */
  readonly clock = new TagClock();
  private readonly store: CacheStore<ToolResultEntry>;
  private readonly bus: InvalidationBus;
  private readonly now: () => number;
  private readonly refresher: ToolResultRefresher;
  private readonly ttlGraceMs: number;
  private readonly pending: PendingReads;
  private readonly refreshing = new Map<string, Refresh>();
  private readonly applied = new WeakMap<ChangeNotice, Promise<number>>();
  private readonly unsubscribe: () => void;
  private readonly counters = {
    hits: 0, misses: 0, staleServed: 0, refreshes: 0, refreshFailures: 0, stored: 0,
    discardedAsStale: 0, discardedUntracked: 0, bypassed: 0, errors: 0,
  };
  private readonly evictions: Record<string, number> = { webhook: 0, redis: 0, api: 0, write: 0, ttl: 0 };

  constructor(options: ToolResultCacheOptions) {
    this.store = options.store;
    this.bus = options.bus;
    this.now = options.now ?? Date.now;
    this.refresher = options.refresh ?? executeTool;
    this.name = options.name ?? 'tool-results';
    this.ttlGraceMs = options.ttlGraceMs ?? 1000;
    this.pending = new PendingReads(options.maxPendingReads ?? 10_000);
    const unsubscribeNotices = this.bus.subscribe((notice) => void this.applyNotice(notice));
    const unsubscribeResync = subscribeResync(this.bus, () => this.forgetLocal());
    this.unsubscribe = () => {
      unsubscribeNotices();
      unsubscribeResync?.();
    };
  }

  keyOf(call: ToolResultCacheCall, context: Pick<ToolContext, 'tenant' | 'user'>): string | undefined {
    const plan = toolCachePlan(call.tool);
    return plan && toolResultKey({ toolName: call.toolName, input: call.input, context, plan });
  }

  get(call: ToolResultCacheCall, context: ToolContext): unknown {
    const plan = toolCachePlan(call.tool);
    if (!plan) return undefined;
    const key = toolResultKey({ toolName: call.toolName, input: call.input, context, plan });
    if (key === undefined) {
      this.counters.bypassed++;
      return undefined;
    }
    const span = tracer.startSpan('hotpath.cache.lookup', { attributes: { 'hotpath.cache.name': this.name, 'hotpath.tool.name': call.toolName } });
    let found: ToolResultEntry | undefined | Promise<ToolResultEntry | undefined>;
    try {
      found = this.store.get(key);
    } catch {
      this.counters.errors++;
      found = undefined;
    }
    if (found instanceof Promise) {
      return found.then(
        (entry) => this.resolve({ call, context, plan, key, entry, span }),
        () => {
          this.counters.errors++;
          return this.resolve({ call, context, plan, key, entry: undefined, span });
        },
      );
    }
    return this.resolve({ call, context, plan, key, entry: found, span });
  }

  set(call: ToolResultCacheCall, context: ToolContext, output: unknown): void | Promise<void> {
    const plan = toolCachePlan(call.tool);
    if (!plan || output === undefined) return;
    const read = this.pending.take(context.requestId, call.id);
    if (!read || read.input !== call.input) {
      // Without the moment the read started, a result may predate an invalidation: not stored.
      if (toolResultKey({ toolName: call.toolName, input: call.input, context, plan }) !== undefined) this.counters.discardedUntracked++;
      return;
    }
    if (this.clock.changedSince(read.snapshot)) {
      this.counters.discardedAsStale++;
      return;
    }
    return this.write({ key: read.key, tags: read.tags, plan, output });
  }

  async invalidate(call: ToolResultCacheCall, context: ToolContext): Promise<void> {
    const tags = renderTags(call.tool.writes, call.input).filter((tag) => tag.length > 0);
    if (tags.length === 0) return;
    const notice: ChangeNotice = { tags, source: 'write', at: this.now(), ...(context.tenant === undefined ? {} : { tenant: context.tenant }) };
    const span = tracer.startSpan('hotpath.cache.invalidate', { attributes: { 'hotpath.cache.name': this.name, 'hotpath.tool.name': call.toolName, 'hotpath.cache.tags': tags } });
    // Local delivery happens inside publish; the other processes' acknowledgement is not waited for.
    // If publishing fails, this process still must not serve the old value: it evicts below either way.
    const failedToPublish = (error: unknown) => {
      this.counters.errors++;
      span.recordException(error as Error);
    };
    try {
      this.bus.publish(notice).catch(failedToPublish);
    } catch (error) {
      failedToPublish(error);
    }
    const evicted = await this.applyNotice(notice);
    span.setAttribute('hotpath.cache.evicted', evicted);
    span.end();
  }

  applyNotice(notice: ChangeNotice): Promise<number> {
    const known = this.applied.get(notice);
    if (known) return known;
    const tags = noticeTags(notice);
    // The clock first: a read in flight now must not store what it computed.
    this.clock.touch(tags);
    let evicted: number | Promise<number>;
    try {
      evicted = this.store.invalidateTags(tags);
    } catch {
      evicted = Promise.reject(new HotpathError('HOTPATH_CACHE_ERROR', 'tool-result store failed to invalidate'));
    }
    const result = Promise.resolve(evicted).then(
      (count) => {
        this.evictions[notice.source] = (this.evictions[notice.source] ?? 0) + count;
        return count;
      },
      () => {
        this.counters.errors++;
        return 0;
      },
    );
    this.applied.set(notice, result);
    return result;
  }

  stats(): ToolResultCacheStats {
    return { ...this.counters, evictions: { ...this.evictions } };
  }

  close(): void {
    this.unsubscribe();
  }

  private resolve(options: { call: ToolResultCacheCall; context: ToolContext; plan: ToolCachePlan; key: string; entry: unknown; span: Span }): unknown {
    const { call, context, plan, key, entry, span } = options;
    const now = this.now();
    let result: 'hit' | 'stale' | 'miss' = 'miss';
    let value: unknown;
    if (isToolResultEntry(entry)) {
      if (now < entry.f) {
        result = 'hit';
        value = entry.v;
      } else if (now < entry.s && !this.isRefreshing(key, now)) {
        result = 'stale';
        value = entry.v;
        this.startRefresh({ call, context, plan, key });
      } else if (now >= entry.s) {
        this.evictions.ttl = (this.evictions.ttl ?? 0) + 1;
        this.deleteQuietly(key);
      }
    }
    if (result === 'hit') this.counters.hits++;
    else if (result === 'stale') this.counters.staleServed++;
    else this.recordMiss({ call, context, plan, key });
    span.setAttribute('hotpath.cache.result', result);
    span.end();
    return value;
  }

  private recordMiss(options: { call: ToolResultCacheCall; context: ToolContext; plan: ToolCachePlan; key: string }): void {
    const { call, context } = options;
    this.counters.misses++;
    const tags = this.tagsOf(options);
    this.pending.add(context.requestId, call.id, { key: options.key, tags, snapshot: this.clock.snapshot(tags), input: call.input });
  }

  private tagsOf(options: { call: ToolResultCacheCall; context: ToolContext; plan: ToolCachePlan; key: string }): string[] {
    const { call, context, plan, key } = options;
    const reads = renderTags(plan.reads, call.input).filter((tag) => tag.length > 0);
    const user = plan.scope === 'user' ? context.user : undefined;
    return [...entryTags({ tags: reads, tenant: context.tenant, user }), keyTag(key)];
  }

  private write(options: { key: string; tags: string[]; plan: ToolCachePlan; output: unknown }): void | Promise<void> {
    const { key, tags, plan, output } = options;
    const now = this.now();
    const freshUntil = now + plan.ttlMs;
    const entry: ToolResultEntry = { v: output, f: freshUntil, s: freshUntil + plan.staleWhileRevalidateMs };
    this.refreshing.delete(key);
    this.counters.stored++;
    try {
      const stored = this.store.set(key, entry, { ttlMs: plan.ttlMs + plan.staleWhileRevalidateMs + this.ttlGraceMs, tags });
      if (stored instanceof Promise) {
        return stored.catch(() => {
          this.counters.errors++;
        });
      }
    } catch {
      this.counters.errors++;
    }
  }

  private isRefreshing(key: string, now: number): boolean {
    const refresh = this.refreshing.get(key);
    if (!refresh) return false;
    // A refresh that outlived its timeout (a tool ignoring its signal) no longer blocks another.
    if (now - refresh.startedAt > refresh.timeoutMs) {
      this.refreshing.delete(key);
      return false;
    }
    return true;
  }

  private startRefresh(options: { call: ToolResultCacheCall; context: ToolContext; plan: ToolCachePlan; key: string }): void {
    const { call, context, plan, key } = options;
    const refresh: Refresh = { startedAt: this.now(), timeoutMs: plan.refreshTimeoutMs };
    this.refreshing.set(key, refresh);
    const tags = this.tagsOf(options);
    const snapshot = this.clock.snapshot(tags);
    // Not tied to the request that found the stale entry: that request is answered already.
    const refreshContext: ToolContext = {
      signal: AbortSignal.timeout(plan.refreshTimeoutMs),
      requestId: `${context.requestId}:refresh`,
      ...(context.user === undefined ? {} : { user: context.user }),
      ...(context.tenant === undefined ? {} : { tenant: context.tenant }),
    };
    setImmediate(() => {
      const span = tracer.startSpan('hotpath.cache.refresh', { attributes: { 'hotpath.cache.name': this.name, 'hotpath.tool.name': call.toolName } });
      void Promise.resolve()
        .then(() => this.refresher(call, refreshContext))
        .then(
          (output) => {
            this.counters.refreshes++;
            // The executor's own `set` may have stored it already (and ended this refresh).
            if (this.refreshing.get(key) !== refresh || output === undefined) return;
            if (this.clock.changedSince(snapshot)) {
              this.counters.discardedAsStale++;
              return;
            }
            return this.write({ key, tags, plan, output });
          },
          (error: unknown) => {
            this.counters.refreshFailures++;
            span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message ?? String(error) });
          },
        )
        .finally(() => {
          if (this.refreshing.get(key) === refresh) this.refreshing.delete(key);
          span.end();
        });
    });
  }

  private deleteQuietly(key: string): void {
    try {
      const deleted = this.store.delete(key);
      if (deleted instanceof Promise) deleted.catch(() => this.counters.errors++);
    } catch {
      this.counters.errors++;
    }
  }

  /** Notices may have been missed (the bus reconnected): forget what this process cannot vouch for. */
  private forgetLocal(): void {
    this.clock.touchAll();
    const store = this.store as CacheStore<ToolResultEntry> & { dropLocal?: () => void };
    store.dropLocal?.();
  }
}

function subscribeResync(bus: InvalidationBus, listener: () => void): (() => void) | undefined {
  const withResync = bus as InvalidationBus & { onResync?: (listener: () => void) => () => void };
  return typeof withResync.onResync === 'function' ? withResync.onResync(listener) : undefined;
}

/** A tool-result cache over `store`, evicting on `bus` notices; options are checked here, once. */
export function createToolResultCache(options: ToolResultCacheOptions): DefaultToolResultCache {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object with store and bus');
  const store = options.store as Partial<CacheStore<ToolResultEntry>> | undefined;
  if (typeof store?.get !== 'function' || typeof store.set !== 'function' || typeof store.invalidateTags !== 'function') throw invalid('store', 'must be a CacheStore');
  if (typeof options.bus?.subscribe !== 'function' || typeof options.bus.publish !== 'function') throw invalid('bus', 'must be an InvalidationBus');
  if (options.now !== undefined && typeof options.now !== 'function') throw invalid('now', 'must be a function returning epoch ms');
  if (options.refresh !== undefined && typeof options.refresh !== 'function') throw invalid('refresh', 'must be a function (call, context) => Promise<output>');
  if (options.maxPendingReads !== undefined && !(Number.isInteger(options.maxPendingReads) && options.maxPendingReads > 0)) throw invalid('maxPendingReads', 'must be a positive integer');
  if (options.ttlGraceMs !== undefined && !(Number.isFinite(options.ttlGraceMs) && options.ttlGraceMs >= 0)) throw invalid('ttlGraceMs', 'must be a non-negative number');
  return new ToolResultCacheImpl(options);
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createToolResultCache: option ${option} ${message}`, { details: { option } });
}
