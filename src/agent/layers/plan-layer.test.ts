import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPlanCache } from '../../cache/index.js';
import type { AgentEvent, EmbeddingModel, ModelMessage } from '../../spec/index.js';
import { createSpeculator } from '../../speculation/index.js';
import { tool } from '../../tools/index.js';
import { createAgent } from '../create-agent.js';
import { ruleModel, serviceDeskTools, wordEmbeddings } from './layers.test-helper.js';
import { planLayer } from './plan-layer.js';

function setup(options: { modelDelayMs?: number; toolDelayMs?: number; explorationRate?: number; speculation?: false; plan?: Parameters<typeof ruleModel>[0] } = {}) {
  const model = ruleModel({ delayMs: options.modelDelayMs ?? 0, ...options.plan });
  const desk = serviceDeskTools({ delayMs: options.toolDelayMs ?? 5 });
  const plans = createPlanCache({ minMatches: 2, reuseConfidence: 0.75 });
  const speculator = createSpeculator();
  const agent = createAgent({
    models: model,
    tools: desk.tools,
    instructions: 'You are the service desk.',
    layers: [planLayer(plans, { explorationRate: options.explorationRate ?? 0, speculation: options.speculation ?? speculator })],
  });
  return { model, desk, plans, agent, speculator };
}

/** Runs the status pattern for tickets 1..n (model plans each time until the plan is trusted). */
async function teach(agent: ReturnType<typeof setup>['agent'], count: number, user = 'u1') {
  for (let index = 1; index <= count; index++) await agent.run(`What's the status of INC-${100 + index}?`, { user });
}

const toolMessages = (messages: ModelMessage[]) => messages.filter((message) => message.role === 'tool');

