import { describe, expect, it } from 'vitest';
import { parseSimulatorConfig } from '../config/index.js';
import { sampleModelCall } from './sample-model-call.js';

const config = parseSimulatorConfig({
  seed: 3,
  models: {
    fast: { tier: 'fast', ttftMs: { p50: 400, p95: 700 }, msPerOutputToken: { p50: 7, p95: 10 }, msPerInputToken: 0.05 },
  },
  providers: [
    { name: 'east', models: ['fast'], slowTail: { probability: 0.2, factor: 3 } },
    { name: 'west', models: ['fast'], slowTail: { probability: 0.2, factor: 3 } },
  ],
});

const request = (key: string, provider?: string) => ({ key, model: 'fast', turn: 0, inputTokens: 1000, outputTokens: 101, ...(provider !== undefined && { provider }) });

describe('sampleModelCall', () => {
  it('is deterministic per key and adds prompt processing and per-token time', () => {
    const sample = sampleModelCall(config, request('r1'));
    expect(sampleModelCall(config, request('r1'))).toEqual(sample);
    expect(sampleModelCall(config, request('r2'))).not.toEqual(sample);
    expect(sample.firstTokenMs).toBeGreaterThan(50);
    const perToken = (sample.totalMs - sample.firstTokenMs) / 100;
    expect(perToken).toBeGreaterThan(2);
    expect(perToken).toBeLessThan(30);
  });

  it('follows the profile\'s p50 and p95 across keys', () => {
    const firstTokens = Array.from({ length: 4000 }, (_, index) => sampleModelCall(config, { ...request(`k${index}`), inputTokens: 0 }).firstTokenMs).sort((a, b) => a - b);
    expect(firstTokens[2000]).toBeGreaterThan(380);
    expect(firstTokens[2000]).toBeLessThan(420);
    expect(firstTokens[3800]).toBeGreaterThan(660);
    expect(firstTokens[3800]).toBeLessThan(740);
  });

  it('applies each provider\'s slow tail independently', () => {
    let slowEast = 0;
    let slowWest = 0;
    let slowBoth = 0;
    for (let index = 0; index < 2000; index++) {
      const warm = sampleModelCall(config, request(`k${index}`));
      const east = sampleModelCall(config, request(`k${index}`, 'east'));
      const west = sampleModelCall(config, request(`k${index}`, 'west'));
      const isSlow = (sample: typeof warm) => sample.firstTokenMs > warm.firstTokenMs * 1.5;
      if (isSlow(east)) slowEast++;
      if (isSlow(west)) slowWest++;
      if (isSlow(east) && isSlow(west)) slowBoth++;
      if (isSlow(east)) expect(east.totalMs).toBeCloseTo(warm.totalMs + (warm.totalMs - 50) * 2, 0);
    }
    expect(slowEast / 2000).toBeGreaterThan(0.16);
    expect(slowEast / 2000).toBeLessThan(0.24);
    expect(slowWest / 2000).toBeGreaterThan(0.16);
    expect(slowBoth / 2000).toBeLessThan(0.07);
  });
});
