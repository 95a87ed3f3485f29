// Prometheus metrics of the gateway (its own registry, so several gateways in one process never
// collide): end-to-end latency, time to first token, each stage from the run's spans, cache hits per
// layer, model calls per tier, hedges, escalations, fallbacks and errors by code. The same
// observations feed the dashboard's once-a-second snapshot.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestRecord } from './request-record.js';
import { SlidingSamples } from './sliding-samples.js';

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 8, 13, 20, 30, 60];

export interface MetricsSnapshot {
  /** Epoch ms. */
  at: number;
  ready: boolean;
  inFlight: number;
  requests: number;
  /** Finished requests per second over the last interval. */
  requestsPerSecond: number;
  /** Over the last 60 s. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  firstTokenMs: { p50: number | null; p95: number | null };
  cacheHits: Record<string, number>;
  modelCallsByTier: Record<string, number>;
  hedges: number;
  escalations: number;
  fallbacks: number;
  errors: Record<string, number>;
}

export class GatewayMetrics {
  readonly registry = new Registry();
  readonly #duration: Histogram<'kind' | 'target' | 'status'>;
  readonly #firstToken: Histogram<'kind' | 'target'>;
  readonly #stage: Histogram<'stage'>;
  readonly #cacheHits: Counter<'layer'>;
  readonly #modelCalls: Counter<'tier' | 'model'>;
  readonly #hedges: Counter;
  readonly #escalations: Counter;
  readonly #fallbacks: Counter;
  readonly #errors: Counter<'code'>;
  readonly #inFlight: Gauge;
  readonly #ready: Gauge;
  readonly #latencies = new SlidingSamples(60_000);
  readonly #firstTokens = new SlidingSamples(60_000);
  readonly #totals = { requests: 0, hedges: 0, escalations: 0, fallbacks: 0, cacheHits: {} as Record<string, number>, modelCallsByTier: {} as Record<string, number>, errors: {} as Record<string, number> };
  // Label-bound children, kept so the hot path does not hash label sets on every observation.
  readonly #children = new Map<string, { observe(value: number): void } | { inc(value?: number): void }>();
  #inFlightCount = 0;
  #readyNow = false;
  #lastSnapshot = { at: Date.now(), requests: 0 };

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    this.#duration = new Histogram({ name: 'hotpath_request_duration_seconds', help: 'End-to-end latency of gateway requests', labelNames: ['kind', 'target', 'status'], buckets: latencyBuckets, registers });
    this.#firstToken = new Histogram({ name: 'hotpath_time_to_first_token_seconds', help: 'Time from request to the first answer token', labelNames: ['kind', 'target'], buckets: latencyBuckets, registers });
    this.#stage = new Histogram({ name: 'hotpath_stage_duration_seconds', help: 'Time spent per stage of a run (from its spans)', labelNames: ['stage'], buckets: latencyBuckets, registers });
    this.#cacheHits = new Counter({ name: 'hotpath_cache_hits_total', help: 'Answers or tool results served from a cache, per layer', labelNames: ['layer'], registers });
    this.#modelCalls = new Counter({ name: 'hotpath_model_calls_total', help: 'Model calls per tier', labelNames: ['tier', 'model'], registers });
    this.#hedges = new Counter({ name: 'hotpath_hedges_total', help: 'Model calls sent as hedges', registers });
    this.#escalations = new Counter({ name: 'hotpath_escalations_total', help: 'Model calls redone on a more capable tier', registers });
    this.#fallbacks = new Counter({ name: 'hotpath_fallbacks_total', help: 'Proxied calls that went to a fallback model', registers });
    this.#errors = new Counter({ name: 'hotpath_errors_total', help: 'Failed requests by error code', labelNames: ['code'], registers });
    this.#inFlight = new Gauge({ name: 'hotpath_requests_in_flight', help: 'Requests being handled', registers });
    this.#ready = new Gauge({ name: 'hotpath_ready', help: '1 once pools are connected and models warm', registers });
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'hotpath_process_' });
  }

  requestStarted(): void {
    this.#inFlightCount++;
    this.#inFlight.inc();
  }

  requestEnded(): void {
    this.#inFlightCount--;
    this.#inFlight.dec();
  }

  get inFlight(): number {
    return this.#inFlightCount;
  }

  setReady(ready: boolean): void {
    this.#readyNow = ready;
    this.#ready.set(ready ? 1 : 0);
  }

  /** A request refused before it reached a handler's own accounting (auth, limits, bad input). */
  countError(code: string): void {
    this.#errors.inc({ code });
    this.#totals.errors[code] = (this.#totals.errors[code] ?? 0) + 1;
  }