describe('planLayer through createAgent', () => {
  it('reuses a trusted plan with the new slot values: the tools run at once and the planning call is skipped', async () => {
    const { agent, model, desk, plans } = setup();
    // Every input derives from the request unambiguously: one match is enough.
    await teach(agent, 2);
    expect(model.calls).toHaveLength(4);
    expect(plans.patterns()[0]).toMatchObject({ pattern: "what's the status of {id}", confidence: { trials: 1, matches: 1 } });
    const events: AgentEvent[] = [];
    const result = await agent.run("What's the status of INC-4821?", { user: 'u2', onEvent: (event) => events.push(event) });
    expect(model.calls).toHaveLength(5);
    const answerCall = model.calls[4]!;
    const assistant = answerCall.messages.find((message) => message.role === 'assistant');
    expect(assistant && assistant.role === 'assistant' && assistant.toolCalls?.map((call) => [call.name, JSON.parse(call.input)])).toEqual([['get_ticket_status', { ticketId: 'INC-4821' }]]);
    expect(toolMessages(answerCall.messages)[0]!.content).toContain('INC-4821');
    expect(desk.log.at(-1)).toMatchObject({ name: 'get_ticket_status', input: { ticketId: 'INC-4821' }, user: 'u2' });
    expect(result.text).toContain('INC-4821');
    expect(result.cache).toEqual({ layer: 'plan', key: "what's the status of {id}" });
    expect(result.toolCalls.map((call) => call.toolName)).toEqual(['get_ticket_status']);
    const types = events.map((event) => event.type);
    expect(types.indexOf('cache-hit')).toBeLessThan(types.indexOf('tool-call-start'));
    expect(types.indexOf('tool-call-end')).toBeLessThan(types.indexOf('model-call-start'));
  });

  it('lets the loop continue when the model wants more after a reused plan', async () => {
    const { agent, model, desk } = setup({ plan: { extraStep: (text) => (/INC-9999/.test(text) ? [{ name: 'lookup_user', input: { userId: 'u7' } }] : []) } });
    await teach(agent, 2);
    const result = await agent.run("What's the status of INC-9999?", { user: 'u1' });
    expect(model.calls).toHaveLength(4 + 2);
    expect(desk.log.slice(-2).map((call) => call.name)).toEqual(['get_ticket_status', 'lookup_user']);
    expect(result.toolCalls).toHaveLength(2);
  });

  it('does not reuse a plan when a value cannot be derived from the new request', async () => {
    // The model always looks up the same ticket, whatever the request names.
    const { agent, model, desk } = setup({ plan: { plan: () => [{ name: 'get_ticket_status', input: { ticketId: 'INC-0001' } }] } });
    for (const text of ['Is my laptop fixed?', 'Is my laptop fixed?', 'Is my laptop fixed?', 'Is my laptop fixed?']) await agent.run(text, { user: 'u1' });
    expect(model.calls).toHaveLength(8);
    expect(desk.log).toHaveLength(4);
  });

  it('never runs a side-effecting call from a plan', async () => {
    const { agent, desk, model } = setup();
    for (let index = 1; index <= 4; index++) await agent.run(`Please close INC-${index}.`, { user: 'u1' });
    // Every close was asked for by the model: four model plans, four updates, nothing run ahead.
    expect(model.calls).toHaveLength(8);
    expect(desk.log.map((call) => call.name)).toEqual(['update_ticket', 'update_ticket', 'update_ticket', 'update_ticket']);
  });

  it('speculates a less trusted plan: progress within milliseconds, the model gets the in-flight result', async () => {
    const { agent, desk, speculator } = setup({ modelDelayMs: 100, toolDelayMs: 150 });
    await teach(agent, 1);
    const events: Array<{ event: AgentEvent; at: number }> = [];
    const started = performance.now();
    const result = await agent.run("What's the status of INC-4821?", { user: 'u1', onEvent: (event) => events.push({ event, at: performance.now() - started }) });
    const progress = events.find(({ event }) => event.type === 'progress')!;
    expect(progress.event).toMatchObject({ message: 'looking up INC-4821…' });
    expect(progress.at).toBeLessThan(30);
    const firstModelEnd = events.find(({ event }) => event.type === 'model-call-end')!;
    expect(progress.at).toBeLessThan(firstModelEnd.at);
    expect(desk.log.filter((call) => call.input['ticketId'] === 'INC-4821')).toHaveLength(1);
    expect(result.toolCalls[0]).toMatchObject({ toolName: 'get_ticket_status', source: 'speculation' });
    // Model 100 ms + tool 150 ms + model 100 ms in sequence would be ~350 ms; the tool ran during the first model call.
    expect(performance.now() - started).toBeLessThan(320);
    expect(speculator.stats()).toMatchObject({ started: 1, used: 1, wasted: 0 });
  });

  it('counts a speculative call the model did not want as wasted', async () => {
    const { agent, speculator } = setup({ plan: { plan: (text) => (/INC-2/.test(text) ? [{ name: 'search_kb', input: { query: 'other' } }] : [{ name: 'get_ticket_status', input: { ticketId: /INC-\d+/.exec(text)![0] } }]) } });
    await agent.run("What's the status of INC-1?", { user: 'u1' });
    await agent.run("What's the status of INC-2?", { user: 'u1' });
    expect(speculator.stats()).toMatchObject({ started: 1, used: 0, wasted: 1 });
  });

  it('runs with speculation instead of reuse now and then, to keep checking the plan', async () => {
    const { agent, model } = setup({ explorationRate: 1 });
    await teach(agent, 4);
    expect(model.calls).toHaveLength(8);
  });

  it('validates its options', () => {
    expect(() => planLayer(createPlanCache(), { explorationRate: 2 })).toThrow(/"explorationRate"/);
    expect(() => planLayer(createPlanCache(), { maxTemplateEmbeddingWaitMs: -1 })).toThrow(/"maxTemplateEmbeddingWaitMs"/);
    expect(() => planLayer(createPlanCache(), { embeddings: {} as never })).toThrow(/"embeddings"/);
    expect(() => planLayer({} as never)).toThrow(/PlanCache/);
  });
});

