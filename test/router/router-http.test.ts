// The router over real provider adapters and sockets (scripted OpenAI-protocol servers): a hedge's
// loser is really cancelled (its server sees the socket close), and each failure a provider can
// produce — 429 with a long Retry-After, 500, no headers in time, connection refused — moves the
// step to the replica at once.

import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter, type RouterOptions } from '../../src/router/index.js';
import { fakeRun, readStep, stepRequest } from '../../src/router/test-support/fake-run.js';
import { createModel, type ProviderTuning } from '../providers/support/create-model.js';
import { openAIStream } from '../providers/support/openai-wire.js';
import { startScriptedProviderServer, type ScriptedProviderServer } from '../providers/support/scripted-provider-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const question = 'Who is my manager?';
const primaryAnswer = 'Your manager is Dana Reyes (from the primary).';
const replicaAnswer = 'Your manager is Dana Reyes (from the replica).';

async function server(answer: string): Promise<ScriptedProviderServer> {
  const started = await startScriptedProviderServer('openai');
  started.answer({ type: 'text', text: answer });
  cleanups.push(() => started.close());
  return started;
}

function model(baseURL: string, tuning: ProviderTuning = {}) {
  const created = createModel('openai', baseURL, { modelId: 'sim-fast', ...tuning });
  cleanups.push(() => created.close());
  return created.model;
}

async function closedPortURL(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

async function routerOver(primaryURL: string, replicaURL: string, options: Partial<RouterOptions> = {}, tuning: ProviderTuning = {}) {
  return createRouter({
    tiers: [{ name: 'fast', deployments: [{ name: 'primary', model: model(primaryURL, tuning), weight: 1 }, { name: 'replica', model: model(replicaURL, tuning), weight: 0 }] }],
    ...options,
  });
}

async function ask(router: ReturnType<typeof createRouter>) {
  const started = performance.now();
  const result = await readStep(await router.stream(stepRequest(fakeRun({ input: question, timeoutMs: 10_000 }))));
  return { text: result.text, ms: performance.now() - started };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_resolve, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms))]);
}

describe('router over real adapters', () => {
  it('hedges a stalled call; the replica answers and the primary server sees its socket close', async () => {
    const primary = await server(primaryAnswer);
    const replica = await server(replicaAnswer);
    const router = await routerOver(primary.baseURL, replica.baseURL, { hedging: { minSamples: 3 } });
    for (let call = 0; call < 4; call++) expect((await ask(router)).text).toBe(primaryAnswer);
    expect(primary.server.closedConnections).toBe(0);
    // The next primary reply starts, then stalls before its first token.
    primary.queue({ chunks: openAIStream({ type: 'text', text: primaryAnswer }, 'sim-fast'), pauses: { 1: 5_000 } });
    const { text, ms } = await ask(router);
    expect(text).toBe(replicaAnswer);
    expect(ms).toBeLessThan(2_000);
    await within(primary.server.waitForClosedConnections(1), 2_000, 'the primary socket close');
    expect(router.stats()).toMatchObject({ hedges: 1, hedgeWins: 1 });
  });

  it('429 with a Retry-After of 30 s: fails over at once instead of waiting', async () => {
    const primary = await server(primaryAnswer);
    const replica = await server(replicaAnswer);
    primary.queue(primary.errorReply(429, 'Rate limit reached', { 'retry-after-ms': '30000' }));
    const router = await routerOver(primary.baseURL, replica.baseURL);
    const { text, ms } = await ask(router);
    expect(text).toBe(replicaAnswer);
    expect(ms).toBeLessThan(1_000);
    expect(primary.modelCalls).toBe(1);
  });

  it('500: fails over at once (adapter retries off, the router owns the retry)', async () => {
    const primary = await server(primaryAnswer);
    const replica = await server(replicaAnswer);
    primary.queue(primary.errorReply(500, 'The server had an error'));
    const router = await routerOver(primary.baseURL, replica.baseURL, {}, { retries: 0 });
    const { text, ms } = await ask(router);
    expect(text).toBe(replicaAnswer);
    expect(ms).toBeLessThan(1_000);
    expect(router.stats().failovers).toBe(1);
  });

  it('no response headers within the adapter timeout: fails over when it fires', async () => {
    const primary = await server(primaryAnswer);
    const replica = await server(replicaAnswer);
    primary.queue({ headersDelayMs: 5_000, json: {} });
    const router = await routerOver(primary.baseURL, replica.baseURL, {}, { retries: 0, timeoutMs: 200 });
    const { text, ms } = await ask(router);
    expect(text).toBe(replicaAnswer);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1_500);
    expect(router.stats().failoversByCode.HOTPATH_TIMEOUT).toBe(1);
  });

  it('no first token within the router attempt timeout: the call is cancelled (socket closed) and the replica answers', async () => {
    const primary = await server(primaryAnswer);
    const replica = await server(replicaAnswer);
    primary.queue({ chunks: openAIStream({ type: 'text', text: primaryAnswer }, 'sim-fast'), pauses: { 1: 5_000 } });
    const router = await routerOver(primary.baseURL, replica.baseURL, { failover: { attemptTimeoutMs: 200 } });
    const { text, ms } = await ask(router);
    expect(text).toBe(replicaAnswer);
    expect(ms).toBeLessThan(1_500);
    await within(primary.server.waitForClosedConnections(1), 2_000, 'the primary socket close');
  });

  it('connection refused: fails over at once', async () => {
    const replica = await server(replicaAnswer);
    const router = await routerOver(await closedPortURL(), replica.baseURL, {}, { retries: 0 });
    const { text, ms } = await ask(router);
    expect(text).toBe(replicaAnswer);
    expect(ms).toBeLessThan(1_000);
    expect(router.stats().failoversByCode.HOTPATH_CONNECTION_ERROR).toBe(1);
  });
});
