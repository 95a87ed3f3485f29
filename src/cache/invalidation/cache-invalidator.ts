// The public way to invalidate: `invalidate({ tags, keys, user, tenant })`. Each request becomes
// notices on the bus (so every process evicts), and the call returns once every cache registered in
// this process has finished evicting, with how many entries each dropped.

import type { ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { HotpathError } from '../../util/index.js';
import { checkNotice } from './check-notice.js';
import { keyTag } from './scoped-tags.js';

/** A cache that evicts on notices. */
export interface InvalidationTarget {
  readonly name: string;
  /**
   * Evicts what `notice` names in this process and resolves with how many entries went. Applies each
   * notice object once: a second call with the same object (the bus delivered it too) returns the
   * first call's result.
   */
  applyNotice(notice: ChangeNotice): Promise<number>;
}

export interface InvalidationRequest {
  /** Data tags that changed ("ticket:INC-4821"). */
  tags?: readonly string[];
  /** Cache keys to drop (caches tag each entry with `keyTag(key)`). */
  keys?: readonly string[];
  /** Only this tenant's entries. */
  tenant?: string;
  /** Only this user's entries (and entries shared with them). */
  user?: string;
  /** `source` of the notices (default "api"). */
  source?: string;
}

export interface InvalidationOutcome {
  notices: ChangeNotice[];
  /** Entries evicted in this process, per registered cache. */
  evicted: Record<string, number>;
}

export interface CacheInvalidator {
  register(target: InvalidationTarget): () => void;
  invalidate(request: InvalidationRequest): Promise<InvalidationOutcome>;
}

export interface CacheInvalidatorOptions {
  bus: InvalidationBus;
  now?: () => number;
}

export function createCacheInvalidator(options: CacheInvalidatorOptions): CacheInvalidator {
  if (typeof options?.bus?.publish !== 'function') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'createCacheInvalidator: option bus must be an InvalidationBus', { details: { option: 'bus' } });
  }
  const { bus } = options;
  const now = options.now ?? Date.now;
  const targets = new Set<InvalidationTarget>();

  return {
    register(target) {
      if (typeof target?.applyNotice !== 'function' || typeof target.name !== 'string') {
        throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'CacheInvalidator.register: target needs a name and applyNotice(notice)', { details: { field: 'target' } });
      }
      targets.add(target);
      return () => void targets.delete(target);
    },

    async invalidate(request) {
      const notices = toNotices(request, now());
      const evicted: Record<string, number> = {};
      for (const target of targets) evicted[target.name] ??= 0;
      for (const notice of notices) {
        await bus.publish(notice);
        const counts = await Promise.all([...targets].map(async (target) => [target.name, await target.applyNotice(notice).catch(() => 0)] as const));
        for (const [name, count] of counts) evicted[name] = (evicted[name] ?? 0) + count;
      }
      return { notices, evicted };
    },
  };
}

function toNotices(request: InvalidationRequest, at: number): ChangeNotice[] {
  if (typeof request !== 'object' || request === null) throw invalidField('request', 'must be an object with tags or keys');
  const { tags = [], keys = [], tenant, user, source = 'api' } = request;
  if (!Array.isArray(tags)) throw invalidField('tags', 'must be an array of strings');
  if (!Array.isArray(keys)) throw invalidField('keys', 'must be an array of strings');
  if (tags.length === 0 && keys.length === 0) throw invalidField('tags', 'or keys must name at least one thing to invalidate');
  keys.forEach((key, index) => {
    if (typeof key !== 'string' || key.length === 0) throw invalidField(`keys[${index}]`, 'must be a non-empty string');
  });
  const notices: ChangeNotice[] = [];
  if (tags.length > 0) {
    const scope = { ...(tenant === undefined ? {} : { tenant }), ...(user === undefined ? {} : { user }) };
    notices.push(checkNotice({ tags: [...tags], source, at, ...scope }, 'invalidate'));
  }
  // A key names one entry already: its notice is not narrowed by tenant or user.
  if (keys.length > 0) notices.push(checkNotice({ tags: keys.map(keyTag), source, at }, 'invalidate'));
  return notices;
}

function invalidField(field: string, message: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_ARGUMENT', `invalidate: ${field} ${message}`, { details: { field } });
}