/** Bag-of-words template vectors; the plan cache's thresholds are set for them (cosines noted per test). */
function paraphraseSetup(plan?: Parameters<typeof ruleModel>[0]) {
  const model = ruleModel(plan);
  const desk = serviceDeskTools({ delayMs: 5 });
  const embeddings = wordEmbeddings(256);
  const plans = createPlanCache({ generalization: { reuseSimilarity: 0.9, speculateSimilarity: 0.5 } });
  const speculator = createSpeculator();
  const agent = createAgent({
    models: model,
    tools: desk.tools,
    instructions: 'You are the service desk.',
    layers: [planLayer(plans, { explorationRate: 0, speculation: speculator, embeddings })],
  });
  return { model, desk, plans, agent, speculator, embeddings };
}

describe('planLayer with template embeddings', () => {
  it("reuses a paraphrase's trusted plan for a template met for the first time, embedding each template once", async () => {
    const { agent, model, desk, embeddings, plans } = paraphraseSetup();
    await teach(agent, 2);
    expect(model.calls).toHaveLength(4);
    const events: AgentEvent[] = [];
    // "what's the status of {id} now" vs "what's the status of {id}": cosine 0.93.
    const result = await agent.run("What's the status of INC-4821 now?", { user: 'u2', onEvent: (event) => events.push(event) });
    expect(model.calls).toHaveLength(5);
    expect(result.cache).toEqual({ layer: 'plan', key: "what's the status of {id} now" });
    expect(events.find((event) => event.type === 'cache-hit')).toMatchObject({ layer: 'plan' });
    expect(desk.log.at(-1)).toMatchObject({ name: 'get_ticket_status', input: { ticketId: 'INC-4821' }, user: 'u2' });
    expect(result.timings.spans.find((span) => span.stage === 'plan')?.attributes).toMatchObject({ reuse: true, similarTo: "what's the status of {id}" });
    expect(embeddings.calls).toBe(2);
    expect(plans.stats()).toMatchObject({ generalized: 1, generalizedReusable: 1 });
  });

  it('only speculates the plan of a less similar template with the same slot kinds; a miss there does not stop reuse for close paraphrases', async () => {
    const escalation = (text: string) => (/escalation/i.test(text) ? [{ name: 'search_kb', input: { query: 'escalation policy' } }] : undefined);
    const { agent, model, desk, plans, speculator } = paraphraseSetup({
      plan: (text, user) => escalation(text) ?? (/INC-\d+/.test(text) ? [{ name: 'get_ticket_status', input: { ticketId: /INC-\d+/.exec(text)![0] } }] : [{ name: 'lookup_user', input: { userId: user } }]),
    });
    await teach(agent, 2);
    const before = speculator.stats();
    // Another intent naming one ticket: "tell me the escalation status of {id}", cosine 0.62.
    const result = await agent.run('Tell me the escalation status of INC-5', { user: 'u2' });
    expect(model.calls).toHaveLength(4 + 2);
    expect(result.cache).toBeUndefined();
    expect(desk.log.slice(-2).map((call) => call.name).sort()).toEqual(['get_ticket_status', 'search_kb']);
    const after = speculator.stats();
    expect({ started: after.started - before.started, used: after.used - before.used, wasted: after.wasted - before.wasted }).toEqual({ started: 1, used: 0, wasted: 1 });
    // Below the reuse band a guess costs reads only: the lending record judges reuse-band borrowing.
    expect(plans.patterns().find((pattern) => pattern.pattern === "what's the status of {id}")!.lent).toMatchObject({ trials: 0 });
    const paraphrased = await agent.run("What's the status of INC-6 now?", { user: 'u2' });
    expect(paraphrased.cache).toMatchObject({ layer: 'plan' });
    expect(model.calls).toHaveLength(6 + 1);
  });

  it('plans without the template vector when the embedding is slow, and waits no longer than maxTemplateEmbeddingWaitMs', async () => {
    const model = ruleModel();
    const desk = serviceDeskTools({ delayMs: 1 });
    const words = wordEmbeddings(256);
    let stuck = false;
    let asked = 0;
    const embeddings: EmbeddingModel = {
      modelId: 'words',
      dimensions: 256,
      embed: (texts, options) => {
        asked++;
        return stuck ? new Promise(() => {}) : words.embed(texts, options);
      },
    };
    const plans = createPlanCache();
    const agent = createAgent({ models: model, tools: desk.tools, layers: [planLayer(plans, { embeddings, maxTemplateEmbeddingWaitMs: 400 })] });
    // Nothing similar known yet: the run does not wait; the vector is embedded alongside and kept.
    await agent.run("What's the status of INC-1?", { user: 'u1' });
    expect(asked).toBe(1);
    stuck = true;
    // A paraphrase could borrow that plan: it waits for its vector, but only so long.
    let started = performance.now();
    const result = await agent.run('Where are we with ticket INC-2?', { user: 'u1' });
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(390);
    expect(waited).toBeLessThan(1_500);
    expect(result.toolCalls.map((call) => call.toolName)).toEqual(['get_ticket_status']);
    // Nothing with its slot kinds is known: no wait at all.
    started = performance.now();
    await agent.run('Who is my manager?', { user: 'u1' });
    expect(performance.now() - started).toBeLessThan(300);
    expect(asked).toBe(3);
  });
});

