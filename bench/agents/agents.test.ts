import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../sim/index.js';
import { startFakeSimulator, type FakeSimulator } from '../testing/index.js';
import type { BenchRequest } from '../workload/index.js';
import { loadBenchAgentFactory } from './agent-registry.js';
import type { BenchAgent } from './bench-agent.js';
import { createSystemPrompt } from './system-prompt.js';

// Each reference agent against the fake simulator: it answers from the tools, tags every call with
// its request id, and shows its connection and concurrency habits.

let simulator: FakeSimulator;
beforeAll(async () => {
  simulator = await startFakeSimulator({ statuses: { T1: 'pending', T2: 'closed' }, toolDelayMs: 60 });
});
afterAll(() => simulator.close());

const request: BenchRequest = {
  id: 'w5',
  index: 5,
  kind: 'ticket-compare',
  complexity: 'complex',
  userId: 'u3',
  text: 'Compare T1 and T2, then reset my password.',
  truth: { facts: [], sideEffects: [], entities: ['ticket:T1', 'ticket:T2'] },
  plan: [],
  answerTokens: 50,
};

async function runAgent(name: string) {
  const factory = await loadBenchAgentFactory(name);
  const agent: BenchAgent = await factory({
    simulator,
    models: { fast: 'fake-fast', powerful: 'fake-powerful' },
    systemPrompt: createSystemPrompt(simulator.domain),
    agentName: name,
  });
  await agent.setup?.();
  const connectionsBefore = simulator.connections.llm + simulator.connections.tools;
  const moments: Record<string, number> = {};
  const started = Date.now();
  const result = await agent.run(request, {
    requestId: `w5#${name}`,
    signal: new AbortController().signal,
    onFirstEvent: () => (moments.firstEvent ??= Date.now()),
    onFirstToken: () => (moments.firstToken ??= Date.now()),
  });
  const ended = Date.now();
  await agent.close?.();
  return {
    agent, result, started, ended, moments,
    calls: simulator.calls.list({ namespace: name }).filter((call) => call.startedAt >= started),
    newConnections: simulator.connections.llm + simulator.connections.tools - connectionsBefore,
  };
}

function overlaps(calls: CallRecord[]): boolean {
  return calls.some((a, i) => calls.some((b, j) => i !== j && a.startedAt < b.endedAt && b.startedAt < a.endedAt));
}

describe.each(['baseline', 'ai-sdk', 'langgraph'])('%s agent', (name) => {
  it('answers from the tools, does the side effect and tags every call', async () => {
    const { result, calls, moments, started, ended } = await runAgent(name);
    expect(result.text).toContain('T1: status pending.');
    expect(result.text).toContain('T2: status closed.');
    expect(calls.length).toBeGreaterThanOrEqual(5);
    expect(new Set(calls.map((call) => call.requestId))).toEqual(new Set([`w5#${name}`]));
    expect(calls.filter((call) => call.kind === 'llm').every((call) => call.name === 'fake-powerful')).toBe(true);
    expect(calls.filter((call) => call.kind === 'tool').map((call) => call.name).sort()).toEqual(['get_ticket', 'get_ticket', 'reset_password']);
    expect(simulator.domain.world.effects({ namespace: name, kind: 'reset_password' })).toHaveLength(1);
    expect(moments.firstEvent).toBeGreaterThanOrEqual(started);
    expect(moments.firstToken).toBeGreaterThanOrEqual(moments.firstEvent as number);
    expect(moments.firstToken).toBeLessThanOrEqual(ended);
  });
});

describe('connection and concurrency habits', () => {
  it('baseline: a new connection for every call, tools one after another, no streaming', async () => {
    const { calls, newConnections, moments, ended } = await runAgent('baseline');
    expect(newConnections).toBe(calls.length);
    expect(calls.every((call) => call.connectionPenaltyMs > 0)).toBe(true);
    expect(calls.every((call) => call.stream === undefined || call.stream === false)).toBe(true);
    expect(overlaps(calls.filter((call) => call.kind === 'tool'))).toBe(false);
    // Nothing is visible before the whole answer exists.
    expect(ended - (moments.firstEvent as number)).toBeLessThan(20);
  });

  it.each(['ai-sdk', 'langgraph'])('%s: streams, reuses connections and runs independent tools together', async (name) => {
    const { calls, newConnections, moments, ended } = await runAgent(name);
    expect(calls.filter((call) => call.kind === 'llm').every((call) => call.stream === true)).toBe(true);
    expect(newConnections).toBeLessThan(calls.length);
    // Its own pool: it opens connections to both servers even though earlier agents warmed theirs.
    expect(newConnections).toBeGreaterThanOrEqual(2);
    expect(overlaps(calls.filter((call) => call.name === 'get_ticket'))).toBe(true);
    // Tool activity is visible long before the answer ends.
    expect(ended - (moments.firstEvent as number)).toBeGreaterThan(50);
  });

  it('reports framework versions from node_modules', async () => {
    const aiSdk = await runAgent('ai-sdk');
    const langGraph = await runAgent('langgraph');
    expect(aiSdk.agent.versions?.ai).toMatch(/^\d+\.\d+\.\d+/);
    expect(langGraph.agent.versions?.['@langchain/langgraph']).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown agent name, listing the known ones', async () => {
    await expect(loadBenchAgentFactory('nope')).rejects.toThrow(/agents: unknown agent "nope" \(known: baseline, ai-sdk, langgraph\b/);
  });
});

describe('a preamble before tool calls is progress, not the answer', () => {
  let chatty: FakeSimulator;
  beforeAll(async () => {
    chatty = await startFakeSimulator({ statuses: { T1: 'pending', T2: 'closed' }, preamble: 'Let me look that up.', modelDelayMs: 30 });
  });
  afterAll(() => chatty.close());

  it.each(['baseline', 'ai-sdk', 'langgraph'])('%s: first token after the tools, first event no later', async (name) => {
    const agent = await (await loadBenchAgentFactory(name))({
      simulator: chatty,
      models: { fast: 'fake-fast', powerful: 'fake-powerful' },
      systemPrompt: createSystemPrompt(chatty.domain),
      agentName: name,
    });
    const moments: { firstEvent?: number; firstToken?: number } = {};
    const started = Date.now();
    const result = await agent.run(request, {
      requestId: `w5#${name}`,
      signal: new AbortController().signal,
      onFirstEvent: () => (moments.firstEvent ??= Date.now()),
      onFirstToken: (at) => (moments.firstToken ??= at ?? Date.now()),
    });
    await agent.close?.();
    const tools = chatty.calls.list({ namespace: name, kind: 'tool' }).filter((call) => call.startedAt >= started);
    const toolsDone = Math.max(...tools.map((call) => call.endedAt));
    expect(result.text).toContain('T2: status closed.');
    expect(moments.firstToken).toBeGreaterThanOrEqual(toolsDone);
    expect(moments.firstEvent).toBeLessThanOrEqual(moments.firstToken as number);
    if (name !== 'baseline') expect(moments.firstEvent).toBeLessThan(Math.min(...tools.map((call) => call.startedAt)));
  });
});
