// Two hotpath processes sharing one Redis: an entry one writes is a hit in the other, and an
// invalidation one publishes evicts in the other within 100 ms.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRedisBus, createRedisStore, createToolResultCache, type DefaultToolResultCache, type RedisInvalidationBus, type RedisStore, type ToolResultEntry } from '../../src/cache/index.js';
import type { ChangeNotice, Tool } from '../../src/spec/index.js';

const redisUrl = 'redis://127.0.0.1:6379';
const runId = randomUUID();
const config = { redisUrl, prefix: `hotpath-test:${runId}:tools:`, channel: `hotpath-test:${runId}:invalidations` };
const peerScript = fileURLToPath(new URL('./cache-peer.ts', import.meta.url));
const wallNow = () => performance.timeOrigin + performance.now();

// The same tool definition as the peer's: same name, policy and tags.
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

class Peer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly replies: unknown[] = [];
  private readonly waiting: Array<(reply: unknown) => void> = [];
  readonly stderr: string[] = [];

  constructor() {
    this.child = spawn(process.execPath, ['--import', 'tsx', peerScript], { env: { ...process.env, CACHE_PEER_CONFIG: JSON.stringify(config) } });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as unknown;
      const waiter = this.waiting.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    });
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
  }

  next(): Promise<Record<string, unknown>> {
    const reply = this.replies.shift();
    if (reply !== undefined) return Promise.resolve(reply as Record<string, unknown>);
    return new Promise((resolve) => this.waiting.push((value) => resolve(value as Record<string, unknown>)));
  }

  async send(command: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    return this.next();
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.write(`${JSON.stringify({ do: 'exit' })}\n`);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

describe('two processes sharing Redis', () => {
  let peer: Peer;
  let store: RedisStore<ToolResultEntry>;
  let bus: RedisInvalidationBus;
  let cache: DefaultToolResultCache;

  beforeAll(async () => {
    store = createRedisStore<ToolResultEntry>({ redis: redisUrl, prefix: config.prefix });
    bus = createRedisBus({ redis: redisUrl, channel: config.channel });
    cache = createToolResultCache({ store, bus });
    expect(await store.whenConnected(5000)).toBe(true);
    expect(await bus.whenConnected(5000)).toBe(true);
    peer = new Peer();
    const started = await peer.next();
    expect(started, peer.stderr.join('')).toEqual({ did: 'start', ready: true });
  }, 30_000);

  afterAll(async () => {
    await peer?.stop();
    cache?.close();
    await store?.close();
    await bus?.close();
    const admin = new Redis(redisUrl);
    const keys = await admin.keys(`hotpath-test:${runId}:*`);
    if (keys.length > 0) await admin.del(...keys);
    admin.disconnect();
  });

  const context = () => ({ signal: new AbortController().signal, requestId: randomUUID(), tenant: 'acme', user: 'bob' });
  const lookup = (userId: string) => cache.get({ id: 'c1', toolName: getUser.name, tool: getUser, input: { userId } }, context());

  it('sees the entry the other process wrote, and its eviction within 100 ms', async () => {
    expect(await peer.send({ do: 'read', userId: 'u42' })).toEqual({ did: 'read', source: 'call' });
    // Written by the peer, read here from Redis, then held in this process's L1.
    expect(await lookup('u42')).toMatchObject({ userId: 'u42' });
    expect(await lookup('u42')).not.toHaveProperty('writtenBy', process.pid);
    const heldLocally = lookup('u42');
    expect(heldLocally).not.toBeInstanceOf(Promise);

    const noticeArrived = new Promise<{ notice: ChangeNotice; at: number }>((resolve) => {
      const unsubscribe = bus.subscribe((notice) => {
        unsubscribe();
        resolve({ notice, at: wallNow() });
      });
    });
    const reply = await peer.send({ do: 'reset-password', userId: 'u42' });
    const publishedAt = reply.publishedAt as number;
    const { notice, at: noticeAt } = await noticeArrived;
    expect(notice).toMatchObject({ tags: ['user:u42'], source: 'write', tenant: 'acme' });

    // Evicted here too: the lookup no longer answers from the L1, and Redis has nothing.
    while (!(lookup('u42') instanceof Promise) && wallNow() - publishedAt < 2000) await new Promise((resolve) => setTimeout(resolve, 1));
    const evictedAt = wallNow();
    expect(await lookup('u42')).toBeUndefined();
    const noticeMs = noticeAt - publishedAt;
    const evictionMs = evictedAt - publishedAt;
    console.info(`cross-process notice ${noticeMs.toFixed(2)} ms, eviction seen ${evictionMs.toFixed(2)} ms after publish`);
    expect(noticeMs).toBeLessThan(100);
    expect(evictionMs).toBeLessThan(100);
  });

  it('does not serve the other process an entry this one invalidated', async () => {
    expect((await peer.send({ do: 'read', userId: 'u7' })).source).toBe('call');
    expect((await peer.send({ do: 'read', userId: 'u7' })).source).toBe('cache');
    await bus.publish({ tags: ['user:u7'], source: 'api' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await peer.send({ do: 'read', userId: 'u7' })).source).toBe('call');
  });
});
