// Against the simulator, whose call log records what each call paid: after warmUp the first user
// requests open no connection and meet no cold model; without it they pay both.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModelCallTimings, type ModelWarmUpOptions } from '../../src/providers/index.js';
import type { LanguageModel, ModelStreamPart } from '../../src/spec/index.js';
import { createModel } from './support/create-model.js';
import type { WireProtocol } from './support/scripted-provider-server.js';
import { quickModel, startSimulatedProvider, type SimulatedProvider } from './support/simulated-provider.js';

async function collect(stream: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const parts: ModelStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe.each<WireProtocol>(['openai', 'anthropic'])('warm start against the simulator (%s protocol)', (protocol) => {
  let simulator: SimulatedProvider;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    simulator = await startSimulatedProvider({
      timeScale: 0.1,
      models: {
        'sim-fast': quickModel({ coldStart: { afterIdleMs: 300_000, penaltyMs: { p50: 1500, p95: 2000 } } }),
      },
      connectionSetupMs: { p50: 200, p95: 300 },
    });
    simulator.brain.answer({ type: 'text', text: 'Ticket INC-1 is open.' });
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await simulator.close();
  });

  function modelFor(): LanguageModel {
    const created = createModel(protocol, simulator.baseURL, { modelId: 'sim-fast' });
    closers.push(created.close);
    return created.model;
  }

  async function userRequest(model: LanguageModel, requestId: string) {
    const stream = await model.stream({ messages: [{ role: 'user', content: `status ${requestId}` }], headers: { 'x-request-id': requestId } });
    await collect(stream);
    const [record] = simulator.calls.list({ requestId });
    return { record: record!, timings: getModelCallTimings(stream)! };
  }

  it('a cold client pays connection setup and the cold model on its first request', async () => {
    const cold = await userRequest(modelFor(), `${protocol}-r1#cold`);
    expect(cold.record.connectionPenaltyMs).toBeGreaterThan(0);
    expect(cold.record.coldStartMs).toBeGreaterThan(0);
    expect(cold.timings.connectionOpened).toBe(true);
  });

  it('after warmUp the first requests open no connection and pay no cold start', async () => {
    const model = modelFor();
    await (model.warmUp as (options: ModelWarmUpOptions) => Promise<void>)({ connections: 2, headers: { 'x-request-id': `${protocol}-warm-up#warm` } });
    const [first, second] = await Promise.all([userRequest(model, `${protocol}-r2#warm`), userRequest(model, `${protocol}-r3#warm`)]);
    for (const warm of [first!, second!]) {
      expect(warm.record.connectionPenaltyMs).toBe(0);
      expect(warm.record.coldStartMs).toBe(0);
      expect(warm.timings.connectionOpened).toBe(false);
    }
    const cold = await userRequest(modelFor(), `${protocol}-r4#other`);
    // Cold: about (200 connection + 1500 cold start + 100 first token) x 0.1 = 180 ms; warm: about 10 ms.
    expect(cold.timings.firstTokenMs! - first!.timings.firstTokenMs!).toBeGreaterThan(100);
  });
});
