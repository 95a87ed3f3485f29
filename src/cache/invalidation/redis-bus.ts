// The invalidation bus across processes: a notice is delivered to this process's subscribers at once
// (synchronously, the same object) and PUBLISHed on a Redis channel for every other process. While
// Redis is away, notices still reach local subscribers and wait in a bounded queue to be published
// on reconnect; subscribers hear about a resubscription through `onResync`, since notices published
// by others during the gap are lost.

import type { Redis } from 'ioredis';
import type { ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { RedisChannel } from '../stores/redis-channel.js';
import { closeRedis, openRedis, openSubscriber, type RedisTarget } from '../stores/redis-connection.js';
import { checkNotice } from './check-notice.js';
import { ListenerSet } from './listener-set.js';

export interface RedisBusOptions {
  /** A redis:// URL (connections owned and closed by the bus) or an ioredis client (used for PUBLISH, duplicated for SUBSCRIBE). */
  redis: RedisTarget;
  /** The channel every process of one deployment shares, e.g. "hotpath:invalidations". */
  channel: string;
  /** Notices kept for publishing while Redis is away (default 1,000; the oldest go first). */
  maxQueued?: number;
  /** Told when a listener throws. */
  onListenerError?: (error: unknown) => void;
}

export interface RedisBusStats {
  published: number;
  received: number;
  /** Notices that could not be published at once (queued or dropped). */
  publishFailures: number;
  queued: number;
  dropped: number;
  resyncs: number;
}

export interface RedisInvalidationBus extends InvalidationBus {
  /** Subscribed and able to publish. */
  readonly connected: boolean;
  /** Resolves true once subscribed, false after `timeoutMs`. */
  whenConnected(timeoutMs: number): Promise<boolean>;
  /** Called after a reconnect: notices from other processes may have been missed meanwhile. */
  onResync(listener: () => void): () => void;
  stats(): RedisBusStats;
  close(): Promise<void>;
}

class RedisBus implements RedisInvalidationBus {
  private readonly listeners: ListenerSet<ChangeNotice>;
  private readonly resyncListeners = new ListenerSet<void>();
  private readonly publisher: Redis;
  private readonly ownsPublisher: boolean;
  private readonly subscriber: Redis;
  private readonly channel: RedisChannel;
  private readonly queue: ChangeNotice[] = [];
  private readonly maxQueued: number;
  private flushing = false;
  private readonly counters = { published: 0, received: 0, publishFailures: 0, dropped: 0, resyncs: 0 };

  constructor(options: RedisBusOptions) {
    this.listeners = new ListenerSet(options.onListenerError);
    this.maxQueued = options.maxQueued ?? 1000;
    const opened = openRedis(options.redis, { option: 'redis', owner: 'createRedisBus' });
    this.publisher = opened.client;
    this.ownsPublisher = opened.owned;
    this.subscriber = openSubscriber(options.redis);
    this.channel = new RedisChannel({
      publisher: this.publisher,
      subscriber: this.subscriber,
      channel: options.channel,
      onMessage: (payload) => this.receive(payload),
      onResync: () => {
        this.counters.resyncs++;
        this.resyncListeners.emit();
      },
    });
    this.publisher.on('ready', () => void this.flush());
  }

  get connected(): boolean {
    return this.channel.connected;
  }

  whenConnected(timeoutMs: number): Promise<boolean> {
    return this.channel.whenSubscribed(timeoutMs);
  }

  async publish(notice: ChangeNotice): Promise<void> {
    checkNotice(notice, 'InvalidationBus.publish');
    this.listeners.emit(notice);
    // Behind older notices still waiting: keep the order in which they were published.
    if (this.queue.length > 0 || this.flushing || !(await this.channel.publish(notice))) {
      this.counters.publishFailures++;
      this.enqueue(notice);
      return;
    }
    this.counters.published++;
  }

  subscribe(listener: (notice: ChangeNotice) => void): () => void {
    return this.listeners.add(listener);
  }

  onResync(listener: () => void): () => void {
    return this.resyncListeners.add(listener);
  }

  stats(): RedisBusStats {
    return { ...this.counters, queued: this.queue.length };
  }

  async close(): Promise<void> {
    this.channel.close();
    this.listeners.clear();
    this.resyncListeners.clear();
    await closeRedis(this.subscriber);
    if (this.ownsPublisher) await closeRedis(this.publisher);
  }

  private enqueue(notice: ChangeNotice): void {
    this.queue.push(notice);
    if (this.queue.length > this.maxQueued) {
      this.queue.shift();
      this.counters.dropped++;
    }
    if (this.publisher.status === 'ready') void this.flush();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let notice = this.queue.shift(); notice; notice = this.queue.shift()) {
        if (!(await this.channel.publish(notice))) {
          this.queue.unshift(notice);
          return;
        }
        this.counters.published++;
      }
    } finally {
      this.flushing = false;
    }
  }

  private receive(payload: unknown): void {
    let notice: ChangeNotice;
    try {
      notice = checkNotice(payload, 'Redis invalidation message');
    } catch {
      return;
    }
    this.counters.received++;
    this.listeners.emit(notice);
  }
}

export function createRedisBus(options: RedisBusOptions): RedisInvalidationBus {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object with redis and channel');
  if (typeof options.channel !== 'string' || options.channel.length === 0) throw invalid('channel', 'must be a non-empty string');
  if (options.redis === undefined) throw invalid('redis', 'must be a redis:// URL or an ioredis client');
  if (options.maxQueued !== undefined && !(Number.isInteger(options.maxQueued) && options.maxQueued >= 0)) {
    throw invalid('maxQueued', `must be a non-negative integer (got ${String(options.maxQueued)})`);
  }
  return new RedisBus(options);
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createRedisBus: option ${option} ${message}`, { details: { option } });
}
