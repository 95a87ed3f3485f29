export { createMemoryStore, type MemoryEvictionReason, type MemoryStore, type MemoryStoreOptions, type MemoryStoreSetOptions, type MemoryStoreStats } from './memory-store.js';
export { createRedisStore } from './redis-store.js';
export type { RedisStore, RedisStoreOptions, RedisStoreStats } from './redis-store-types.js';
export { failFastOptions, type RedisFailFastOptions, type RedisTarget } from './redis-connection.js';
export { estimateBytes } from './estimate-bytes.js';
