// One Redis pub/sub channel carrying JSON messages between hotpath processes. Each message carries
// its sender's origin id, so a process ignores its own echo. The subscription is renewed on every
// reconnect; messages sent while a subscriber was away are lost, so each reconnect after the first
// is reported as a resync (the owner drops what it can no longer vouch for).

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface RedisChannelOptions {
  publisher: Redis;
  subscriber: Redis;
  channel: string;
  onMessage(payload: unknown): void;
  /** The subscriber reconnected: messages may have been missed. */
  onResync?(): void;
}

export class RedisChannel {
  readonly origin = randomUUID();
  private readonly options: RedisChannelOptions;
  private subscribedOnce = false;
  private subscribed = false;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(options: RedisChannelOptions) {
    this.options = options;
    const { subscriber, channel } = options;
    subscriber.on('message', (from: string, text: string) => {
      if (from === channel) this.receive(text);
    });
    subscriber.on('ready', () => this.subscribe());
    subscriber.on('close', () => {
      this.subscribed = false;
    });
    if (subscriber.status === 'ready') this.subscribe();
  }

  /** Both connections are up and the channel is subscribed. */
  get connected(): boolean {
    return this.subscribed && this.options.publisher.status === 'ready';
  }

  /** Resolves true once subscribed, false after `timeoutMs`. */
  whenSubscribed(timeoutMs: number): Promise<boolean> {
    if (this.subscribed) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Sends to every other process; resolves false when Redis could not take it. */
  async publish(payload: unknown): Promise<boolean> {
    try {
      await this.options.publisher.publish(this.options.channel, JSON.stringify({ o: this.origin, m: payload }));
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.closed = true;
    this.waiters.clear();
  }

  private subscribe(): void {
    if (this.closed) return;
    this.options.subscriber.subscribe(this.options.channel).then(
      () => {
        this.subscribed = true;
        if (this.subscribedOnce) this.options.onResync?.();
        this.subscribedOnce = true;
        for (const waiter of [...this.waiters]) waiter();
      },
      () => undefined, // The next 'ready' tries again.
    );
  }

  private receive(text: string): void {
    let envelope: { o?: unknown; m?: unknown };
    try {
      envelope = JSON.parse(text) as { o?: unknown; m?: unknown };
    } catch {
      return;
    }
    if (typeof envelope !== 'object' || envelope === null || envelope.o === this.origin) return;
    this.options.onMessage(envelope.m);
  }
}
