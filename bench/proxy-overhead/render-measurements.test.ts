import { describe, expect, it } from 'vitest';
import { renderMeasurements, type ScenarioMeasurement } from './measure-proxies.js';

const latency = (p50: number) => ({ p50, p90: p50, p99: p50 * 2, mean: p50 });

describe('renderMeasurements', () => {
  it('reports a party that answered nothing as failed with its first error, not with a negative added latency', () => {
    const rows: ScenarioMeasurement[] = [
      { party: 'direct', scenario: 'stream c=1', concurrency: 1, stream: true, requestsPerSecond: 9000, latency: latency(0.1), firstByte: latency(0.1), errors: 0 },
      { party: 'hotpath', scenario: 'stream c=1', concurrency: 1, stream: true, requestsPerSecond: 2000, requestsPerCpuSecond: 3000, latency: latency(0.4), firstByte: latency(0.4), addedLatency: latency(0.3), addedFirstByte: latency(0.3), errors: 0 },
      { party: 'other', scenario: 'stream c=1', concurrency: 1, stream: true, requestsPerSecond: 0, latency: latency(0), firstByte: latency(0), errors: 12, firstError: 'status 500' },
    ];
    const table = renderMeasurements(rows).split('\n');
    expect(table[3]).toContain('| hotpath | 0.4 | 0.8 | 0.3 | 0.6 | 0.3 | 2000 | 3000 | 0 |');
    expect(table[4]).toBe('| stream c=1 | other | failed | | | | | 0 | | 12 (status 500) |');
  });
});
