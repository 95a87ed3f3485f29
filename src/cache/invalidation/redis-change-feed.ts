// A backend's change announcements on a Redis channel (the simulator PUBLISHes its ChangeEvent JSON
// there) turned into notices on the bus. Malformed messages are counted and skipped. Announcements
// made while the subscription was down are lost: `onResync` is called after each reconnect so the
// owner can drop what it cannot vouch for.

import type { ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { closeRedis, isRedisClient, openSubscriber, type RedisTarget } from '../stores/redis-connection.js';
import { RedisSubscription } from '../stores/redis-subscription.js';
import { isOtherNamespace, parseChangeBody } from './change-body.js';

export interface RedisChangeFeedOptions {
  /** The backend's Redis (URL or ioredis client; a client is duplicated, never subscribed itself). */
  redis: RedisTarget;
  channel: string;
  bus: InvalidationBus;
  /** This deployment's namespace: changes written in another namespace are ignored. */
  namespace?: string;
  /** After a reconnect: announcements made during the gap were missed. */
  onResync?: () => void;
  /** Each malformed message, with the error naming its bad field. */
  onRejected?: (error: HotpathError) => void;
}

export interface RedisChangeFeedStats {
  received: number;
  published: number;
  rejected: number;
  ignored: number;
  resyncs: number;
}

export interface RedisChangeFeed {
  readonly connected: boolean;
  whenConnected(timeoutMs: number): Promise<boolean>;
  stats(): RedisChangeFeedStats;
  close(): Promise<void>;
}

export function subscribeRedisChanges(options: RedisChangeFeedOptions): RedisChangeFeed {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object with redis, channel and bus');
  if (typeof options.channel !== 'string' || options.channel.length === 0) throw invalid('channel', 'must be a non-empty string');
  if (typeof options.bus?.publish !== 'function') throw invalid('bus', 'must be an InvalidationBus');
  if (!(isRedisClient(options.redis) || (typeof options.redis === 'string' && /^rediss?:\/\//.test(options.redis)))) {
    throw invalid('redis', 'must be a redis:// URL or an ioredis client');
  }
  const counters: RedisChangeFeedStats = { received: 0, published: 0, rejected: 0, ignored: 0, resyncs: 0 };
  const publish = (notice: ChangeNotice) =>
    options.bus.publish(notice).then(
      () => void counters.published++,
      () => void counters.rejected++,
    );
  const subscriber = openSubscriber(options.redis);
  const subscription = new RedisSubscription({
    subscriber,
    channel: options.channel,
    onMessage: (text) => {
      counters.received++;
      let change;
      try {
        change = parseChangeBody(text, { source: 'redis' });
      } catch (error) {
        counters.rejected++;
        options.onRejected?.(error as HotpathError);
        return;
      }
      if (isOtherNamespace(change, options.namespace)) {
        counters.ignored++;
        return;
      }
      void publish(change.notice);
    },
    onResync: () => {
      counters.resyncs++;
      options.onResync?.();
    },
  });
  return {
    get connected() {
      return subscription.connected;
    },
    whenConnected: (timeoutMs) => subscription.whenSubscribed(timeoutMs),
    stats: () => ({ ...counters }),
    async close() {
      subscription.close();
      await closeRedis(subscriber);
    },
  };
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `subscribeRedisChanges: option ${option} ${message}`, { details: { option } });
}
