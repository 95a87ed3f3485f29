// Measures what a cache lookup costs on each path. Run: npx tsx test/cache-multiprocess/measure-cache-latency.ts
// (needs Redis on 127.0.0.1:6379). Prints one line per path: median and p99 per lookup.

import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { createLocalBus, createMemoryStore, createRedisStore, createToolResultCache, type ToolResultEntry } from '../../src/cache/index.js';
import type { Tool } from '../../src/spec/index.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `hotpath-measure:${randomUUID()}:`;

function quantiles(samples: number[]): { median: number; p99: number } {
  const sorted = [...samples].sort((first, second) => first - second);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p99: sorted[Math.floor(sorted.length * 0.99)]! };
}

async function measure(name: string, iterations: number, lookup: () => unknown): Promise<void> {
  for (let index = 0; index < Math.min(1000, iterations); index++) await lookup();
  const samples: number[] = [];
  for (let index = 0; index < iterations; index++) {
    const started = performance.now();
    const value = lookup();
    if (value instanceof Promise) await value;
    samples.push((performance.now() - started) * 1000);
  }
  const { median, p99 } = quantiles(samples);
  console.log(`${name.padEnd(44)} median ${median.toFixed(2).padStart(8)} µs   p99 ${p99.toFixed(2).padStart(8)} µs   (${iterations} lookups)`);
}

const value = { id: 'INC-4821', status: 'open', assignee: 'u0042', history: Array.from({ length: 20 }, (_, index) => ({ at: index, note: `note ${index}` })) };
const getTicket: Tool = {
  name: 'get_ticket', description: 'Look up a ticket', inputSchema: z.object({ ticketId: z.string() }),
  readOnly: true, idempotent: true, cache: { ttlMs: 600_000, scope: 'tenant' }, reads: ['ticket:{ticketId}'], execute: () => value,
};

const memory = createMemoryStore<unknown>({ maxBytes: 64 << 20 });
memory.set('k', value, { tags: ['ticket:INC-4821'] });
await measure('memory store get (hit)', 200_000, () => memory.get('k'));

const toolCache = createToolResultCache({ store: createMemoryStore<ToolResultEntry>({ maxBytes: 64 << 20 }), bus: createLocalBus() });
const call = { id: 'c1', toolName: 'get_ticket', tool: getTicket, input: { ticketId: 'INC-4821' } };
const context = { signal: new AbortController().signal, requestId: 'r1', tenant: 'acme', user: 'alice' };
toolCache.get(call, context);
toolCache.set(call, context, value);
await measure('tool-result cache get (memory hit)', 200_000, () => toolCache.get(call, context));

const withL1 = createRedisStore<unknown>({ redis: redisUrl, prefix: `${prefix}a:` });
const withoutL1 = createRedisStore<unknown>({ redis: redisUrl, prefix: `${prefix}a:`, l1: false });
await Promise.all([withL1.whenConnected(5000), withoutL1.whenConnected(5000)]);
await withL1.set('k', value, { tags: ['ticket:INC-4821'] });
await new Promise((resolve) => setTimeout(resolve, 50));
await withL1.get('k');
await measure('Redis store get (L1 hit)', 200_000, () => withL1.get('k'));
await measure('Redis store get (Redis hit, no L1)', 5_000, () => withoutL1.get('k'));
await measure('Redis store set (value + tag rows, Lua)', 5_000, () => withoutL1.set('k2', value, { ttlMs: 60_000, tags: ['ticket:INC-4821', 'user:u0042'] }));

await Promise.all([withL1.close(), withoutL1.close()]);
const admin = new Redis(redisUrl);
const keys = await admin.keys(`${prefix}*`);
if (keys.length > 0) await admin.del(...keys);
admin.disconnect();
toolCache.close();
