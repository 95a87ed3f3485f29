// One Redis pub/sub channel carrying JSON messages between hotpath processes. Each message carries
// its sender's origin id, so a process ignores its own echo.

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RedisSubscription } from './redis-subscription.js';

export interface RedisChannelOptions {
  publisher: Redis;
  /** A connection for this channel's subscription only. */
  subscriber: Redis;
  channel: string;
  onMessage(payload: unknown): void;
  /** The subscription was renewed after a disconnect: messages may have been missed. */
  onResync?(): void;
  /** A PUBLISH without a reply after this long counts as failed (default 250 ms). */
  publishTimeoutMs?: number;
}

export class RedisChannel {
  readonly origin = randomUUID();
  private readonly publisher: Redis;
  private readonly channel: string;
  private readonly subscription: RedisSubscription;
  private readonly publishTimeoutMs: number;

  constructor(options: RedisChannelOptions) {
    this.publisher = options.publisher;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 250;
    this.channel = options.channel;
    this.subscription = new RedisSubscription({
      subscriber: options.subscriber,
      channel: options.channel,
      onMessage: (text) => {
        const payload = this.unwrap(text);
        if (payload !== undefined) options.onMessage(payload);
      },
      ...(options.onResync ? { onResync: options.onResync } : {}),
    });
  }

  /** Publishing works and the channel is subscribed. */
  get connected(): boolean {
    return this.subscription.connected && this.publisher.status === 'ready';
  }

  whenSubscribed(timeoutMs: number): Promise<boolean> {
    return this.subscription.whenSubscribed(timeoutMs);
  }

  /** Sends to every other process; resolves false when Redis could not take it (at once while disconnected). */
  async publish(payload: unknown): Promise<boolean> {
    // A client given by the caller may queue commands while offline: never wait for a reconnect.
    if (this.publisher.status !== 'ready') return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error('publish timed out')), this.publishTimeoutMs);
      });
      await Promise.race([this.publisher.publish(this.channel, JSON.stringify({ o: this.origin, m: payload })), timedOut]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  close(): void {
    this.subscription.close();
  }

  /** The payload of another process's message; undefined for our own echo or garbage. */
  private unwrap(text: string): unknown {
    try {
      const envelope = JSON.parse(text) as { o?: unknown; m?: unknown };
      if (typeof envelope !== 'object' || envelope === null || envelope.o === this.origin) return undefined;
      return envelope.m;
    } catch {
      return undefined;
    }
  }
}
