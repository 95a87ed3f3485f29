import { describe, expect, it } from 'vitest';
import { createPlanCache } from '../../cache/index.js';
import type { AgentEvent, ModelMessage } from '../../spec/index.js';
import { createSpeculator } from '../../speculation/index.js';
import { createAgent } from '../create-agent.js';
import { ruleModel, serviceDeskTools } from './layers.test-helper.js';
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
    await teach(agent, 3);
    expect(model.calls).toHaveLength(6);
    expect(plans.patterns()[0]).toMatchObject({ pattern: "what's the status of {id}", confidence: { trials: 2, matches: 2 } });
    const events: AgentEvent[] = [];
    const result = await agent.run("What's the status of INC-4821?", { user: 'u2', onEvent: (event) => events.push(event) });
    expect(model.calls).toHaveLength(7);
    const answerCall = model.calls[6]!;
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
    await teach(agent, 3);
    const result = await agent.run("What's the status of INC-9999?", { user: 'u1' });
    expect(model.calls).toHaveLength(6 + 2);
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
    expect(() => planLayer({} as never)).toThrow(/PlanCache/);
  });
});
