import { describe, expect, it } from 'vitest';
import { applyScenarioOverrides, loadScenario, runBench } from '../../bench/index.js';

// hotpath's benchmark agents end to end on the real simulator at a small time scale: the library
// runtime with everything on, the runtime alone, and the gateway driven by the official openai SDK.
// Every answer must be correct, and each variant must make the calls its features imply.

describe('hotpath benchmark agents', () => {
  it('answer every request correctly; routing moves calls to the fast tier; the gateway matches the library', async () => {
    const seed = loadScenario('seed');
    const scenario = applyScenarioOverrides(
      { ...seed, simulator: { ...seed.simulator, mutations: { ...seed.simulator.mutations, ratePerSecond: 0 } }, workload: { ...seed.workload, timeoutMs: 400_000 } },
      { requests: 16, concurrency: 4, timeScale: 0.05, seed: 11 },
    );
    const result = await runBench({ scenario, agents: ['baseline', 'hotpath-parallel', 'hotpath', 'hotpath-gateway'] });
    const byName = Object.fromEntries(result.agents.map((agent) => [agent.name, agent]));
    for (const name of ['hotpath-parallel', 'hotpath', 'hotpath-gateway']) {
      const agent = byName[name]!;
      expect(agent.scores.correct + agent.scores.failed, name).toBe(16);
      expect(agent.scores.correct, name).toBeGreaterThanOrEqual(15);
      expect(agent.scores.stale + agent.scores.wrongEntity + agent.scores.otherUser + agent.scores.missingSideEffect, name).toBe(0);
      expect(agent.coldStarts, name).toBe(0);
    }
    // The runtime alone keeps the powerful model; with routing on, calls move to the fast tier.
    expect(byName['hotpath-parallel']!.llmCalls.fast).toBe(0);
    expect(byName.hotpath!.llmCalls.fast).toBeGreaterThan(0);
    expect(byName['hotpath-gateway']!.llmCalls.fast).toBeGreaterThan(0);
    // Warm pools: the baseline opens a connection for every call, hotpath almost none after warm-up.
    expect(byName['hotpath-parallel']!.newConnections).toBeLessThan(byName.baseline!.newConnections / 4);
  }, 120_000);
});
