import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type CallRecord, type Simulator } from '../../sim/index.js';
import { applyScenarioOverrides, loadScenario } from '../scenario/index.js';
import { generateWorkload } from '../workload/index.js';
import type { BenchResult } from './bench-result.js';
import { runBench } from './run-bench.js';

// The benchmark end to end on the real simulator (seed scenario, service desk) at a small time
// scale: the three reference agents side by side, checked against the simulator's call log.

const agents = ['baseline', 'ai-sdk', 'langgraph'];
// At time scale 0.02 every wall millisecond of CPU counts fifty scenario milliseconds, and the
// agents share one event loop with the simulator: the timeout is generous so load cannot fail it.
const scenario = applyScenarioOverrides(
  { ...loadScenario('seed'), workload: { ...loadScenario('seed').workload, timeoutMs: 400_000 } },
  { requests: 12, concurrency: 4, timeScale: 0.02, seed: 7 },
);

let simulator: Simulator;
let result: BenchResult;
let timedFrom: number;

beforeAll(async () => {
  simulator = await startSimulator({ config: scenario.simulator });
  timedFrom = Date.now();
  result = await runBench({ scenario, agents, simulator });
}, 60_000);
afterAll(() => simulator?.close());

function callsOf(agent: string): CallRecord[] {
  return simulator.calls.list({ namespace: agent }).filter((call) => call.startedAt >= timedFrom);
}

function overlapping(calls: readonly CallRecord[]): boolean {
  return calls.some((a, i) => calls.some((b, j) => i < j && a.startedAt < b.endedAt && b.startedAt < a.endedAt));
}

function toolCallsByRequest(agent: string): CallRecord[][] {
  const byKey = new Map<string, CallRecord[]>();
  for (const call of callsOf(agent).filter((record) => record.kind === 'tool')) byKey.set(call.key, [...(byKey.get(call.key) ?? []), call]);
  return [...byKey.values()];
}

describe('runBench on the simulator', () => {
  it('every agent answers most requests correctly', () => {
    expect(result.agents.map((agent) => agent.name)).toEqual(agents);
    for (const agent of result.agents) {
      expect(agent.scores.correct, `${agent.name}: ${JSON.stringify(agent.scores)} ${JSON.stringify(agent.errors)}`).toBeGreaterThanOrEqual(8);
      expect(agent.llmCalls.powerful).toBeGreaterThanOrEqual(12);
      expect(agent.toolCalls).toBeGreaterThanOrEqual(12);
      expect(agent.boundRatio).toBeGreaterThan(1);
    }
  });

  it('tags every call with its request and agent', () => {
    const keys = new Set(Array.from({ length: 12 }, (_, index) => `w${index}`));
    for (const agent of agents) {
      const calls = callsOf(agent);
      expect(calls.length).toBeGreaterThanOrEqual(24);
      for (const call of calls) {
        expect(keys.has(call.key)).toBe(true);
        expect(call.requestId).toBe(`${call.key}#${agent}`);
      }
    }
  });

  it('baseline: every call on a new connection, tools one after another', () => {
    const calls = callsOf('baseline');
    expect(calls.every((call) => call.connectionPenaltyMs > 0)).toBe(true);
    expect(calls.filter((call) => call.kind === 'llm').every((call) => call.stream !== true)).toBe(true);
    for (const requestCalls of toolCallsByRequest('baseline')) expect(overlapping(requestCalls)).toBe(false);
    const baseline = result.agents[0];
    expect(baseline?.newConnections).toBe((baseline?.toolCalls ?? 0) + (baseline?.llmCalls.powerful ?? 0));
  });

  it.each(['ai-sdk', 'langgraph'])('%s: streams, reuses connections and overlaps the tool calls of a request', (agent) => {
    const calls = callsOf(agent);
    expect(calls.filter((call) => call.kind === 'llm').every((call) => call.stream === true)).toBe(true);
    expect(calls.filter((call) => call.connectionPenaltyMs > 0).length).toBeLessThan(calls.length / 2);
    expect(toolCallsByRequest(agent).some(overlapping)).toBe(true);
  });

  it('draws a waterfall of one request for every agent and reports scenario-time latencies', () => {
    expect(result.waterfall?.agents.map((agent) => agent.name)).toEqual(agents);
    expect(result.timeScale).toBe(0.02);
    for (const agent of result.agents) {
      // Scenario time: a request needs at least one model call and one tool call (hundreds of ms each).
      expect(agent.latencyMs.p50).toBeGreaterThan(1000);
    }
  });

  it("the seed scenario's mix is the domain's ~70% simple / ~30% complex", () => {
    const requests = generateWorkload({ domain: simulator.domain, workload: { ...scenario.workload, requests: 400 }, seed: 7 });
    const simple = requests.filter((request) => request.complexity === 'simple').length / requests.length;
    expect(simple).toBeGreaterThan(0.63);
    expect(simple).toBeLessThan(0.77);
  });
});
