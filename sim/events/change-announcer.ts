// Announces every data change the way real systems do: a JSON POST to each webhook URL and a
// PUBLISH on a Redis channel. Delivery is fire-and-forget with a short timeout; failures are
// counted, never thrown, and a Redis outage only costs the messages sent while it lasts.

import { Redis } from 'ioredis';
import { Agent, request } from 'undici';
import type { ChangeEvent } from '../world/index.js';

export interface ChangeAnnouncerOptions {
  webhookUrls?: readonly string[];
  /** PUBLISH each change here when set (redis://host:port). */
  redisUrl?: string;
  redisChannel: string;
  /** Per-webhook timeout in wall ms. */
  webhookTimeoutMs?: number;
}

export interface ChangeAnnouncerStats {
  announced: number;
  webhookDelivered: number;
  webhookFailed: number;
  redisPublished: number;
  redisFailed: number;
}

export class ChangeAnnouncer {
  private urls: string[];
  private readonly channel: string;
  private readonly timeoutMs: number;
  private readonly agent: Agent;
  private readonly redis: Redis | undefined;
  private readonly pending = new Set<Promise<void>>();
  private readonly counters: ChangeAnnouncerStats = { announced: 0, webhookDelivered: 0, webhookFailed: 0, redisPublished: 0, redisFailed: 0 };
  private closed = false;

  constructor(options: ChangeAnnouncerOptions) {
    if (!options.redisChannel) throw new TypeError('ChangeAnnouncer: option "redisChannel" must be a non-empty string');
    this.urls = validUrls(options.webhookUrls ?? []);
    this.channel = options.redisChannel;
    this.timeoutMs = options.webhookTimeoutMs ?? 2000;
    this.agent = new Agent({ keepAliveTimeout: 10_000, connectTimeout: this.timeoutMs });
    if (options.redisUrl) {
      this.redis = new Redis(options.redisUrl, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      });
      // Connection errors are expected during an outage; ioredis reconnects by itself.
      this.redis.on('error', () => undefined);
    }
  }

  get webhookUrls(): readonly string[] {
    return this.urls;
  }

  setWebhookUrls(urls: readonly string[]): void {
    this.urls = validUrls(urls);
  }

  stats(): ChangeAnnouncerStats {
    return { ...this.counters };
  }

  /** Resolves once Redis is connected (or right away without Redis); false after `timeoutMs`. */
  async waitForRedis(timeoutMs: number): Promise<boolean> {
    const redis = this.redis;
    if (!redis) return true;
    if (redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        redis.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve(true);
      };
      redis.once('ready', onReady);
    });
  }

  announce(event: ChangeEvent): void {
    if (this.closed) return;
    this.counters.announced++;
    const body = JSON.stringify(event);
    for (const url of this.urls) this.track(this.post(url, body, event));
    if (this.redis) {
      this.track(
        this.redis.publish(this.channel, body).then(
          () => void this.counters.redisPublished++,
          () => void this.counters.redisFailed++,
        ),
      );
    }
  }

  /** Waits for every delivery in flight (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    this.redis?.disconnect();
    await this.agent.close();
  }

  private track(delivery: Promise<void>): void {
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  private async post(url: string, body: string, event: ChangeEvent): Promise<void> {
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: { 'content-type': 'application/json', 'x-hotpath-event': event.type, 'x-hotpath-event-id': String(event.id) },
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.body.dump();
      if (response.statusCode >= 400) this.counters.webhookFailed++;
      else this.counters.webhookDelivered++;
    } catch {
      this.counters.webhookFailed++;
    }
  }
}

function validUrls(urls: readonly string[]): string[] {
  return urls.map((url, index) => {
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
      return parsed.toString();
    } catch {
      throw new TypeError(`ChangeAnnouncer: webhookUrls[${index}] is not an http(s) URL: ${url}`);
    }
  });
}
