import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrainMessage } from '../../brain/index.js';
import { CallLog } from '../../calls/index.js';
import { createSimClock } from '../../clock/index.js';
import { parseSimulatorConfig } from '../../config/index.js';
import type { PlannedCall } from '../../domain/index.js';
import { createRandom } from '../../random/index.js';
import { canonicalJson, startToolServer, type ToolServer } from '../../tools-server/index.js';
import { refusalText, vagueAnswerText } from '../service-desk/index.js';
import { driveConversation } from '../service-desk/brain-driver.js';
import { replayTask } from './retail-plan.js';
import { mutableVariants } from './retail-mutations.js';
import { createTauRetailDomain } from './tau-retail-domain.js';

const config = parseSimulatorConfig({
  seed: 7,
  timeScale: 0.001,
  domain: 'tau-retail',
  models: { m: { tier: 'powerful', ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 5, p95: 8 } } },
  providers: [{ name: 'p', models: ['m'] }],
  tools: { defaults: { latencyMs: { p50: 800, p95: 1200 }, errorRate: 0 } },
});
const clock = createSimClock(config.timeScale);
const domain = createTauRetailDomain({ seed: config.seed, clock });
let server: ToolServer;

beforeAll(async () => {
  server = await startToolServer({ config, clock, domain, calls: new CallLog() });
});
afterAll(async () => {
  await server.close();
});

function planWaves(plan: readonly PlannedCall[]): string[][] {
  const level: number[] = [];
  plan.forEach((call, index) => {
    level[index] = call.dependsOn.length === 0 ? 0 : 1 + Math.max(...call.dependsOn.map((dependency) => level[dependency]!));
  });
  const waves: string[][] = [];
  plan.forEach((call, index) => (waves[level[index]!] ??= []).push(`${call.name} ${canonicalJson(call.arguments)}`));
  return waves.map((wave) => wave.sort());
}

