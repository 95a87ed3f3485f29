import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchAgentFactory, BenchAgentRegistry } from '../agents/index.js';
import { parseScenario } from '../scenario/index.js';
import { createFakeDomain, startFakeSimulator, type FakeSimulator } from '../testing/index.js';
import { runBench, type BenchProgress } from './run-bench.js';

// runBench end to end against the fake simulator: the real reference agents, plus scripted agents
// that time out, claim cache hits, or record when they start.

let simulator: FakeSimulator;
beforeAll(async () => {
  const domain = createFakeDomain();
  for (let ticket = 0; ticket < 300; ticket++) {
    domain.world.setHistory(`ticket:T${ticket}`, 'status', [{ value: 'open', from: 0, to: null, namespace: null }]);
  }
  simulator = await startFakeSimulator({ domain, modelDelayMs: 10, toolDelayMs: 25 });
});
afterAll(() => simulator.close());

function scenario(workload: Record<string, unknown>) {
  return parseScenario({ name: 'fake', workload }, 'fake scenario');
}

const topLevelKeys = ['scenario', 'timeScale', 'requests', 'agents'];
const agentKeys = ['name', 'latencyMs', 'firstTokenMs', 'firstEventMs', 'under3s', 'under5s', 'scores', 'llmCalls', 'toolCalls', 'cacheServed', 'boundRatio'];
const summaryKeys = ['mean', 'p50', 'p80', 'p95', 'p99'];

