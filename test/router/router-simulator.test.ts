// End to end on the simulator: hotpath's agent with the router over the service desk, a fast model
// that fails often and detectably, and the benchmark's scorer. Every answer must still be correct,
// escalations must have happened, and most model calls must stay on the fast tier.

import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/run/index.js';
import { loadScenario } from '../../bench/scenario/index.js';
import type { BenchAgent, BenchAgentContext } from '../../bench/agents/index.js';
import { createSimulatorAgent, type SimulatorAgent } from '../../demo/index.js';

describe('router on the simulator', () => {
  it('answers every request correctly while the fast model fails a third of simple and all complex calls', async () => {
    const seed = loadScenario('seed');
    const models = Object.fromEntries(
      Object.entries(seed.simulator.models).map(([id, model]) => [id, id === 'sim-fast' ? { ...model, failureRate: { simple: 0.3, complex: 1 } } : model]),
    );
    const scenario = {
      ...seed,
      simulator: { ...seed.simulator, models, timeScale: 0.02, mutations: { ...seed.simulator.mutations, ratePerSecond: 0 }, tools: { ...seed.simulator.tools, defaults: { ...seed.simulator.tools.defaults, errorRate: 0 } } },
      workload: { ...seed.workload, requests: 24, arrival: { mode: 'closed' as const, concurrency: 4 } },
    };
    let routed: SimulatorAgent | undefined;
    const factory = (context: BenchAgentContext): BenchAgent => {
      // Caches off: every request goes through the router.
      routed = createSimulatorAgent({ simulator: context.simulator, name: context.agentName, features: { responses: false, toolResults: false, plans: false, speculation: false } });
      const agent = routed.agent;
      return {
        name: context.agentName,
        setup: () => routed!.warmUp(),
        run: async (request, { requestId, signal }) => ({ text: (await agent.run(request.text, { user: request.userId, requestId, signal })).text }),
        close: () => routed!.close(),
      };
    };
    const result = await runBench({ scenario, agents: ['router'], registry: { router: async () => factory } });
    const agent = result.agents[0]!;
    expect(agent.scores.correct).toBe(24);
    const stats = routed!.runtime.agents.get('agent')!.router!.stats();
    expect(stats.escalations).toBeGreaterThan(0);
    expect(stats.lateFailures).toBe(0);
    expect(agent.llmCalls.fast).toBeGreaterThan(agent.llmCalls.powerful * 0.5);
  }, 60_000);
});