const systems = ['auth', 'api-gateway', 'billing'] as const;
const rootSystemOf = (errorCode: string) => systems[Number(errorCode.replace(/\D/g, '')) % 3]!;

function debugTools(log: Array<{ name: string; input: Record<string, unknown> }>) {
  return [
    tool({
      name: 'get_system_logs',
      description: "A system's logs for an error code",
      inputSchema: z.object({ system: z.string(), errorCode: z.string() }),
      readOnly: true,
      async execute(input) {
        log.push({ name: 'get_system_logs', input });
        return { system: input.system, errorCode: input.errorCode, rootCause: rootSystemOf(input.errorCode) === input.system };
      },
    }),
    tool({
      name: 'get_recent_changes',
      description: "A system's recent deployments",
      inputSchema: z.object({ system: z.string() }),
      readOnly: true,
      async execute(input) {
        log.push({ name: 'get_recent_changes', input });
        return { system: input.system, changes: [{ id: `CHG-${input.system}` }] };
      },
    }),
  ];
}

describe('planLayer with data-dependent calls', () => {
  it('reuses the derivable first wave and leaves the call that depends on its results to the model', async () => {
    const log: Array<{ name: string; input: Record<string, unknown> }> = [];
    const errorOf = (text: string) => /ERR-\d+/.exec(text)![0];
    // Like a model reading the logs: the changes of the system whose logs show the root cause.
    const model = ruleModel({
      plan: (text) => systems.map((system) => ({ name: 'get_system_logs', input: { system, errorCode: errorOf(text) } })),
      extraStep: (text) => [{ name: 'get_recent_changes', input: { system: rootSystemOf(errorOf(text)) } }],
    });
    const plans = createPlanCache();
    const agent = createAgent({ models: model, tools: debugTools(log), layers: [planLayer(plans, { explorationRate: 0, speculation: false })] });
    for (const [index, code] of ['ERR-1', 'ERR-2', 'ERR-3'].entries()) await agent.run(`Debug ${code} across auth, api-gateway and billing`, { user: `u${index}` });
    expect(model.calls).toHaveLength(9);
    log.length = 0;
    const result = await agent.run('Debug ERR-4 across auth, api-gateway and billing', { user: 'u9' });
    // The logs were prefilled (no planning call); the model asked for the changes itself, then answered.
    expect(result.cache).toMatchObject({ layer: 'plan' });
    expect(model.calls).toHaveLength(9 + 2);
    expect(log.map((call) => call.name)).toEqual(['get_system_logs', 'get_system_logs', 'get_system_logs', 'get_recent_changes']);
    expect(log.at(-1)!.input).toEqual({ system: rootSystemOf('ERR-4') });
    expect(plans.stats()).toMatchObject({ mismatched: 0 });
  });
});
