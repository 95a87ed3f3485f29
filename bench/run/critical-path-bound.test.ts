import { describe, expect, it } from 'vitest';
import type { ModelCallSampleRequest } from '../../sim/index.js';
import type { BenchRequest } from '../workload/index.js';
import { criticalPathBound, estimateTokens } from './critical-path-bound.js';

const latencies: Record<string, number> = { lookup_user: 800, get_ticket: 1200, check_permissions: 600, get_history: 500, summarize: 300 };
const modelCalls: ModelCallSampleRequest[] = [];
const simulator = {
  sampleToolLatencyMs: (_key: string, tool: string) => latencies[tool] ?? 0,
  sampleModelCall: (request: ModelCallSampleRequest) => {
    modelCalls.push(request);
    return { firstTokenMs: 400, totalMs: 400 + request.outputTokens * (request.model === 'fast' ? 5 : 20) };
  },
};
const models = { fast: 'fast', powerful: 'powerful' };

function request(overrides: Partial<BenchRequest>): BenchRequest {
  return {
    id: 'w3', index: 3, kind: 'k', complexity: 'complex', userId: 'u1', text: 'x',
    truth: { facts: [], sideEffects: [], entities: [] }, plan: [], answerTokens: 100, ...overrides,
  };
}

describe('criticalPathBound', () => {
  it('takes the longest dependency chain, not the sum', () => {
    // The seed's example: three independent calls (800, 1200, 600) then history after the ticket (500).
    const bound = criticalPathBound({
      simulator, models, inputTokens: 250,
      request: request({
        plan: [
          { name: 'lookup_user', arguments: {}, dependsOn: [] },
          { name: 'get_ticket', arguments: {}, dependsOn: [] },
          { name: 'check_permissions', arguments: {}, dependsOn: [] },
          { name: 'get_history', arguments: {}, dependsOn: [1] },
        ],
      }),
    });
    expect(bound.toolsMs).toBe(1700);
    expect(bound.depth).toBe(2);
    expect(bound.answerMs).toBe(400 + 100 * 20);
    expect(bound.totalMs).toBe(1700 + 2400);
    expect(modelCalls.at(-1)).toEqual({ key: 'w3', model: 'powerful', turn: 2, inputTokens: 250, outputTokens: 100 });
  });

  it('follows dependencies listed after their dependants and across joins', () => {
    const bound = criticalPathBound({
      simulator, models, inputTokens: 10,
      request: request({
        complexity: 'simple',
        answerTokens: 20,
        plan: [
          { name: 'summarize', arguments: {}, dependsOn: [1, 2] },
          { name: 'lookup_user', arguments: {}, dependsOn: [] },
          { name: 'get_ticket', arguments: {}, dependsOn: [1] },
        ],
      }),
    });
    expect(bound.toolsMs).toBe(800 + 1200 + 300);
    expect(bound.depth).toBe(3);
    expect(modelCalls.at(-1)).toMatchObject({ model: 'fast', turn: 3, outputTokens: 20 });
  });

  it('is the answer call alone without a plan', () => {
    const bound = criticalPathBound({ simulator, models, inputTokens: 10, request: request({ complexity: 'simple', answerTokens: 40 }) });
    expect(bound).toEqual({ toolsMs: 0, answerMs: 600, totalMs: 600, depth: 0 });
    expect(modelCalls.at(-1)).toMatchObject({ turn: 0 });
  });

  it('rejects cycles and dangling dependencies', () => {
    const cyclic = request({ plan: [{ name: 'a', arguments: {}, dependsOn: [1] }, { name: 'b', arguments: {}, dependsOn: [0] }] });
    expect(() => criticalPathBound({ simulator, models, inputTokens: 1, request: cyclic })).toThrow(/cycle/);
    const dangling = request({ plan: [{ name: 'a', arguments: {}, dependsOn: [5] }] });
    expect(() => criticalPathBound({ simulator, models, inputTokens: 1, request: dangling })).toThrow(/dependency 5 does not exist/);
  });

  it('estimates tokens at four characters each', () => {
    expect(estimateTokens('abcdefgh')).toBe(2);
    expect(estimateTokens('abcdefghi')).toBe(3);
  });
});
