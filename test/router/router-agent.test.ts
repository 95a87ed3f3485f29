// The router as the agent's model caller: createAgent({ modelCaller: router }) with fake tools. The
// agent never dispatches a fast model's invalid tool call, never shows its failed text, and reports
// every call the router made (escalated ones marked) in the run's result.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createAgent, type AgentEvent } from '../../src/index.js';
import { createRouter } from '../../src/router/index.js';
import { scriptedDeployment, textAnswer, toolCallAnswer, type ScriptSource } from '../../src/router/test-support/scripted-deployment.js';
import { tool } from '../../src/tools/index.js';

const question = "What's the status of INC-4821?";
const answer = 'Hi Alice, INC-4821 is In Progress and assigned to Bob Stone.';
const refusal = "I'm not sure I can help with that. Could you rephrase it or contact the service desk directly?";

function setup(fastScript: ScriptSource, powerfulScript: ScriptSource, timeoutMs = 10_000) {
  const ticketCalls: unknown[] = [];
  const getTicket = tool({
    name: 'get_ticket',
    description: 'Reads a ticket',
    inputSchema: z.object({ ticketId: z.string() }),
    readOnly: true,
    idempotent: true,
    async execute(input) {
      ticketCalls.push(input);
      return { id: input.ticketId, status: 'In Progress', assignee: 'Bob Stone', requesterFirstName: 'Alice' };
    },
  });
  const fast = scriptedDeployment({ modelId: 'sim-fast', script: fastScript });
  const powerful = scriptedDeployment({ modelId: 'sim-powerful', script: powerfulScript });
  const router = createRouter({ tiers: [{ name: 'fast', deployments: [{ model: fast }] }, { name: 'powerful', deployments: [{ model: powerful }] }] });
  // `models` is required by AgentOptions even with a modelCaller; the router's models are the natural value.
  const agent = createAgent({ name: 'routed', models: { fast, powerful }, modelCaller: router, tools: [getTicket], instructions: 'You are the IT service desk.', timeoutMs });
  return { agent, router, fast, powerful, ticketCalls };
}

const validCall = toolCallAnswer([{ id: 'call_1', name: 'get_ticket', input: { ticketId: 'INC-4821' } }]);

describe('router inside the agent', () => {
  it('a simple request runs on the fast tier end to end', async () => {
    const { agent, fast, powerful, ticketCalls } = setup([validCall, textAnswer(answer, { tokenMs: 2 })], [textAnswer('unused')]);
    const result = await agent.run(question);
    expect(result.text).toBe(answer);
    expect(ticketCalls).toEqual([{ ticketId: 'INC-4821' }]);
    expect(result.modelCalls.map((call) => call.tier)).toEqual(['fast', 'fast']);
    expect(fast.calls).toHaveLength(2);
    expect(powerful.calls).toHaveLength(0);
    expect(result.timings.spans.some((span) => span.stage === 'classify')).toBe(true);
  });

  it("never dispatches the fast model's invalid tool call: the step is redone on the powerful tier", async () => {
    const { agent, ticketCalls, router } = setup(
      [toolCallAnswer([{ name: 'get_ticket_v2', input: { ticketId: 'INC-4821' } }]), textAnswer(answer)],
      [validCall],
    );
    const result = await agent.run(question);
    expect(result.text).toBe(answer);
    expect(ticketCalls).toEqual([{ ticketId: 'INC-4821' }]);
    expect(result.toolCalls.map((call) => call.toolName)).toEqual(['get_ticket']);
    // One failure redoes that step only: the answer step is back on the fast tier.
    expect(result.modelCalls.map((call) => [call.tier, call.escalated ?? false])).toEqual([['fast', false], ['powerful', true], ['fast', false]]);
    expect(router.stats().escalationsByKind['undeclared-tool']).toBe(1);
    const modelSpans = result.timings.spans.filter((span) => span.stage === 'model');
    expect(modelSpans.map((span) => [span.attributes?.tier, span.attributes?.escalated ?? false])).toEqual([['fast', false], ['powerful', true], ['fast', false]]);
    expect(modelSpans.every((span) => typeof span.attributes?.ttftMs === 'number')).toBe(true);
  });

  it("streams only the powerful model's text when the fast one refuses", async () => {
    const { agent } = setup([validCall, textAnswer(refusal, { tokenMs: 3 })], [textAnswer(answer, { tokenMs: 3 })]);
    const events: AgentEvent[] = [];
    const stream = agent.stream(question);
    for await (const event of stream) events.push(event);
    const text = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : [])).join('');
    expect(text).toBe(answer);
    expect(JSON.stringify(events)).not.toContain('not sure');
    const result = await stream.result;
    expect(result.modelCalls.map((call) => call.tier)).toEqual(['fast', 'fast', 'powerful']);
    expect(events.filter((event) => event.type === 'model-call-start')).toHaveLength(3);
    expect(events.filter((event) => event.type === 'model-call-end')).toHaveLength(3);
  });

  it('fails the run fast with HOTPATH_DEADLINE_EXCEEDED when no model can finish in its budget', async () => {
    const fast = scriptedDeployment({ modelId: 'sim-fast', script: [textAnswer('late')] });
    const router = createRouter({ tiers: [{ name: 'fast', deployments: [{ model: fast, expected: { ttftMs: 3_000 } }] }] });
    const agent = createAgent({ models: fast, modelCaller: router, timeoutMs: 500 });
    const started = performance.now();
    await expect(agent.run(question)).rejects.toMatchObject({ code: 'HOTPATH_DEADLINE_EXCEEDED' });
    expect(performance.now() - started).toBeLessThan(200);
    expect(fast.calls).toHaveLength(0);
  });

  it('warms every deployment with the warm-up options the agent passes', async () => {
    const { agent, fast, powerful } = setup([textAnswer('x')], [textAnswer('y')]);
    const options = { connections: 4, headers: { 'x-request-id': 'warmup#routed' } };
    await agent.warmUp(options);
    expect(fast.warmUps).toEqual([options]);
    expect(powerful.warmUps).toEqual([options]);
  });
});
