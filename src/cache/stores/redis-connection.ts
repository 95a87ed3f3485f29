// Redis connections for caches: a cache must never make a request wait on Redis. Commands fail at
// once while disconnected (no offline queue), a command that hangs times out quickly, and the client
// reconnects by itself with a capped backoff.

import { Redis, type RedisOptions } from 'ioredis';
import { HotpathError } from '../../util/index.js';

/** A Redis URL (redis:// or rediss://) or a client to use as is. */
export type RedisTarget = string | Redis;

export interface RedisFailFastOptions {
  /** A command without a reply after this long fails (default 250 ms). */
  commandTimeoutMs?: number;
  /** Longest wait between reconnection attempts (default 1,000 ms). */
  maxReconnectDelayMs?: number;
}

export function failFastOptions(options: RedisFailFastOptions = {}): RedisOptions {
  const maxDelay = options.maxReconnectDelayMs ?? 1000;
  return {
    enableOfflineQueue: false,
    commandTimeout: options.commandTimeoutMs ?? 250,
    connectTimeout: 2000,
    // A command in flight when the connection drops fails rather than waiting for the reconnect.
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** Math.min(attempt, 10), maxDelay),
    // Subscriptions are renewed by their owner on every 'ready', which doubles as the resync signal.
    autoResubscribe: false,
    lazyConnect: false,
  };
}

/** A client for commands: opened from a URL (owned, closed by the caller) or the given instance. */
export function openRedis(target: RedisTarget, options: RedisFailFastOptions & { option: string; owner: string }): { client: Redis; owned: boolean } {
  if (typeof target === 'string') {
    if (!/^rediss?:\/\//.test(target)) {
      throw new HotpathError('HOTPATH_INVALID_CONFIG', `${options.owner}: option ${options.option} must be a redis:// or rediss:// URL or an ioredis client (got ${target})`, { details: { option: options.option } });
    }
    return { client: quiet(new Redis(target, failFastOptions(options))), owned: true };
  }
  if (!isRedisClient(target)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `${options.owner}: option ${options.option} must be a redis:// URL or an ioredis client`, { details: { option: options.option } });
  }
  return { client: target, owned: false };
}

/** A dedicated connection for SUBSCRIBE (a subscribed connection cannot run other commands). */
export function openSubscriber(target: RedisTarget, options: RedisFailFastOptions = {}): Redis {
  if (typeof target === 'string') return quiet(new Redis(target, failFastOptions(options)));
  return quiet(target.duplicate(failFastOptions(options)));
}

export function isRedisClient(value: unknown): value is Redis {
  return typeof value === 'object' && value !== null && typeof (value as Redis).duplicate === 'function' && typeof (value as Redis).publish === 'function';
}

export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

/** Connection errors are expected during an outage and reported through counters, not as crashes. */
function quiet(client: Redis): Redis {
  client.on('error', () => undefined);
  return client;
}
