import { beforeAll, describe, expect, it } from 'vitest';
import { loadPageModule, type FormatModule, type HistogramStatsModule } from './page-modules.js';

let histogram: HistogramStatsModule;
let format: FormatModule;

beforeAll(async () => {
  histogram = await loadPageModule<HistogramStatsModule>('histogram-stats.js');
  format = await loadPageModule<FormatModule>('format.js');
});

describe('latency histogram arithmetic and formatting', () => {
  it('counts each latency in the first bucket whose upper bound holds it, the rest in the overflow bucket', () => {
    const buckets = histogram.bucketLatencies([100, 101, 2999, 3000, 3001, 60_000], [100, 3000, Infinity]);
    expect(buckets).toEqual([{ upperMs: 100, count: 1 }, { upperMs: 3000, count: 3 }, { upperMs: Infinity, count: 2 }]);
  });

  it('places the 3 s and 5 s targets between bucket bounds', () => {
    const buckets = [{ upperMs: 1000, count: 0 }, { upperMs: 3000, count: 0 }, { upperMs: 7000, count: 0 }, { upperMs: Infinity, count: 0 }];
    expect(histogram.bucketPosition(buckets, 3000)).toBe(2);
    expect(histogram.bucketPosition(buckets, 5000)).toBe(2.5);
    expect(histogram.bucketPosition(buckets, 500)).toBe(0.5);
    expect(histogram.bucketPosition(buckets, 9000)).toBe(3);
  });

  it('estimates percentiles and shares under a target by spreading requests evenly inside each bucket', () => {
    const buckets = [{ upperMs: 1000, count: 50 }, { upperMs: 3000, count: 30 }, { upperMs: 5000, count: 15 }, { upperMs: Infinity, count: 5 }];
    expect(histogram.histogramQuantile(buckets, 0.5)).toBe(1000);
    expect(histogram.histogramQuantile(buckets, 0.25)).toBe(500);
    expect(histogram.histogramQuantile(buckets, 0.8)).toBe(3000);
    expect(histogram.histogramQuantile(buckets, 0.95)).toBe(5000);
    expect(histogram.histogramQuantile(buckets, 0.99)).toBe(5000);
    expect(histogram.shareAtOrUnder(buckets, 3000)).toBe(0.8);
    expect(histogram.shareAtOrUnder(buckets, 4000)).toBeCloseTo(0.875, 9);
    expect(histogram.shareAtOrUnder(buckets, 5000)).toBe(0.95);
    expect(histogram.histogramQuantile([], 0.5)).toBeUndefined();
    expect(histogram.shareAtOrUnder([{ upperMs: 100, count: 0 }], 50)).toBeUndefined();
  });

  it('formats milliseconds and shares the way every panel shows them', () => {
    expect([format.formatMs(3.25), format.formatMs(840.4), format.formatMs(1234), format.formatMs(12_340), format.formatMs(undefined)])
      .toEqual(['3.3 ms', '840 ms', '1.23 s', '12.3 s', '—']);
    expect([format.formatPercent(0.953), format.formatPercent(1), format.formatPercent(0), format.formatPercent(undefined)]).toEqual(['95.3%', '100%', '0%', '—']);
  });
});
