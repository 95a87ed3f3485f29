import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLoad, type LoadMeasurement } from './test-support/measure-load.js';
import { createScriptedBrain } from './test-support/scripted-brain.js';
import { startTestLlmServer, testModel, type TestLlmServer } from './test-support/start-test-llm-server.js';

const answer = 'The incident on the payments cluster was resolved at 14:20 after the failed node was drained and replaced; no data was lost and the queue caught up within ten minutes. ';
const streams = 1000;

let sim: TestLlmServer;
let agent: Agent;

beforeAll(async () => {
  sim = await startTestLlmServer({
    brain: createScriptedBrain({ type: 'text', text: answer.repeat(2) }),
    config: {
      timeScale: 0.05,
      models: { 'sim-fast': testModel({ ttftMs: { p50: 400, p95: 700 }, msPerOutputToken: { p50: 7, p95: 10 }, msPerInputToken: 0.05 }) },
      providers: [{ name: 'primary', models: ['sim-fast'] }],
      connectionSetupMs: { p50: 200, p95: 300 },
    },
  });
  agent = new Agent({ connections: streams, keepAliveTimeout: 30_000 });
});

afterAll(async () => {
  await agent.close();
  await sim.close();
});

describe('load', () => {
  it(`serves ${streams} concurrent streaming requests without errors, with small overhead per request`, async () => {
    const measurement: LoadMeasurement = await measureLoad({
      url: sim.url,
      config: sim.config,
      calls: sim.calls,
      dispatcher: agent,
      requests: streams,
      namespace: 'load',
    });
    console.info(`[sim/llm load] ${JSON.stringify(measurement)}`);
    expect(measurement.failures).toBe(0);
    expect(measurement.completed).toBe(streams);
    expect(measurement.recorded).toBe(streams);
    // Wall time beyond the scheduled delays (generous: two shared cores, the clients run here too).
    expect(measurement.serverOverheadMs.p50).toBeLessThan(500);
    expect(measurement.cpuMsPerRequest).toBeLessThan(20);

    const health = await request(`${sim.url}/healthz`, { dispatcher: agent });
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  });
});
