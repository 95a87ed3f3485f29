// The page reads what the gateway really sends: its metric snapshot and its request records, through
// JSON as on the wire. A renamed field on either side fails here rather than as an empty tile.

import { beforeAll, describe, expect, it } from 'vitest';
import { GatewayMetrics, type RequestRecord } from '../../src/server/index.js';
import { loadPageModule, type NormalizeModule } from './page-modules.js';

let page: NormalizeModule;

beforeAll(async () => {
  page = await loadPageModule<NormalizeModule>('normalize.js');
});

const onTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function agentRecord(index: number, extra: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: `run-${index}`,
    kind: 'agent',
    target: 'service-desk',
    tenant: 'local',
    user: `u00${index}`,
    startedAt: 1_700_000_000_000 + index * 1000,
    status: 200,
    totalMs: 500 * (index + 1),
    firstTokenMs: 200 * (index + 1),
    spans: [
      { stage: 'classify', name: 'route', startMs: 0, endMs: 1, attributes: { tier: 'fast' } },
      { stage: 'model', name: 'model sim-fast', startMs: 1, endMs: 300, attributes: { step: 0, tier: 'fast', ttftMs: 120 } },
      { stage: 'tool', name: 'tool lookup_user', startMs: 300, endMs: 301, attributes: { ok: true, source: 'cache' } },
    ],
    toolCacheHits: 1,
    modelCalls: [{ model: 'sim-fast', tier: 'fast', ttftMs: 120, totalMs: 299 }, { model: 'sim-powerful', tier: 'powerful', totalMs: 200, escalated: true }],
    text: 'Your manager is Kenji Horvat.',
    ...extra,
  };
}

describe('the page on the gateway\'s own feed', () => {
  it('draws the tiles from a real metric snapshot', () => {
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    try {
      metrics.setReady(true);
      for (let index = 0; index < 4; index++) metrics.observe(agentRecord(index));
      metrics.observe(agentRecord(4, { cache: 'exact', modelCalls: [], error: { code: 'HOTPATH_TIMEOUT', message: 'deadline' }, status: 504 }));
      const snapshot = metrics.snapshot();
      const view = page.normalizeSnapshot(onTheWire(snapshot));
      expect(view).toMatchObject({ ready: true, requests: 5, hedges: 0, escalations: 4, fallbacks: 0, errors: 1, errorRate: 0.2 });
      expect(view.latency.p50).toBe(snapshot.latencyMs.p50);
      expect(view.latency.p99).toBe(snapshot.latencyMs.p99);
      expect(view.ttft.p50).toBe(snapshot.firstTokenMs.p50);
      expect(view.tiers).toEqual([{ tier: 'fast', calls: 4 }, { tier: 'powerful', calls: 4 }]);
      expect(view.cacheLayers).toEqual([{ layer: 'tool', hits: 5 }, { layer: 'exact', hits: 1, lookups: 5, rate: 0.2 }]);
      expect(view.errorsByCode).toEqual([{ code: 'HOTPATH_TIMEOUT', count: 1 }]);
    } finally {
      metrics.close();
    }
  });

  it('lists a real request record with its user, latency, tiers, cache layer, spans and answer', () => {
    const record = agentRecord(2, { cache: 'semantic' });
    expect(page.normalizeRun(onTheWire(record))).toMatchObject({
      runId: 'run-2', at: record.startedAt, user: 'u002', target: 'service-desk', kind: 'agent', totalMs: 1500, firstTokenMs: 600,
      tiers: ['fast', 'powerful'], cacheLayer: 'semantic', spans: record.spans, text: 'Your manager is Kenji Horvat.',
    });
  });
});
