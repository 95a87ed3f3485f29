import { describe, expect, it } from 'vitest';
import { createPlanCache, createResponseCache, createThresholdCalibrator, type ResponseCache } from '../../cache/index.js';
import type { AgentEvent, ChangeNotice, InvalidationBus } from '../../spec/index.js';
import { sleep } from '../../util/index.js';
import { createAgent } from '../create-agent.js';
import { ruleModel, serviceDeskTools, wordEmbeddings } from './layers.test-helper.js';
import { planLayer } from './plan-layer.js';
import { responseCacheLayer } from './response-cache-layer.js';

function localBus(): InvalidationBus {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  return {
    async publish(notice) {
      for (const listener of listeners) listener(notice);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function setup(options: { bus?: InvalidationBus; ticketScope?: 'tenant' | 'user'; toolDelayMs?: number; instructions?: string } = {}) {
  const model = ruleModel();
  const desk = serviceDeskTools({ ticketScope: options.ticketScope ?? 'tenant', delayMs: options.toolDelayMs ?? 5 });
  // Semantic hits need a certified threshold; here one is given up front.
  const cache = createResponseCache({ explorationRate: 0, calibrator: createThresholdCalibrator({ priorThreshold: 0.8 }), ...(options.bus ? { bus: options.bus } : {}) });
  const embeddings = wordEmbeddings();
  const agent = createAgent({
    models: model,
    tools: desk.tools,
    embeddings,
    instructions: options.instructions ?? 'You are the service desk.',
    layers: [responseCacheLayer(cache, { agentKey: 'rule-model' })],
  });
  return { model, desk, cache, agent, embeddings };
}

async function collect(stream: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const events: AgentEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

const settle = (cache: ResponseCache) => cache.idle();

describe('responseCacheLayer through createAgent', () => {
  it('streams an exact hit like a live answer, in milliseconds, without calling the model or the tools', async () => {
    const { agent, cache, model, desk } = setup();
    const first = await agent.run("What's the status of INC-4821?");
    await settle(cache);
    const started = performance.now();
    const stream = agent.stream("what's the status of INC-4821");
    const events = await collect(stream);
    const result = await stream.result;
    expect(performance.now() - started).toBeLessThan(50);
    expect(result.text).toBe(first.text);
    expect(result.cache).toMatchObject({ layer: 'exact' });
    expect(model.calls).toHaveLength(2);
    expect(desk.log).toHaveLength(1);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('run-start');
    expect(types[1]).toBe('cache-hit');
    expect(types.at(-1)).toBe('run-finish');
    const deltas = events.filter((event): event is Extract<AgentEvent, { type: 'text-delta' }> => event.type === 'text-delta');
    expect(deltas.length).toBeGreaterThanOrEqual(Math.floor(first.text.length / 24) - 1);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.map((delta) => delta.delta).join('')).toBe(first.text);
    expect(types.slice(2, -1).every((type) => type === 'text-delta')).toBe(true);
  });

  it('serves a paraphrase naming the same ticket, never one naming another ticket', async () => {
    const { agent, cache, model } = setup();
    await agent.run("What's the status of INC-4821?");
    await settle(cache);
    const paraphrase = await agent.run('What is the status of INC-4821 please?');
    expect(paraphrase.cache).toMatchObject({ layer: 'semantic' });
    const other = await agent.run("What's the status of INC-4822?");
    expect(other.cache).toBeUndefined();
    expect(other.text).toContain('INC-4822');
    expect(model.calls).toHaveLength(4);
  });

  it('never crosses tenants', async () => {
    const { agent, cache, model } = setup();
    await agent.run("What's the status of INC-1?", { tenant: 'acme' });
    await settle(cache);
    expect((await agent.run("What's the status of INC-1?", { tenant: 'globex' })).cache).toBeUndefined();
    expect((await agent.run("What's the status of INC-1?", { tenant: 'acme' })).cache).toMatchObject({ layer: 'exact' });
    expect(model.calls).toHaveLength(4);
  });

  it("never gives one user's answer built from user-scoped data to another", async () => {
    const { agent, cache, desk } = setup({ ticketScope: 'user' });
    await agent.run("What's the status of INC-1?", { user: 'u1' });
    await settle(cache);
    expect((await agent.run("What's the status of INC-1?", { user: 'u2' })).cache).toBeUndefined();
    expect((await agent.run("What's the status of INC-1?", { user: 'u1' })).cache).toMatchObject({ layer: 'exact' });
    const managers = await agent.run('Who is my manager?', { user: 'u1' });
    await settle(cache);
    const other = await agent.run('Who is my manager?', { user: 'u2' });
    expect(other.cache).toBeUndefined();
    expect(other.text).not.toBe(managers.text);
    expect(desk.log.filter((call) => call.name === 'lookup_user').map((call) => call.input['userId'])).toEqual(['u1', 'u2']);
  });

  it('never answers "Reset my password" from cache, not even after "How do I reset my password?" was cached', async () => {
    const { agent, cache, desk } = setup();
    await agent.run('How do I reset my password?', { user: 'u1' });
    await settle(cache);
    expect((await agent.run('How do I reset my password', { user: 'u2' })).cache).toMatchObject({ layer: 'exact' });
    for (const user of ['u1', 'u1', 'u2']) {
      const result = await agent.run('Reset my password', { user });
      await settle(cache);
      expect(result.cache).toBeUndefined();
    }
    expect(desk.log.filter((call) => call.name === 'reset_password').map((call) => call.input['userId'])).toEqual(['u1', 'u1', 'u2']);
    expect(cache.stats().notStored['command']).toBe(3);
  });

  it('never stores a run that acted, even when it did not read like a command', async () => {
    const { agent, cache, desk } = setup();
    await agent.run('Hello, I would really appreciate a new password.', { user: 'u1' });
    await settle(cache);
    await agent.run('Hello, I would really appreciate a new password.', { user: 'u1' });
    expect(desk.log.filter((call) => call.name === 'reset_password')).toHaveLength(2);
  });

  it('evicts at once what an own write changed', async () => {
    const { agent, cache, model } = setup();
    const before = await agent.run("What's the status of INC-7?", { user: 'u1' });
    await settle(cache);
    await agent.run('Please close INC-7.', { user: 'u1' });
    expect(cache.stats().evicted.tag).toBe(1);
    const after = await agent.run("What's the status of INC-7?", { user: 'u1' });
    expect(after.cache).toBeUndefined();
    expect(after.text).toContain('Closed');
    expect(before.text).toContain('Open');
    expect(model.calls).toHaveLength(6);
  });

  it('evicts on a change notice from the bus', async () => {
    const bus = localBus();
    const { agent, cache } = setup({ bus });
    await agent.run("What's the status of INC-9?");
    await settle(cache);
    expect((await agent.run("What's the status of INC-9?")).cache).toBeDefined();
    await bus.publish({ tags: ['ticket:INC-9'], source: 'webhook' });
    expect((await agent.run("What's the status of INC-9?")).cache).toBeUndefined();
  });

  it('evicts an answer once another run reads a newer version of its data', async () => {
    const { agent, cache, desk } = setup();
    await agent.run("What's the status of INC-8?");
    await settle(cache);
    const ticket = desk.tickets.get('INC-8')!;
    ticket.status = 'Resolved';
    ticket.version++;
    const other = await agent.run('Is anyone working on INC-8 yet?');
    expect(other.cache).toBeUndefined();
    expect(cache.stats().evicted.version).toBe(1);
    const again = await agent.run("What's the status of INC-8?");
    expect(again.cache).toBeUndefined();
    expect(again.text).toContain('Resolved');
  });

  it('does not store a run whose data was invalidated while it ran', async () => {
    const { agent, cache, model } = setup({ toolDelayMs: 60 });
    const running = agent.run("What's the status of INC-3?");
    await sleep(20);
    await cache.invalidate({ tags: ['ticket:INC-3'] });
    await running;
    await settle(cache);
    expect(cache.stats().notStored['invalidated-in-flight']).toBe(1);
    expect((await agent.run("What's the status of INC-3?")).cache).toBeUndefined();
    expect(model.calls).toHaveLength(4);
  });

  it('keeps agent configurations apart: another system prompt misses', async () => {
    const first = setup({ instructions: 'Prompt A' });
    await first.agent.run("What's the status of INC-5?");
    await settle(first.cache);
    const other = createAgent({ models: ruleModel(), tools: first.desk.tools, instructions: 'Prompt B', layers: [responseCacheLayer(first.cache, { agentKey: 'rule-model' })] });
    expect((await other.run("What's the status of INC-5?")).cache).toBeUndefined();
  });

  it('keys multi-turn requests by the conversation so far', async () => {
    const { agent, cache } = setup();
    const history = [{ role: 'user' as const, content: 'Hi' }, { role: 'assistant' as const, content: 'Hello!' }];
    await agent.run("What's the status of INC-6?", { history });
    await settle(cache);
    expect((await agent.run("What's the status of INC-6?", { history })).cache).toMatchObject({ layer: 'exact' });
    expect((await agent.run("What's the status of INC-6?")).cache).toBeUndefined();
  });

  it('bypasses what the plan cache saw act', async () => {
    const model = ruleModel({ plan: (text, user) => (/broken/.test(text) ? [{ name: 'reset_password', input: { userId: user } }] : []) });
    const desk = serviceDeskTools();
    const cache = createResponseCache({ explorationRate: 0 });
    const plans = createPlanCache();
    const agent = createAgent({ models: model, tools: desk.tools, layers: [responseCacheLayer(cache, { planCache: plans }), planLayer(plans, { speculation: false })] });
    await agent.run('My login is broken.', { user: 'u1' });
    await cache.idle();
    const lookup = cache.stats();
    await agent.run('My login is broken.', { user: 'u2' });
    expect(cache.stats().bypassed['side-effect-pattern']).toBe(lookup.bypassed['side-effect-pattern'] + 1);
    expect(desk.log.filter((call) => call.name === 'reset_password')).toHaveLength(2);
  });

  it('does not hold a run for the embedding while no threshold is certified, and still learns from it', async () => {
    const model = ruleModel();
    const desk = serviceDeskTools({ ticketScope: 'tenant', delayMs: 5 });
    const cache = createResponseCache({ explorationRate: 0 });
    const words = wordEmbeddings();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let embedded = 0;
    const slowEmbeddings = {
      modelId: words.modelId,
      dimensions: words.dimensions,
      async embed(texts: readonly string[]) {
        await gate;
        embedded++;
        return words.embed(texts);
      },
    };
    const agent = createAgent({ models: model, tools: desk.tools, embeddings: slowEmbeddings, instructions: 'You are the service desk.', layers: [responseCacheLayer(cache, { agentKey: 'rule-model' })] });
    expect(cache.servesSemanticHits()).toBe(false);
    await agent.run("What's the status of INC-4821?");
    await agent.run('What is the status of INC-4821 please?');
    // Both runs finished while the embedding was still held back.
    expect(model.calls).toHaveLength(4);
    expect(embedded).toBe(0);
    release();
    await sleep(20);
    await settle(cache);
    expect(embedded).toBe(2);
    expect(cache.stats().lookups).toBe(2);
  });
  it('waits for a slow request embedding no longer than maxEmbeddingWaitMs, then answers live and still learns', async () => {
    const model = ruleModel();
    const desk = serviceDeskTools({ ticketScope: 'tenant', delayMs: 5 });
    const cache = createResponseCache({ explorationRate: 0, calibrator: createThresholdCalibrator({ priorThreshold: 0.8 }) });
    const words = wordEmbeddings();
    let delayMs = 0;
    let embedded = 0;
    const slowEmbeddings = {
      modelId: words.modelId,
      dimensions: words.dimensions,
      async embed(texts: readonly string[]) {
        await sleep(delayMs);
        embedded++;
        return words.embed(texts);
      },
    };
    const agent = createAgent({
      models: model,
      tools: desk.tools,
      embeddings: slowEmbeddings,
      instructions: 'You are the service desk.',
      layers: [responseCacheLayer(cache, { agentKey: 'rule-model', maxEmbeddingWaitMs: 40 })],
    });
    expect(cache.servesSemanticHits()).toBe(true);
    await agent.run("What's the status of INC-4821?");
    await settle(cache);
    const storedBefore = cache.stats().stored;
    // The paraphrase would be a semantic hit, but its embedding takes far longer than the wait.
    delayMs = 600;
    const started = performance.now();
    const slow = await agent.run('What is the status of INC-4821 please?');
    expect(slow.cache).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(450);
    expect(model.calls).toHaveLength(4);
    // idle() covers the run's completion while its embedding is still on its way.
    await settle(cache);
    expect(embedded).toBe(2);
    expect(cache.stats().lookups).toBe(2);
    expect(cache.stats().stored).toBe(storedBefore + 1);
    // With a prompt embedding the same paraphrase is served from the cache.
    delayMs = 0;
    const fast = await agent.run('So what is the status of INC-4821 please?');
    expect(fast.cache).toMatchObject({ layer: 'semantic' });
  });

  it('refuses a negative maxEmbeddingWaitMs with an error naming the option', () => {
    expect(() => responseCacheLayer(createResponseCache(), { maxEmbeddingWaitMs: -1 })).toThrow(/maxEmbeddingWaitMs/);
  });
});

