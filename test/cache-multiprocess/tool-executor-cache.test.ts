// The tool-result cache plugged into the real tool executor: hits, own-write invalidation,
// stale-while-revalidate through the executor, and the in-flight race.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCacheInvalidator, createLocalBus, createMemoryStore, createToolResultCache, type ToolResultEntry } from '../../src/cache/index.js';
import type { ToolContext, ToolResultCacheCall } from '../../src/spec/index.js';
import { createToolExecutor, tool, type ToolExecutor } from '../../src/tools/index.js';

function setup(options: { now?: () => number; staleWhileRevalidateMs?: number; ttlMs?: number } = {}) {
  const backend = new Map<string, string>([['u1', 'v1']]);
  const state = { calls: 0, gate: undefined as Promise<void> | undefined };
  const getUser = tool({
    name: 'get_user',
    description: 'Look up a user',
    inputSchema: z.object({ userId: z.string() }),
    readOnly: true,
    idempotent: true,
    cache: { ttlMs: options.ttlMs ?? 60_000, scope: 'tenant', ...(options.staleWhileRevalidateMs ? { staleWhileRevalidateMs: options.staleWhileRevalidateMs } : {}) },
    reads: ['user:{userId}'],
    async execute({ userId }) {
      state.calls++;
      const value = backend.get(userId);
      if (state.gate) await state.gate;
      return { userId, value };
    },
  });
  const resetPassword = tool({
    name: 'reset_password',
    description: 'Reset a password',
    inputSchema: z.object({ userId: z.string() }),
    writes: ['user:{userId}'],
    execute({ userId }) {
      backend.set(userId, `reset-${userId}`);
      return { ok: true };
    },
  });
  const bus = createLocalBus();
  const refresh = async (call: ToolResultCacheCall, context: ToolContext) => {
    const [result] = await executor.execute([{ id: call.id, toolName: call.toolName, input: call.input }], context);
    if (!result!.ok) throw new Error(result!.error.message);
    return result!.output;
  };
  const cache = createToolResultCache({ store: createMemoryStore<ToolResultEntry>({ maxBytes: 1 << 20 }), bus, refresh, ...(options.now ? { now: options.now } : {}) });
  const executor: ToolExecutor = createToolExecutor({ tools: [getUser, resetPassword], cache });
  let request = 0;
  const run = async (toolName: string, userId: string) => {
    const [result] = await executor.execute([{ id: 'c1', toolName, input: { userId } }], { requestId: `r${request++}`, tenant: 'acme', user: 'alice' });
    if (!result!.ok) throw new Error(result!.error.message);
    return { output: result!.output, source: result!.record.source ?? 'call' };
  };
  return { cache, bus, state, backend, run };
}

const until = async (check: () => boolean) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > 2000) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
};

describe('tool-result cache in the tool executor', () => {
  it('answers a repeated read from cache and drops it when a side-effecting call writes its tag', async () => {
    const { run, state } = setup();
    expect(await run('get_user', 'u1')).toEqual({ output: { userId: 'u1', value: 'v1' }, source: 'call' });
    expect(await run('get_user', 'u1')).toEqual({ output: { userId: 'u1', value: 'v1' }, source: 'cache' });
    await run('reset_password', 'u1');
    expect(await run('get_user', 'u1')).toEqual({ output: { userId: 'u1', value: 'reset-u1' }, source: 'call' });
    expect(state.calls).toBe(2);
  });

  it('serves stale once, refreshes through the executor, then serves the fresh value', async () => {
    let now = 1_000_000;
    const { run, state, backend, cache } = setup({ now: () => now, ttlMs: 100, staleWhileRevalidateMs: 10_000 });
    await run('get_user', 'u1');
    backend.set('u1', 'v2');
    now += 150;
    expect(await run('get_user', 'u1')).toEqual({ output: { userId: 'u1', value: 'v1' }, source: 'cache' });
    await until(() => cache.stats().refreshes === 1);
    expect(await run('get_user', 'u1')).toEqual({ output: { userId: 'u1', value: 'v2' }, source: 'cache' });
    expect(state.calls).toBe(2);
    expect(cache.stats()).toMatchObject({ staleServed: 1, stored: 2 });
  });

  it('does not cache a read that was in flight when its data was invalidated', async () => {
    const { run, state, backend, bus, cache } = setup();
    let release!: () => void;
    state.gate = new Promise((resolve) => (release = resolve));
    const inFlight = run('get_user', 'u1');
    await until(() => state.calls === 1);
    backend.set('u1', 'v2');
    await createCacheInvalidator({ bus }).invalidate({ tags: ['user:u1'] });
    release();
    state.gate = undefined;
    expect((await inFlight).output).toEqual({ userId: 'u1', value: 'v1' });
    expect(await run('get_user', 'u1')).toEqual({ output: { userId: 'u1', value: 'v2' }, source: 'call' });
    expect(cache.stats().discardedAsStale).toBe(1);
  });
});
