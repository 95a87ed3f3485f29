// The second process of the two-process cache test: a hotpath cache on the same Redis (store prefix
// and invalidation channel) as the test process. Driven by JSON lines on stdin; answers on stdout.
//   { "do": "read", "userId": "u1" }        → { "did": "read", "source": "cache" | "call" }
//   { "do": "reset-password", "userId": "u1" } → { "did": "reset-password", "publishedAt": <ms> }
//   { "do": "exit" }

import { createInterface } from 'node:readline';
import { z } from 'zod';
import { createRedisBus, createRedisStore, createToolResultCache, type ToolResultEntry } from '../../src/cache/index.js';
import type { Tool } from '../../src/spec/index.js';

const { redisUrl, prefix, channel } = JSON.parse(process.env.CACHE_PEER_CONFIG ?? '{}') as { redisUrl: string; prefix: string; channel: string };

const getUser: Tool = {
  name: 'get_user',
  description: 'Look up a user',
  inputSchema: z.object({ userId: z.string() }),
  readOnly: true,
  idempotent: true,
  cache: { ttlMs: 60_000, scope: 'tenant' },
  reads: ['user:{userId}'],
  execute: (input) => ({ userId: (input as { userId: string }).userId, writtenBy: process.pid }),
};

const resetPassword: Tool = {
  name: 'reset_password',
  description: 'Reset a password',
  inputSchema: z.object({ userId: z.string() }),
  readOnly: false,
  idempotent: false,
  writes: ['user:{userId}'],
  execute: () => ({ ok: true }),
};

const wallNow = () => performance.timeOrigin + performance.now();
const say = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

const store = createRedisStore<ToolResultEntry>({ redis: redisUrl, prefix });
const bus = createRedisBus({ redis: redisUrl, channel });
const cache = createToolResultCache({ store, bus });
let calls = 0;

async function handle(command: { do: string; userId?: string }): Promise<void> {
  const context = { signal: new AbortController().signal, requestId: `peer-${++calls}`, tenant: 'acme', user: 'alice' };
  if (command.do === 'read') {
    const call = { id: 'c1', toolName: getUser.name, tool: getUser, input: { userId: command.userId } };
    const cached = await cache.get(call, context);
    if (cached === undefined) await cache.set(call, context, await getUser.execute(call.input, context));
    say({ did: 'read', source: cached === undefined ? 'call' : 'cache' });
  } else if (command.do === 'reset-password') {
    const call = { id: 'c2', toolName: resetPassword.name, tool: resetPassword, input: { userId: command.userId } };
    const publishedAt = wallNow();
    await cache.invalidate?.(call, context, { ok: true });
    say({ did: 'reset-password', publishedAt });
  } else if (command.do === 'exit') {
    cache.close();
    await Promise.all([store.close(), bus.close()]);
    process.exit(0);
  }
}

const ready = (await store.whenConnected(10_000)) && (await bus.whenConnected(10_000));
say({ did: 'start', ready });
const commands = createInterface({ input: process.stdin });
let queue = Promise.resolve();
commands.on('line', (line) => {
  queue = queue.then(() => handle(JSON.parse(line) as { do: string; userId?: string }));
});