  observe(record: RequestRecord): void {
    const seconds = (ms: number) => ms / 1000;
    this.#totals.requests++;
    this.#child(`d\u0000${record.kind}\u0000${record.target}\u0000${record.status}`, () => this.#duration.labels({ kind: record.kind, target: record.target, status: String(record.status) })).observe(seconds(record.totalMs));
    this.#latencies.add(record.totalMs);
    if (record.firstTokenMs !== undefined) {
      this.#child(`f\u0000${record.kind}\u0000${record.target}`, () => this.#firstToken.labels({ kind: record.kind, target: record.target })).observe(seconds(record.firstTokenMs));
      this.#firstTokens.add(record.firstTokenMs);
    }
    for (const span of record.spans) this.#child(`s\u0000${span.stage}`, () => this.#stage.labels({ stage: span.stage })).observe(seconds(Math.max(0, span.endMs - span.startMs)));
    const hit = (layer: string, count = 1) => {
      this.#cacheHits.inc({ layer }, count);
      this.#totals.cacheHits[layer] = (this.#totals.cacheHits[layer] ?? 0) + count;
    };
    if (record.cache !== undefined) hit(record.cache);
    if (record.toolCacheHits) hit('tool', record.toolCacheHits);
    for (const call of record.modelCalls) {
      const tier = call.tier ?? 'none';
      this.#counterChild(`m\u0000${tier}\u0000${call.model}`, () => this.#modelCalls.labels({ tier, model: call.model })).inc();
      this.#totals.modelCallsByTier[tier] = (this.#totals.modelCallsByTier[tier] ?? 0) + 1;
      if (call.hedged) {
        this.#hedges.inc();
        this.#totals.hedges++;
      }
      if (call.escalated) {
        this.#escalations.inc();
        this.#totals.escalations++;
      }
    }
    if (record.fallbacks) {
      this.#fallbacks.inc(record.fallbacks);
      this.#totals.fallbacks += record.fallbacks;
    }
    if (record.error !== undefined) this.countError(record.error.code);
  }

  #child(key: string, create: () => { observe(value: number): void }): { observe(value: number): void } {
    let child = this.#children.get(key) as { observe(value: number): void } | undefined;
    if (child === undefined) {
      child = create();
      this.#children.set(key, child);
    }
    return child;
  }

  #counterChild(key: string, create: () => { inc(value?: number): void }): { inc(value?: number): void } {
    let child = this.#children.get(key) as { inc(value?: number): void } | undefined;
    if (child === undefined) {
      child = create();
      this.#children.set(key, child);
    }
    return child;
  }

  snapshot(): MetricsSnapshot {
    const now = Date.now();
    const elapsed = Math.max(1, now - this.#lastSnapshot.at);
    const requestsPerSecond = Math.round(((this.#totals.requests - this.#lastSnapshot.requests) / elapsed) * 1000 * 10) / 10;
    this.#lastSnapshot = { at: now, requests: this.#totals.requests };
    const latencies = this.#latencies.sorted();
    const firstTokens = this.#firstTokens.sorted();
    return {
      at: now,
      ready: this.#readyNow,
      inFlight: this.#inFlightCount,
      requests: this.#totals.requests,
      requestsPerSecond,
      latencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99) },
      firstTokenMs: { p50: quantile(firstTokens, 0.5), p95: quantile(firstTokens, 0.95) },
      cacheHits: { ...this.#totals.cacheHits },
      modelCallsByTier: { ...this.#totals.modelCallsByTier },
      hedges: this.#totals.hedges,
      escalations: this.#totals.escalations,
      fallbacks: this.#totals.fallbacks,
      errors: { ...this.#totals.errors },
    };
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  close(): void {
    this.registry.clear();
  }
}

function quantile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const value = sorted[lower]! + (rank - lower) * (sorted[upper]! - sorted[lower]!);
  return Math.round(value * 10) / 10;
}
