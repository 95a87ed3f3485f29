import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, StageSpan } from '../../src/index.js';
import { loadPageModule, type ComplementModule, type NormalizeModule } from './page-modules.js';

let page: NormalizeModule & ComplementModule;

beforeAll(async () => {
  page = await loadPageModule<NormalizeModule & ComplementModule>('normalize.js');
});

const result: RunResult = {
  runId: 'run-1',
  text: 'INC-4821 is open.',
  toolCalls: [],
  finishReason: 'stop',
  usage: { inputTokens: 10, outputTokens: 5 },
  timings: { totalMs: 1250, firstEventMs: 2, firstTokenMs: 900, spans: [{ stage: 'model', name: 'model sim-fast', startMs: 5, endMs: 1200, attributes: { tier: 'fast', ttftMs: 300 } }] },
  modelCalls: [{ model: 'sim-fast', tier: 'fast', totalMs: 400 }, { model: 'sim-powerful', tier: 'powerful', totalMs: 700, escalated: true }, { model: 'sim-powerful', tier: 'powerful', totalMs: 100 }],
  cache: { layer: 'tool' },
};

describe('the page\'s view of the gateway\'s feed', () => {
  it('reads a run from an agent\'s run-finish result: timings, spans, tiers in order without repeats, cache layer', () => {
    expect(page.normalizeRun(result)).toMatchObject({
      runId: 'run-1', totalMs: 1250, firstTokenMs: 900, tiers: ['fast', 'powerful'], cacheLayer: 'tool', text: 'INC-4821 is open.', spans: result.timings.spans,
    });
  });

  it('reads a feed run with its question, user and error, and drops spans without times', () => {
    const run = page.normalizeRun({
      id: 'run-2', startedAt: 1_700_000_000_000, kind: 'agent', target: 'service-desk', question: 'Who is my manager?', user: 'u-0042', totalMs: 80,
      error: { code: 'HOTPATH_TIMEOUT', message: 'deadline' }, spans: [{ stage: 'cache', name: 'cache exact', startMs: 1, endMs: 2 }, { stage: 'tool', name: 'no times' }],
    });
    expect(run).toMatchObject({ runId: 'run-2', at: 1_700_000_000_000, kind: 'agent', target: 'service-desk', question: 'Who is my manager?', user: 'u-0042', error: { code: 'HOTPATH_TIMEOUT', message: 'deadline' } });
    expect(run!.spans).toEqual([{ stage: 'cache', name: 'cache exact', startMs: 1, endMs: 2 }]);
    expect(page.normalizeRun({ question: 'no id' })).toBeUndefined();
  });

  it('estimates missing percentiles and shares from the histogram, and keeps the ones the feed sends', () => {
    const view = page.normalizeSnapshot({
      requests: 100,
      histogram: { boundsMs: [1000, 3000, 5000, null], counts: [50, 30, 15, 5] },
      latency: { p99: 7200 },
      errors: 2,
    });
    expect(view.latency).toEqual({ p50: 1000, p80: 3000, p95: 5000, p99: 7200 });
    expect(view.shareUnder3s).toBe(0.8);
    expect(view.shareUnder5s).toBe(0.95);
    expect(view.errorRate).toBe(0.02);
    expect(view.histogram.at(-1)).toEqual({ upperMs: Infinity, count: 5 });
  });

  it('reads the gateway\'s counters: hits per layer as a share of requests, calls per tier, errors by code', () => {
    const view = page.normalizeSnapshot({
      at: 1_700_000_000_000, ready: false, inFlight: 2, requests: 40, requestsPerSecond: 3.5,
      latencyMs: { p50: 900, p95: null, p99: null }, firstTokenMs: { p50: 210, p95: 480 },
      cacheHits: { exact: 10, semantic: 4, tool: 25 }, modelCallsByTier: { fast: 30, powerful: 12 },
      hedges: 1, escalations: 2, fallbacks: 3, errors: { HOTPATH_TIMEOUT: 1, HOTPATH_RATE_LIMITED: 3 },
    });
    expect(view).toMatchObject({ ready: false, inFlight: 2, requestsPerSecond: 3.5, latency: { p50: 900 }, ttft: { p50: 210, p95: 480 }, hedges: 1, escalations: 2, fallbacks: 3, errors: 4, errorRate: 0.1 });
    expect(view.latency.p95).toBeUndefined();
    expect(view.cacheLayers).toEqual([{ layer: 'exact', hits: 10, lookups: 40, rate: 0.25 }, { layer: 'semantic', hits: 4, lookups: 40, rate: 0.1 }, { layer: 'tool', hits: 25 }]);
    expect(view.tiers).toEqual([{ tier: 'fast', calls: 30 }, { tier: 'powerful', calls: 12 }]);
    expect(view.errorsByCode).toEqual([{ code: 'HOTPATH_RATE_LIMITED', count: 3 }, { code: 'HOTPATH_TIMEOUT', count: 1 }]);
  });

  it('turns cumulative (Prometheus-style) buckets into counts per bucket', () => {
    expect(page.normalizeHistogram({ boundsMs: [100, 1000, '+Inf'], counts: [4, 10, 12], cumulative: true }))
      .toEqual([{ upperMs: 100, count: 4 }, { upperMs: 1000, count: 6 }, { upperMs: Infinity, count: 2 }]);
  });

  it('reads cache hit rates per layer and model calls per tier, and tolerates a snapshot with nothing in it', () => {
    const view = page.normalizeSnapshot({ cache: { exact: { hits: 3, misses: 7 }, semantic: { hits: 1, lookups: 4 } }, modelCalls: { fast: 7, powerful: 3 } });
    expect(view.cacheLayers).toEqual([{ layer: 'exact', hits: 3, lookups: 10, rate: 0.3 }, { layer: 'semantic', hits: 1, lookups: 4, rate: 0.25 }]);
    expect(view.tiers).toEqual([{ tier: 'fast', calls: 7 }, { tier: 'powerful', calls: 3 }]);
    const empty = page.normalizeSnapshot(null);
    expect(empty).toMatchObject({ requests: 0, latency: {}, histogram: [], cacheLayers: [], tiers: [], errors: 0, hedges: 0, escalations: 0 });
    expect(empty.shareUnder3s).toBeUndefined();
  });

  it('fills what a snapshot left out from the runs the page received, keeping what it sent', () => {
    const sent = page.normalizeSnapshot({ requests: 10, latencyMs: { p50: 1111, p95: null, p99: 9999 }, cacheHits: { exact: 2, tool: 40 } });
    const toolSpan = (source: string): StageSpan => ({ stage: 'tool', name: 'tool lookup_user', startMs: 0, endMs: 1, attributes: { ok: true, source } });
    const runs = [500, 700, 900, 1200, 1500, 2000, 2600, 3100, 4000, 6000].map((totalMs, index) => ({
      runId: `run-${index}`, at: index, question: '', totalMs, tiers: [],
      spans: index < 3 ? [toolSpan('cache'), toolSpan('call')] : [toolSpan('call')],
    }));
    const view = page.complementSnapshot(sent, runs);
    expect(view.latency).toEqual({ p50: 1111, p80: 3100, p95: 6000, p99: 9999 });
    expect(view.shareUnder3s).toBe(0.7);
    expect(view.shareUnder5s).toBe(0.9);
    expect(view.histogram.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(10);
    expect(view.cacheLayers).toEqual([{ layer: 'exact', hits: 2, lookups: 10, rate: 0.2 }, { layer: 'tool', hits: 3, lookups: 13, rate: 3 / 13, windowed: true }]);
    expect(page.complementSnapshot(sent, [])).toBe(sent);
  });
});