describe('tau-retail: tasks ↔ oracle brain ↔ retail tool APIs', () => {
  it('runs task 0 of tasks_test in three waves and requests the exchange in the caller namespace only', async () => {
    const task = domain.database.tasks.find((candidate) => candidate.id === 'test-0')!;
    const driven = await driveConversation({ brain: domain.brain, toolsUrl: server.url, catalog: domain.catalog, userId: task.user_id, text: task.instruction, requestId: 'tau-0#agent-a' });
    expect(driven.waves.map((wave) => wave.map((call) => call.name))).toEqual([
      ['find_user_id_by_name_zip', 'get_order_details'],
      ['get_product_details', 'get_product_details'],
      ['exchange_delivered_order_items'],
    ]);
    expect(domain.world.get('agent-a', 'order:#W2378156')!.status).toBe('exchange requested');
    expect(domain.world.get('agent-b', 'order:#W2378156')!.status).toBe('delivered');
    expect(domain.world.effects({ namespace: 'agent-a', kind: 'exchange_delivered_order_items' })).toMatchObject([{ ok: true, key: 'tau-0' }]);
    expect(driven.answer).toContain('#W2378156');
  });

  it('plays a run of requests in one namespace without write conflicts: every planned write succeeds', async () => {
    const namespace = 'run-a';
    for (let index = 0; index < 30; index++) {
      const request = domain.generateRequest({ random: createRandom(index), index, entitySkew: 1, userSkew: 1 });
      const task = domain.selection.distinct[index]!.task;
      expect(request.text).toBe(task.instruction);
      const driven = await driveConversation({
        brain: domain.brain, toolsUrl: server.url, catalog: domain.catalog, userId: request.userId, text: request.text,
        requestId: `run-${index}#${namespace}`, maxTurns: 20,
      });
      const waves = driven.waves.map((wave) => wave.map((call) => `${call.name} ${canonicalJson(call.arguments)}`).sort());
      expect(waves, task.id).toEqual(planWaves(request.plan));
      for (const output of request.truth.outputs ?? []) expect(driven.answer).toContain(output);
      const pristine = replayTask(task, domain.database).results;
      request.plan.forEach((call, callIndex) => {
        if (!request.truth.sideEffects.some((effect) => effect.kind === call.name)) return;
        const succeededOnPristineData = !(pristine[callIndex] as { error?: unknown }).error;
        const effects = domain.world.effects({ namespace, key: `run-${index}`, kind: call.name }).filter((effect) => canonicalJson(effect.params) === canonicalJson(call.arguments));
        expect(effects.some((effect) => effect.ok), `${task.id} ${call.name}`).toBe(succeededOnPristineData);
      });
      for (const entity of domain.scanMentions(driven.answer).entities) expect(request.truth.entities, driven.answer).toContain(entity);
      for (const expected of request.truth.sideEffects) {
        const done = domain.world.effects({ namespace, key: `run-${index}`, kind: expected.kind }).some((effect) => effect.ok && canonicalJson(effect.params) === canonicalJson(expected.match));
        expect(done, `${task.id} ${expected.kind}`).toBe(true);
      }
    }
  });

  it('calls a write again after a transient 503 and performs it, as the bench\'s w55 (train-177) needs', async () => {
    // train-177 is one exchange with no lookups. A 503 ("temporarily unavailable, try again") on its
    // first attempt must not end the task: the attempt counter lets the next attempt succeed.
    const flakyConfig = parseSimulatorConfig({
      ...config, domain: 'tau-retail',
      tools: { defaults: { latencyMs: { p50: 800, p95: 1200 }, errorRate: 0 }, byName: { exchange_delivered_order_items: { latencyMs: { p50: 800, p95: 1200 }, errorRate: 0.5 } } },
    });
    const flaky = await startToolServer({ config: flakyConfig, clock, domain, calls: new CallLog() });
    try {
      const task = domain.database.tasks.find((candidate) => candidate.id === 'train-177')!;
      const [exchange] = task.actions;
      let key = 0;
      while (!flaky.latency.fails(`flaky-${key}`, exchange!.name, exchange!.kwargs, 1) || flaky.latency.fails(`flaky-${key}`, exchange!.name, exchange!.kwargs, 2)) key++;
      const driven = await driveConversation({
        brain: domain.brain, toolsUrl: flaky.url, catalog: domain.catalog, userId: task.user_id, text: task.instruction, requestId: `flaky-${key}#flaky`,
      });
      expect(driven.waves.map((wave) => wave.map((call) => call.name))).toEqual([['exchange_delivered_order_items'], ['exchange_delivered_order_items']]);
      expect(domain.world.effects({ namespace: 'flaky', kind: exchange!.name }).map((effect) => effect.ok)).toEqual([false, true]);
      expect(domain.world.get('flaky', 'order:#W5544629')!.status).toBe('exchange requested');
      expect(driven.answer).toContain('The exchange of 1 item(s) in order #W5544629 is requested');
    } finally {
      await flaky.close();
    }
  });

  it('gives up on a call after three transient failures, and never repeats one that failed for good', () => {
    const task = domain.database.tasks.find((candidate) => candidate.id === 'train-177')!;
    const [exchange] = task.actions;
    const tools = domain.catalog.map((entry) => ({ name: entry.name }));
    const respond = (results: string[]) => {
      const messages: BrainMessage[] = [{ role: 'system', text: `Current user: ${task.user_id}` }, { role: 'user', text: task.instruction }];
      results.forEach((content, index) => {
        messages.push({ role: 'assistant', text: '', toolCalls: [{ id: `call_${index}`, name: exchange!.name, arguments: JSON.stringify(exchange!.kwargs) }] });
        messages.push({ role: 'tool', toolCallId: `call_${index}`, name: exchange!.name, content });
      });
      return domain.brain.respond({ model: 'm', tier: 'powerful', failureRate: { simple: 0, complex: 0 }, verbosity: 1, messages, tools, random: createRandom('retry', results.length) });
    };
    const unavailable = JSON.stringify({ error: { status: 503, message: 'exchange_delivered_order_items is temporarily unavailable, try again' } });
    // As a hotpath runtime reports it: the status inside the message.
    const viaRuntime = JSON.stringify({ error: { code: 'HOTPATH_TOOL_ERROR', message: 'exchange_delivered_order_items: POST answered HTTP 503: exchange_delivered_order_items is temporarily unavailable, try again' } });
    const insufficient = JSON.stringify({ error: { status: 400, message: 'insufficient gift card balance to pay for the new item' } });
    expect(respond([unavailable])).toMatchObject({ type: 'tool-calls', calls: [{ name: exchange!.name }] });
    expect(respond([viaRuntime, unavailable])).toMatchObject({ type: 'tool-calls', calls: [{ name: exchange!.name }] });
    const givenUp = respond([unavailable, viaRuntime, unavailable]);
    expect(givenUp.type).toBe('text');
    expect(givenUp.type === 'text' && givenUp.text).toContain("I couldn't request the exchange for order #W5544629: exchange_delivered_order_items is temporarily unavailable");
    const refused = respond([insufficient]);
    expect(refused.type === 'text' && refused.text).toContain("I couldn't request the exchange for order #W5544629: insufficient gift card balance");
  });

  it('expects no side effect from a write that fails on tau-bench’s own data', () => {
    // test-106's only action, an exchange, fails on the pristine data (insufficient gift-card balance).
    const task = domain.database.tasks.find((candidate) => candidate.id === 'test-106')!;
    expect((replayTask(task, domain.database).results[0] as { error?: unknown }).error).toBeDefined();
    expect(domain.requestFor(task).truth.sideEffects).toEqual([]);
    const succeeding = domain.database.tasks.find((candidate) => candidate.id === 'test-0')!;
    expect(domain.requestFor(succeeding).truth.sideEffects.map((effect) => effect.kind)).toEqual(['exchange_delivered_order_items']);
  });

  it('fails detectably at the configured rate for complex tasks', () => {
    const task = domain.selection.taskAt(0, 'complex').task;
    const messages: BrainMessage[] = [{ role: 'system', text: `Current user: ${task.user_id}` }, { role: 'user', text: task.instruction }];
    const tools = domain.catalog.map((entry) => ({ name: entry.name }));
    let failures = 0;
    for (let trial = 0; trial < 1000; trial++) {
      const output = domain.brain.respond({ model: 'm', tier: 'fast', failureRate: { simple: 0, complex: 0.4 }, verbosity: 1, messages, tools, random: createRandom('tau-rate', trial) });
      const broken = output.type === 'text'
        ? output.text === refusalText || output.text === vagueAnswerText
        : output.calls.some((call) => {
          if (!tools.some((tool) => tool.name === call.name) || call.arguments === '{}') return true;
          try { JSON.parse(call.arguments); return false; } catch { return true; }
        });
      if (broken) failures++;
    }
    expect(failures / 1000).toBeGreaterThan(0.35);
    expect(failures / 1000).toBeLessThan(0.45);
  });

  it('answers an unknown message briefly without tools', () => {
    const output = domain.brain.respond({
      model: 'm', tier: 'powerful', failureRate: { simple: 0, complex: 0 }, verbosity: 1, tools: [],
      messages: [{ role: 'user', text: 'What is the weather like?' }], random: createRandom('x'),
    });
    expect(output.type).toBe('text');
  });

  it('changes only variants no task depends on, announced with product tags', () => {
    const allowed = new Set(mutableVariants(domain.database).map((variant) => `product:${variant.productId}`));
    const random = createRandom('retail-mutations');
    for (let index = 0; index < 20; index++) {
      const event = domain.mutate(random)!;
      expect(allowed.has(event.entity)).toBe(true);
      expect(event.tags).toEqual([event.entity, 'products']);
      expect(event.cause).toBe('mutation');
    }
  });
});
