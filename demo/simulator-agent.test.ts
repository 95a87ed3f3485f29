import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom, defaultSimulatorConfig, startSimulator, type CallRecord, type Simulator } from '../sim/index.js';
import { createSimulatorAgent, type SimulatorAgent } from './simulator-agent.js';

// hotpath's runtime (as the gateway runs it) against the simulator: warm start, connection reuse,
// parallel tools, and an answer that states the facts of the world.

const timeScale = 0.05;
let sim: Simulator;
let demo: SimulatorAgent;

beforeAll(async () => {
  const byName = Object.fromEntries(Object.entries(defaultSimulatorConfig.tools!.byName!).map(([name, profile]) => [name, { ...profile, errorRate: 0 }]));
  sim = await startSimulator({
    config: {
      ...defaultSimulatorConfig,
      timeScale,
      models: Object.fromEntries(Object.entries(defaultSimulatorConfig.models).map(([id, profile]) => [id, { ...profile, errorRate: 0, rateLimitRate: 0 }])),
      tools: { defaults: { latencyMs: { p50: 1000, p95: 2000 }, errorRate: 0 }, byName },
      mutations: { ratePerSecond: 0 },
    },
  });
  // The runtime alone (no caches, no routing): every request reaches the backends.
  demo = createSimulatorAgent({
    simulator: sim,
    name: 'demo-test',
    connections: 8,
    features: { router: false, hedging: false, responses: false, toolResults: false, plans: false, speculation: false },
  });
  await demo.warmUp();
});

afterAll(async () => {
  await demo?.close();
  await sim?.close();
});

const callsOf = (requestId: string): CallRecord[] => sim.calls.list({ requestId });

describe('hotpath over the simulator', () => {
  it('answers a ticket-status request with the ticket\'s facts, its first request paying no connection setup or cold start', async () => {
    const request = sim.domain.generateRequest({ random: createRandom('demo-test', 1), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    const requestId = 'd1#demo-test';
    const result = await demo.agent.run(request.text, { user: request.userId, requestId });
    const at = Date.now();
    for (const fact of request.truth.facts) {
      const values = sim.domain.world.history('demo-test', fact.entity, fact.field).filter((interval) => interval.to === null || interval.to >= at - 60_000);
      expect(values.some((interval) => result.text.includes(sim.domain.renderFact(fact, interval.value)))).toBe(true);
    }
    const calls = callsOf(requestId);
    expect(calls.filter((call) => call.kind === 'llm')).toHaveLength(2);
    expect(calls.filter((call) => call.kind === 'tool').map((call) => call.name).sort()).toEqual(['check_permissions', 'get_ticket_status', 'lookup_user']);
    expect(calls.every((call) => call.connectionPenaltyMs === 0 && call.coldStartMs === 0)).toBe(true);
  });

  it('runs the request\'s independent tool calls at the same time', async () => {
    const request = sim.domain.generateRequest({ random: createRandom('demo-test', 2), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    const requestId = 'd2#demo-test';
    await demo.agent.run(request.text, { user: request.userId, requestId });
    const tools = callsOf(requestId).filter((call) => call.kind === 'tool');
    const latestStart = Math.max(...tools.map((call) => call.startedAt));
    const earliestEnd = Math.min(...tools.map((call) => call.endedAt));
    expect(latestStart).toBeLessThan(earliestEnd);
  });

  it('reuses its warm connections: later requests open none', async () => {
    const request = sim.domain.generateRequest({ random: createRandom('demo-test', 3), kind: 'my-manager', entitySkew: 1, userSkew: 1 });
    for (const suffix of ['a', 'b']) {
      const requestId = `d3${suffix}#demo-test`;
      await demo.agent.run(request.text, { user: request.userId, requestId });
      expect(callsOf(requestId).every((call) => call.connectionPenaltyMs === 0)).toBe(true);
    }
  });
});

describe('hotpath over the simulator with plan caching', () => {
  it("borrows a paraphrase's plan for a new phrasing: the runtime gives the plan layer the request embedding model", async () => {
    const planned = createSimulatorAgent({
      simulator: sim,
      name: 'demo-plans',
      connections: 8,
      features: { router: false, hedging: false, responses: false, toolResults: false, plans: true, speculation: true },
    });
    try {
      await planned.warmUp();
      const plans = planned.runtime.agents.get('agent')!.plans!;
      const phrasings = ["What's the status of {ticket}?", 'Hello! Could you tell me the current status of {ticket}, please?'];
      for (const [index, ticket] of ['INC-1001', 'INC-1002'].entries()) {
        await planned.agent.run(phrasings[0]!.replace('{ticket}', ticket), { user: `u000${index + 1}`, requestId: `p${index}#demo-plans` });
      }
      expect(plans.stats().generalized).toBe(0);
      // A phrasing the plan cache has not seen: its template vector is close to the known one's.
      await planned.agent.run(phrasings[1]!.replace('{ticket}', 'INC-1003'), { user: 'u0003', requestId: 'p2#demo-plans' });
      expect(plans.stats().generalized).toBeGreaterThan(0);
    } finally {
      await planned.close();
    }
  });
});
