import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../sim/index.js';
import { requestStages, unionLength } from './request-stages.js';

function call(overrides: Partial<CallRecord>): CallRecord {
  return {
    kind: 'tool', requestId: 'w1#a', key: 'w1', namespace: 'a', name: 'get_ticket',
    startedAt: 0, endedAt: 0, status: 200, connectionPenaltyMs: 0, coldStartMs: 0, ...overrides,
  };
}

describe('unionLength', () => {
  it('merges overlapping intervals', () => {
    expect(unionLength([[0, 10], [5, 15], [20, 30], [25, 26], [40, 40]])).toBe(25);
    expect(unionLength([])).toBe(0);
  });
});

describe('requestStages', () => {
  it('splits calls into connection, cold start, LLM, tools, agent spans and overhead, in scenario ms', () => {
    // Time scale 0.5: wall ms are half of scenario ms. Request from 1000 to 2000 wall = 2000 scenario ms.
    const stages = requestStages({
      timeScale: 0.5,
      startedAt: 1000,
      endedAt: 2000,
      calls: [
        call({ kind: 'llm', name: 'sim-powerful', startedAt: 1050, endedAt: 1350, connectionPenaltyMs: 200, coldStartMs: 100 }),
        call({ name: 'get_ticket', startedAt: 1400, endedAt: 1600, connectionPenaltyMs: 200 }),
        call({ name: 'lookup_user', startedAt: 1450, endedAt: 1650 }),
        call({ kind: 'llm', name: 'sim-powerful', startedAt: 1700, endedAt: 1950 }),
      ],
      spans: [
        { stage: 'classify', name: 'classify', startMs: 0, endMs: 10 },
        { stage: 'model', name: 'model x', startMs: 50, endMs: 350 },
        { stage: 'format', name: 'format', startMs: 960, endMs: 970 },
      ],
    });
    expect(stages.connection).toBe(400);
    expect(stages.coldStart).toBe(100);
    expect(stages.llm).toBe(600 - 300 + 500);
    expect(stages.tools).toEqual({ get_ticket: 200, lookup_user: 400 });
    expect(stages.agent).toEqual({ classify: 20, format: 20 });
    // Busy wall time: 300 + 250 (1400-1650) + 250 = 800 of 1000 → 200 wall idle = 400 scenario ms.
    expect(stages.overhead).toBe(400);
  });

  it('clips calls to the request window for the overhead', () => {
    const stages = requestStages({
      timeScale: 1, startedAt: 100, endedAt: 200,
      calls: [call({ startedAt: 50, endedAt: 150 }), call({ startedAt: 190, endedAt: 400 })],
    });
    expect(stages.overhead).toBe(40);
  });
});
