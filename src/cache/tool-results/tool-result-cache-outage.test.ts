// The tool-result cache over Redis while Redis goes away and comes back: every lookup still answers
// at once, results keep coming from the tool, and caching in Redis resumes after the restart.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Tool, ToolResultCacheCall } from '../../spec/index.js';
import { createRedisBus } from '../invalidation/redis-bus.js';
import { createRedisStore } from '../stores/redis-store.js';
import { startThrowawayRedis, type ThrowawayRedis } from '../stores/test-support/throwaway-redis.js';
import { createToolResultCache } from './tool-result-cache.js';
import type { ToolResultEntry } from './tool-result-entry.js';

let server: ThrowawayRedis;
beforeAll(async () => {
  server = await startThrowawayRedis();
});
afterAll(async () => {
  await server.stop();
});

let calls = 0;
const getTicket: Tool = {
  name: 'get_ticket',
  description: 'Look up a ticket',
  inputSchema: z.object({ ticketId: z.string() }),
  readOnly: true,
  idempotent: true,
  cache: { ttlMs: 60_000, scope: 'tenant' },
  reads: ['ticket:{ticketId}'],
  execute: (input) => ({ ticketId: (input as { ticketId: string }).ticketId, call: ++calls }),
};

describe('tool-result cache through a Redis outage', () => {
  it('keeps answering, then caches in Redis again', async () => {
    const options = { redis: server.url, maxReconnectDelayMs: 100 };
    const store = createRedisStore<ToolResultEntry>({ ...options, prefix: 'tools:', l1: false });
    const bus = createRedisBus({ redis: server.url, channel: 'invalidations' });
    const cache = createToolResultCache({ store, bus });
    let request = 0;
    const read = async (ticketId: string) => {
      const call: ToolResultCacheCall = { id: 'c1', toolName: getTicket.name, tool: getTicket, input: { ticketId } };
      const context = { signal: new AbortController().signal, requestId: `r${request++}`, tenant: 'acme' };
      const started = performance.now();
      const cached = await cache.get(call, context);
      const lookupMs = performance.now() - started;
      if (cached !== undefined) return { output: cached, source: 'cache', lookupMs };
      const output = await getTicket.execute(call.input, context);
      await cache.set(call, context, output);
      return { output, source: 'call', lookupMs };
    };
    try {
      expect(await store.whenConnected(5000)).toBe(true);
      await read('T1');
      expect((await read('T1')).source).toBe('cache');

      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const during = await Promise.all(['T1', 'T1', 'T2', 'T2'].map(read));
      for (const answer of during) {
        expect(answer.source).toBe('call'); // no L1 here: a miss, answered by the tool
        expect(answer.lookupMs).toBeLessThan(100);
      }

      await server.start();
      expect(await store.whenConnected(5000)).toBe(true);
      expect((await read('T3')).source).toBe('call');
      expect((await read('T3')).source).toBe('cache');
    } finally {
      cache.close();
      await store.close();
      await bus.close();
    }
  });
});
