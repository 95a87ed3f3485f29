// The state under one Redis key, so every hotpath instance behind a load balancer starts from what the
// others learned. ioredis is loaded only when this store is used.

import type { Redis } from 'ioredis';
import { HotpathError } from '../util/index.js';
import type { ClassifierStateStore } from './classifier-state-store.js';

/** The two commands the store needs; an ioredis client satisfies it. */
export interface ClassifierStateRedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
}

export interface RedisClassifierStateStoreOptions {
  /** Key holding the state (default "hotpath:classifier:state"). */
  key?: string;
  /** An existing client (not closed by the store). */
  client?: ClassifierStateRedisClient;
  /** Or a URL for a client the store opens lazily and closes in `close()`. */
  url?: string;
}

export function createRedisClassifierStateStore(options: RedisClassifierStateStoreOptions): ClassifierStateStore {
  const key = options.key ?? 'hotpath:classifier:state';
  if (key.length === 0) throw invalid('key', 'must not be empty');
  if ((options.client === undefined) === (options.url === undefined)) throw invalid('client', 'give exactly one of client or url');
  if (options.url !== undefined && !/^rediss?:\/\//.test(options.url)) throw invalid('url', `must start with redis:// or rediss:// (got ${options.url})`);

  let owned: Promise<Redis> | undefined;
  const client = (): Promise<ClassifierStateRedisClient> => {
    if (options.client !== undefined) return Promise.resolve(options.client);
    owned ??= import('ioredis').then(({ Redis: RedisClient }) => new RedisClient(options.url as string, { maxRetriesPerRequest: 2, lazyConnect: false }));
    return owned;
  };
  const failure = (action: string, error: unknown) =>
    new HotpathError('HOTPATH_CACHE_ERROR', `Cannot ${action} the classifier state at Redis key ${key}: ${(error as Error).message}`, { cause: error });

  return {
    location: `redis key ${key}`,
    async read() {
      try {
        const value = await (await client()).get(key);
        return value ?? undefined;
      } catch (error) {
        throw failure('read', error);
      }
    },
    async write(serialized) {
      try {
        await (await client()).set(key, serialized);
      } catch (error) {
        throw failure('write', error);
      }
    },
    async close() {
      if (owned === undefined) return;
      const redis = await owned;
      owned = undefined;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

function invalid(option: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createRedisClassifierStateStore: ${option} ${message}`, { details: { option } });
}
