import { describe, expect, it } from 'vitest';
import { percentile, percentileOfSorted } from './percentile.js';
import { ratio, shareBelow, summarizeLatency } from './summarize-latency.js';

describe('percentile', () => {
  it('interpolates linearly between closest ranks', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 0.5)).toBeCloseTo(5.5);
    expect(percentile(values, 0.8)).toBeCloseTo(8.2);
    expect(percentile(values, 0.95)).toBeCloseTo(9.55);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 1)).toBe(10);
  });

  it('sorts its input and handles one or no value', () => {
    expect(percentile([30, 10, 20], 0.5)).toBe(20);
    expect(percentileOfSorted([42], 0.99)).toBe(42);
    expect(percentileOfSorted([], 0.5)).toBeUndefined();
    expect(() => percentile([1], 1.5)).toThrow(/percentile must be in \[0, 1\]/);
  });
});

describe('summarizeLatency', () => {
  it('gives mean, p50, p80, p95 and p99 of 1..100', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(summarizeLatency(values)).toEqual({ mean: 50.5, p50: 50.5, p80: 80.2, p95: 95.05, p99: 99.01 });
  });

  it('is all null without samples', () => {
    expect(summarizeLatency([])).toEqual({ mean: null, p50: null, p80: null, p95: null, p99: null });
  });

  it('counts shares against the total and guards ratios', () => {
    expect(shareBelow([1000, 2999, 3000, 6000], 3000)).toBe(0.5);
    expect(shareBelow([1000, 2000], 3000, 4)).toBe(0.5);
    expect(shareBelow([], 3000)).toBe(0);
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
  });
});
