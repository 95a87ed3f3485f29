// End to end on the simulator: hotpath's agent with the router over the service desk, a fast model
// that fails often and detectably, and the benchmark's scorer. Every answer must still be correct,
// escalations must have happened, and most model calls must stay on the fast tier.

import { describe, expect, it } from 'vitest';
import { routedAgentFactory } from '../../bench/router-micro/routed-agent.js';
import type { RouterBenchApi, RouterBenchRouter } from '../../bench/router-micro/public-api.js';
import { runBench } from '../../bench/run/index.js';
import { loadScenario } from '../../bench/scenario/index.js';
import { createComplexityClassifier } from '../../src/classifier/index.js';
import { createRouter } from '../../src/router/index.js';

const api = { createRouter, createComplexityClassifier } as unknown as Pick<RouterBenchApi, 'createRouter' | 'createComplexityClassifier'>;

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
    const routers = new Map<string, RouterBenchRouter>();
    const result = await runBench({
      scenario,
      agents: ['router'],
      registry: { router: async () => routedAgentFactory({ api, variant: 'router', onRouter: (name, router) => routers.set(name, router) }) },
    });
    const agent = result.agents[0]!;
    expect(agent.scores.correct).toBe(24);
    const stats = routers.get('router')!.stats();
    expect(stats.escalations).toBeGreaterThan(0);
    expect(stats.lateFailures).toBe(0);
    expect(agent.llmCalls.fast).toBeGreaterThan(agent.llmCalls.powerful * 0.5);
  }, 20_000);
});
