export { createTagClock, TagClock, type TagClockOptions, type TagClockSnapshot } from './tag-clock.js';
export { createLocalBus, type LocalBusOptions } from './local-bus.js';
export { createRedisBus, type RedisBusOptions, type RedisBusStats, type RedisInvalidationBus } from './redis-bus.js';
export { changeEventToNotice, parseChangeBody, type ParsedChange } from './change-body.js';
export { createWebhookHandler, type WebhookHandler, type WebhookHandlerOptions, type WebhookOutcome } from './webhook-handler.js';
export { subscribeRedisChanges, type RedisChangeFeed, type RedisChangeFeedOptions, type RedisChangeFeedStats } from './redis-change-feed.js';
export {
  createCacheInvalidator,
  type CacheInvalidator,
  type CacheInvalidatorOptions,
  type InvalidationOutcome,
  type InvalidationRequest,
  type InvalidationTarget,
} from './cache-invalidator.js';
export { entryTags, keyTag, noticeTags } from './scoped-tags.js';
export { checkNotice } from './check-notice.js';
