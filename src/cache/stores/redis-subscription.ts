// A SUBSCRIBE that survives reconnects: renewed on every 'ready' of its connection. Messages sent
// while it was away are lost, so each renewal after the first is reported as a resync.

import type { Redis } from 'ioredis';

export interface RedisSubscriptionOptions {
  /** A connection used for this subscription only. */
  subscriber: Redis;
  channel: string;
  onMessage(text: string): void;
  onResync?(): void;
}

export class RedisSubscription {
  private readonly options: RedisSubscriptionOptions;
  private subscribedOnce = false;
  private subscribed = false;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(options: RedisSubscriptionOptions) {
    this.options = options;
    const { subscriber, channel } = options;
    subscriber.on('message', (from: string, text: string) => {
      if (from === channel && !this.closed) options.onMessage(text);
    });
    subscriber.on('ready', () => this.subscribe());
    subscriber.on('close', () => {
      this.subscribed = false;
    });
    if (subscriber.status === 'ready') this.subscribe();
  }

  get connected(): boolean {
    return this.subscribed && this.options.subscriber.status === 'ready';
  }

  /** Resolves true once subscribed, false after `timeoutMs`. */
  whenSubscribed(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
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
}