describe('runBench', () => {
  it('runs the reference agents side by side and reports the documented JSON shape', async () => {
    const progress: BenchProgress[] = [];
    const result = await runBench({
      scenario: scenario({ requests: 12, arrival: { mode: 'closed', concurrency: 3 } }),
      agents: ['baseline', 'ai-sdk', 'langgraph'],
      simulator,
      onProgress: (update) => progress.push(update),
    });
    const json = JSON.parse(JSON.stringify(result)) as Record<string, unknown> & { agents: Array<Record<string, unknown>> };
    for (const key of topLevelKeys) expect(json).toHaveProperty(key);
    expect(json.scenario).toBe('fake');
    expect(json.timeScale).toBe(1);
    expect(json.requests).toBe(12);
    expect(json.agents.map((agent) => agent.name)).toEqual(['baseline', 'ai-sdk', 'langgraph']);
    for (const agent of json.agents) {
      for (const key of agentKeys) expect(agent).toHaveProperty(key);
      for (const key of ['latencyMs', 'firstTokenMs', 'firstEventMs']) expect(Object.keys(agent[key] as object).sort()).toEqual([...summaryKeys].sort());
      expect(Object.keys(agent.scores as object).sort()).toEqual(['correct', 'failed', 'missingSideEffect', 'otherUser', 'stale', 'wrongEntity']);
      expect(Object.keys(agent.llmCalls as object).sort()).toEqual(['fast', 'powerful']);
    }

    expect(result.machine.eventLoopDelayMs.max).toBeGreaterThanOrEqual(result.machine.eventLoopDelayMs.p50);
    expect(result.machine.processCpuSeconds).toBeGreaterThan(0);
    expect(progress).toHaveLength(36);
    expect(progress.at(-1)).toMatchObject({ done: 36, total: 36 });
    for (const agent of result.agents) {
      expect(agent.scores.correct).toBe(12);
      expect(agent.llmCalls.fast).toBe(0);
      expect(agent.llmCalls.powerful).toBeGreaterThanOrEqual(24);
      expect(agent.toolCalls).toBeGreaterThanOrEqual(12);
      expect(agent.under5s).toBe(1);
      expect(agent.cacheServed).toBe(0);
      expect(agent.boundRatio).toBeGreaterThan(0);
      expect(agent.perRequest).toHaveLength(12);
      expect(agent.stages.map((row) => row.stage)).toEqual(expect.arrayContaining(['connection setup', 'LLM', 'tool get_ticket', 'agent overhead']));
    }
    const [baseline, aiSdk, langGraph] = result.agents;
    expect(baseline?.ratios.latencyMean).toBe(1);
    expect(aiSdk?.ratios.latencyMean).toBeCloseTo((aiSdk?.latencyMs.mean ?? 0) / (baseline?.latencyMs.mean ?? 1));
    expect(baseline?.newConnections).toBe((baseline?.toolCalls ?? 0) + (baseline?.llmCalls.powerful ?? 0));
    expect(langGraph?.newConnections).toBeLessThan((langGraph?.toolCalls ?? 0) + (langGraph?.llmCalls.powerful ?? 0));
    expect(aiSdk?.versions.ai).toMatch(/^\d+\./);
    expect(result.waterfall?.agents.map((agent) => agent.name)).toEqual(['baseline', 'ai-sdk', 'langgraph']);
    expect(result.waterfall?.kind).toBe('ticket-compare');
    expect(result.waterfall?.agents[0]?.bars.length).toBeGreaterThanOrEqual(5);
  });

  it('fails requests over the timeout and counts cache claims and agent spans', async () => {
    const never: BenchAgentFactory = ({ agentName }) => ({
      name: agentName,
      run: (_request, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const cached: BenchAgentFactory = ({ agentName }) => ({
      name: agentName,
      run: async (request, { onFirstToken }) => {
        onFirstToken();
        const ticket = /T\d+/.exec(request.text)?.[0] ?? 'T0';
        return { text: `${ticket}: status open.`, cacheServed: request.index % 2 === 0, spans: [{ stage: 'cache', name: 'cache', startMs: 0, endMs: 4 }] };
      },
    });
    const registry: BenchAgentRegistry = { never: async () => never, cached: async () => cached };
    const result = await runBench({
      scenario: scenario({ requests: 6, timeoutMs: 150, mix: { 'ticket-status': 1 }, arrival: { mode: 'closed', concurrency: 6 } }),
      agents: ['cached', 'never'],
      registry,
      simulator,
    });
    const [fast, stuck] = result.agents;
    expect(fast?.scores.correct).toBe(6);
    expect(fast?.cacheServed).toBe(0.5);
    expect(fast?.stages.find((row) => row.stage === 'agent: cache')?.meanMs).toBe(4);
    expect(fast?.under3s).toBe(1);
    expect(stuck?.scores.failed).toBe(6);
    expect(stuck?.errors[0]).toEqual({ message: 'timeout after 150 scenario ms', count: 6 });
    expect(stuck?.latencyMs.p50).toBeGreaterThanOrEqual(140);
    expect(stuck?.latencyMs.p50).toBeLessThan(1000);
    expect(stuck?.under5s).toBe(0);
    expect(stuck?.firstTokenMs.p50).toBeNull();
    expect(stuck?.boundRatio).toBeNull();
  });

  it('open loop: request i starts at the same arrival time for every agent', async () => {
    const starts = new Map<string, number[]>();
    const recorder: BenchAgentFactory = ({ agentName }) => ({
      name: agentName,
      run: async (request) => {
        const list = starts.get(agentName) ?? [];
        list[request.index] = Date.now();
        starts.set(agentName, list);
        await new Promise((resolve) => setTimeout(resolve, 30));
        return { text: 'ok' };
      },
    });
    const registry: BenchAgentRegistry = { first: async () => recorder, second: async () => recorder };
    const result = await runBench({
      scenario: scenario({ requests: 10, arrival: { mode: 'open', ratePerSecond: 40 } }),
      agents: ['first', 'second'],
      registry,
      simulator,
    });
    expect(result.arrival).toEqual({ mode: 'open', ratePerSecond: 40 });
    const first = starts.get('first') as number[];
    const second = starts.get('second') as number[];
    for (let index = 0; index < 10; index++) expect(Math.abs((first[index] as number) - (second[index] as number))).toBeLessThan(40);
    // Arrivals are spread out (mean gap 25 ms), not all at once, and overlap with 30 ms runs.
    expect((first[9] as number) - (first[0] as number)).toBeGreaterThan(60);
  });

  it('names the scenario file when its mix names a kind the domain lacks', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'hotpath-bench-'));
    try {
      writeFileSync(path.join(directory, 'wrong-mix.yaml'), 'name: wrong-mix\nworkload:\n  mix: { faq: 1 }\n');
      await expect(runBench({ scenario: 'wrong-mix', scenariosDirectory: directory, agents: ['baseline'], simulator })).rejects.toThrow(
        /wrong-mix\.yaml: workload\.mix\.faq: unknown kind for domain service-desk/,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('rejects bad agent lists by option name', async () => {
    const base = { scenario: scenario({ requests: 1 }), simulator };
    await expect(runBench({ ...base, agents: [] })).rejects.toThrow(/agents: expected at least one agent/);
    await expect(runBench({ ...base, agents: ['baseline', 'baseline'] })).rejects.toThrow(/agents: "baseline" is listed twice/);
    await expect(runBench({ ...base, agents: ['a#b'] })).rejects.toThrow(/agents: "a#b" is not a valid agent name/);
    await expect(runBench({ ...base, agents: ['nope'] })).rejects.toThrow(/agents: unknown agent "nope"/);
  });
});
