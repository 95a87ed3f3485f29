// The Redis store's commands as Lua scripts, so a value and its tag index rows change together
// (no reader ever sees a value without its tags, or a tag pointing at a key from an older write).
// Layout under a prefix P: the value at P v:<key>, the key's tags at P k:<key>, each tag's keys at
// P t:<tag>. Keys are derived inside the scripts, so one Redis (not Cluster) is assumed.

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

const dropKey = `
local function drop(p, key)
  local mkey = p .. 'k:' .. key
  for _, tag in ipairs(redis.call('SMEMBERS', mkey)) do redis.call('SREM', p .. 't:' .. tag, key) end
  redis.call('DEL', mkey)
  return redis.call('DEL', p .. 'v:' .. key)
end
`;

/** ARGV: prefix, key, value, ttlMs (0 = none), tags… */
const setScript = `${dropKey}
local p, key, value, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
drop(p, key)
if ttl > 0 then redis.call('SET', p .. 'v:' .. key, value, 'PX', ttl) else redis.call('SET', p .. 'v:' .. key, value) end
local mkey = p .. 'k:' .. key
for i = 5, #ARGV do
  local tkey = p .. 't:' .. ARGV[i]
  local current = redis.call('PTTL', tkey)
  redis.call('SADD', tkey, key)
  -- A tag row lives as long as its longest-lived key.
  if ttl == 0 then
    if current >= 0 then redis.call('PERSIST', tkey) end
  elseif current == -2 or (current >= 0 and current < ttl) then
    redis.call('PEXPIRE', tkey, ttl)
  end
  redis.call('SADD', mkey, ARGV[i])
end
if #ARGV >= 5 and ttl > 0 then redis.call('PEXPIRE', mkey, ttl) end
return 1
`;

/** ARGV: prefix, key. Returns 1 when a value was deleted. */
const deleteScript = `${dropKey}
return drop(ARGV[1], ARGV[2])
`;

/** ARGV: prefix, tags… Returns the keys whose values were deleted. */
const invalidateScript = `${dropKey}
local p = ARGV[1]
local evicted = {}
for i = 2, #ARGV do
  local tkey = p .. 't:' .. ARGV[i]
  for _, key in ipairs(redis.call('SMEMBERS', tkey)) do
    if drop(p, key) == 1 then table.insert(evicted, key) end
  end
  redis.call('DEL', tkey)
end
return evicted
`;

/** ARGV: prefix, key. Returns { value or false, remaining ms (-1 none, -2 gone), tags }. */
const getScript = `
local vkey = ARGV[1] .. 'v:' .. ARGV[2]
return { redis.call('GET', vkey), redis.call('PTTL', vkey), redis.call('SMEMBERS', ARGV[1] .. 'k:' .. ARGV[2]) }
`;

class LuaScript {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** EVALSHA, falling back to EVAL once when Redis does not know the script (first use, restart). */
  async run(redis: Redis, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, 0, ...args);
    } catch (error) {
      if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, 0, ...args);
    }
  }
}

export const redisStoreScripts = {
  set: new LuaScript(setScript),
  delete: new LuaScript(deleteScript),
  invalidate: new LuaScript(invalidateScript),
  get: new LuaScript(getScript),
};
