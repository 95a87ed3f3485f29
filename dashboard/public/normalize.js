// @ts-check
// Turns the gateway's dashboard feed into the shapes the panels draw (dashboard-types.d.ts), in one
// place, so the page tolerates missing fields (a gateway without a cache reports no cache layers) and
// a change in the feed touches only this file. Percentiles and shares the feed leaves out are
// estimated from its histogram.

import { bucketLatencies, histogramQuantile, shareAtOrUnder } from './histogram-stats.js';

/** @typedef {import('../dashboard-types.js').MetricsView} MetricsView */
/** @typedef {import('../dashboard-types.js').RunView} RunView */
/** @typedef {import('../dashboard-types.js').HistogramBucket} HistogramBucket */
/** @typedef {import('../dashboard-types.js').Percentiles} Percentiles */
/** @typedef {import('../dashboard-types.js').StageSpan} StageSpan */

/** @returns {value is Record<string, unknown>} */
function isRecord(/** @type {unknown} */ value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @returns {number | undefined} */
function numberOr(/** @type {unknown} */ value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function record(/** @type {unknown} */ value) {
  return isRecord(value) ? value : {};
}

/** The first of `keys` that `source` holds as a finite number. */
function pick(/** @type {Record<string, unknown>} */ source, /** @type {string[]} */ keys) {
  for (const key of keys) {
    const value = numberOr(source[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** @returns {Percentiles} */
function percentiles(/** @type {unknown} */ value) {
  const source = record(value);
  /** @type {Percentiles} */
  const result = {};
  for (const key of /** @type {const} */ (['p50', 'p80', 'p95', 'p99'])) {
    const found = pick(source, [key, `${key}Ms`]);
    if (found !== undefined) result[key] = found;
  }
  return result;
}

/** @returns {Percentiles} */
function estimatedPercentiles(/** @type {HistogramBucket[]} */ histogram) {
  /** @type {Percentiles} */
  const result = {};
  for (const [key, quantile] of /** @type {const} */ ([['p50', 0.5], ['p80', 0.8], ['p95', 0.95], ['p99', 0.99]])) {
    const value = histogramQuantile(histogram, quantile);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

/**
 * A histogram as upper bounds with counts per bucket; accepts `[{ upperMs|le, count }]` (per bucket,
 * or cumulative when `cumulative: true`) or `{ boundsMs, counts }`.
 * @returns {HistogramBucket[]}
 */
export function normalizeHistogram(/** @type {unknown} */ value) {
  /** @type {HistogramBucket[]} */
  let buckets = [];
  let cumulative = false;
  if (Array.isArray(value)) {
    buckets = value.filter(isRecord).map((bucket) => ({ upperMs: upperBound(bucket.upperMs ?? bucket.le), count: numberOr(bucket.count) ?? 0 }));
  } else if (isRecord(value)) {
    const bounds = Array.isArray(value.boundsMs) ? value.boundsMs : Array.isArray(value.bounds) ? value.bounds : [];
    const counts = Array.isArray(value.counts) ? value.counts : [];
    buckets = counts.map((count, index) => ({ upperMs: upperBound(bounds[index]), count: numberOr(count) ?? 0 }));
    cumulative = value.cumulative === true;
    if (Array.isArray(value.buckets)) return normalizeHistogram(value.buckets);
  }
  buckets = buckets.filter((bucket) => !Number.isNaN(bucket.upperMs)).sort((first, second) => first.upperMs - second.upperMs);
  if (cumulative) buckets = buckets.map((bucket, index) => ({ ...bucket, count: Math.max(0, bucket.count - (buckets[index - 1]?.count ?? 0)) }));
  return buckets;
}

function upperBound(/** @type {unknown} */ value) {
  if (value === '+Inf' || value === 'Infinity' || value === null || value === Infinity) return Infinity;
  return typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
}

/**
 * Hit rate per cache layer. Accepts `{ layer: { hits, lookups | misses | rate } }`, or hit counts
 * (`{ layer: hits }`) with optional `lookups` counts; without lookups, a whole-answer layer's rate is
 * its share of all requests (the tool layer has none: its hits count tool results, not requests).
 * @returns {MetricsView['cacheLayers']}
 */
function cacheLayers(/** @type {unknown} */ value, /** @type {unknown} */ lookupsValue, /** @type {number} */ requests) {
  const source = record(value);
  const layers = isRecord(source.layers) ? source.layers : source;
  const lookupsByLayer = record(lookupsValue);
  return Object.entries(layers).flatMap(([layer, entry]) => {
    const fields = typeof entry === 'number' ? { hits: entry } : isRecord(entry) ? entry : undefined;
    if (!fields) return [];
    const hits = pick(fields, ['hits']) ?? 0;
    const misses = pick(fields, ['misses']);
    const lookups = pick(fields, ['lookups', 'requests', 'total']) ?? numberOr(lookupsByLayer[layer])
      ?? (misses === undefined ? (layer === 'tool' || requests === 0 ? undefined : requests) : hits + misses);
    const rate = pick(fields, ['rate', 'hitRate']) ?? (lookups ? hits / lookups : undefined);
    return [{ layer, hits, ...(lookups === undefined ? {} : { lookups }), ...(rate === undefined ? {} : { rate }) }];
  });
}

/** @returns {MetricsView['tiers']} */
function tiers(/** @type {unknown} */ value) {
  if (Array.isArray(value)) {
    return value.filter(isRecord).map((entry) => ({ tier: String(entry.tier ?? entry.name ?? '?'), calls: numberOr(entry.calls ?? entry.count) ?? 0 }));
  }
  return Object.entries(record(value)).map(([tier, entry]) => ({ tier, calls: numberOr(entry) ?? pick(record(entry), ['calls', 'count']) ?? 0 }));
}

/** @returns {MetricsView} */
export function normalizeSnapshot(/** @type {unknown} */ raw) {
  const source = record(raw);
  const requests = pick(source, ['requests', 'runs', 'count']) ?? 0;
  const errorsByCode = Object.entries(record(isRecord(source.errors) && isRecord(source.errors.byCode) ? source.errors.byCode : source.errors))
    .flatMap(([code, count]) => (typeof count === 'number' && !['total', 'count', 'rate'].includes(code) ? [{ code, count }] : []))
    .sort((first, second) => second.count - first.count);
  const errors = numberOr(source.errors) ?? pick(record(source.errors), ['total', 'count']) ?? errorsByCode.reduce((sum, entry) => sum + entry.count, 0);
  const shares = record(source.shareUnder ?? source.underTarget);
  const histogram = normalizeHistogram(source.histogram ?? source.latencyHistogram);
  const shareUnder3s = pick(source, ['shareUnder3s', 'under3s']) ?? numberOr(shares['3000'] ?? shares['3s']) ?? shareAtOrUnder(histogram, 3000);
  const shareUnder5s = pick(source, ['shareUnder5s', 'under5s']) ?? numberOr(shares['5000'] ?? shares['5s']) ?? shareAtOrUnder(histogram, 5000);
  const errorRate = pick(source, ['errorRate']) ?? pick(record(source.errors), ['rate']) ?? (requests > 0 ? errors / requests : undefined);
  const requestsPerSecond = pick(source, ['requestsPerSecond']);
  const inFlight = pick(source, ['inFlight']);
  return {
    at: pick(source, ['at', 'time', 'timestamp']) ?? Date.now(),
    ...(typeof source.ready === 'boolean' ? { ready: source.ready } : {}),
    requests,
    ...(requestsPerSecond === undefined ? {} : { requestsPerSecond }),
    ...(inFlight === undefined ? {} : { inFlight }),
    latency: { ...estimatedPercentiles(histogram), ...percentiles(source.latency ?? source.latencyMs ?? source.endToEnd) },
    ...(shareUnder3s === undefined ? {} : { shareUnder3s }),
    ...(shareUnder5s === undefined ? {} : { shareUnder5s }),
    ttft: percentiles(source.ttft ?? source.ttftMs ?? source.firstTokenMs ?? source.firstToken),
    histogram,
    cacheLayers: cacheLayers(source.cache ?? source.cacheHits, source.cacheLookups, requests),
    tiers: tiers(source.tiers ?? source.modelCallsByTier ?? source.modelCalls ?? source.models),
    errors,
    ...(errorRate === undefined ? {} : { errorRate }),
    errorsByCode,
    hedges: pick(source, ['hedges']) ?? pick(record(source.router), ['hedges']) ?? 0,
    escalations: pick(source, ['escalations']) ?? pick(record(source.router), ['escalations']) ?? 0,
    fallbacks: pick(source, ['fallbacks']) ?? pick(record(source.router), ['fallbacks']) ?? 0,
  };
}

/**
 * Fills what a snapshot left out from the finished runs the page received over the same window:
 * a percentile, a share under a target, the histogram, and the tool cache's hit rate (the gateway
 * counts its hits, not its lookups: the runs' tool spans give both). Values the snapshot sent are kept.
 * @param {MetricsView} view
 * @param {RunView[]} runs
 * @returns {MetricsView}
 */
export function complementSnapshot(view, runs) {
  if (runs.length === 0) return view;
  const sorted = runs.map((run) => run.totalMs).sort((first, second) => first - second);
  const exact = (/** @type {number} */ quantile) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))];
  const share = (/** @type {number} */ limitMs) => sorted.filter((ms) => ms <= limitMs).length / sorted.length;
  return {
    ...view,
    histogram: view.histogram.length > 0 ? view.histogram : bucketLatencies(sorted),
    latency: { p50: exact(0.5), p80: exact(0.8), p95: exact(0.95), p99: exact(0.99), ...definedOnly(view.latency) },
    shareUnder3s: view.shareUnder3s ?? share(3000),
    shareUnder5s: view.shareUnder5s ?? share(5000),
    cacheLayers: withToolRate(view.cacheLayers, runs),
  };
}

/** @returns {MetricsView['cacheLayers']} */
function withToolRate(/** @type {MetricsView['cacheLayers']} */ layers, /** @type {RunView[]} */ runs) {
  const reported = layers.find((layer) => layer.layer === 'tool');
  if (reported?.rate !== undefined) return layers;
  const toolSpans = runs.flatMap((run) => run.spans.filter((span) => span.stage === 'tool'));
  if (toolSpans.length === 0) return layers;
  const hits = toolSpans.filter((span) => span.attributes?.source === 'cache').length;
  const tool = { layer: 'tool', hits, lookups: toolSpans.length, rate: hits / toolSpans.length, windowed: true };
  return reported ? layers.map((layer) => (layer === reported ? tool : layer)) : [...layers, tool];
}

/** @returns {Percentiles} */
function definedOnly(/** @type {Percentiles} */ values) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

/** @returns {StageSpan[]} */
function spans(/** @type {unknown} */ value) {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((span) => {
    const startMs = numberOr(span.startMs);
    const endMs = numberOr(span.endMs);
    if (startMs === undefined || endMs === undefined) return [];
    const stage = /** @type {StageSpan['stage']} */ (String(span.stage ?? 'format'));
    /** @type {StageSpan} */
    const result = { stage, name: String(span.name ?? stage), startMs, endMs };
    if (isRecord(span.attributes)) result.attributes = /** @type {Record<string, string | number | boolean>} */ (span.attributes);
    return [result];
  });
}

/**
 * A finished run, from the feed's run event, the runs endpoint, or an agent's `run-finish` result.
 * @returns {RunView | undefined} undefined when it has no id
 */
export function normalizeRun(/** @type {unknown} */ raw) {
  const source = record(raw);
  const result = record(source.result);
  const timings = record(source.timings ?? result.timings);
  const runId = source.runId ?? source.id ?? result.runId;
  if (typeof runId !== 'string' || runId === '') return undefined;
  const modelCalls = Array.isArray(source.modelCalls) ? source.modelCalls : Array.isArray(result.modelCalls) ? result.modelCalls : [];
  const runTiers = Array.isArray(source.tiers) ? source.tiers.map(String) : modelCalls.filter(isRecord).map((call) => String(call.tier ?? call.model ?? '?'));
  const cache = record(source.cache ?? result.cache);
  const error = record(source.error);
  const question = source.question ?? source.input ?? source.message ?? source.prompt;
  const text = source.text ?? source.answer ?? result.text;
  const firstTokenMs = pick(source, ['firstTokenMs', 'ttftMs']) ?? pick(timings, ['firstTokenMs']);
  const user = source.user ?? source.userId;
  /** @type {RunView} */
  const view = {
    runId,
    at: pick(source, ['at', 'startedAt', 'finishedAt', 'time']) ?? Date.now(),
    question: typeof question === 'string' ? question : '',
    totalMs: pick(source, ['totalMs', 'latencyMs', 'durationMs']) ?? pick(timings, ['totalMs']) ?? 0,
    tiers: [...new Set(runTiers)],
    spans: spans(source.spans ?? timings.spans),
  };
  if (typeof user === 'string' && user !== '') view.user = user;
  const target = source.target ?? source.agent ?? source.model;
  if (typeof target === 'string') view.target = target;
  if (typeof source.kind === 'string') view.kind = source.kind;
  if (firstTokenMs !== undefined) view.firstTokenMs = firstTokenMs;
  // The gateway's record names the layer (`cache: "exact"`); a RunResult nests it (`cache: { layer }`).
  const cacheLayer = typeof source.cache === 'string' ? source.cache : cache.layer ?? source.cacheLayer;
  if (typeof cacheLayer === 'string') view.cacheLayer = cacheLayer;
  if (typeof text === 'string') view.text = text;
  if (typeof error.code === 'string') view.error = { code: error.code, message: String(error.message ?? '') };
  return view;
}
