// Types of the data the page draws. Runs and events are the product's own spec types (shared at
// compile time only: the page talks to the gateway over HTTP); the view shapes below are what
// normalize.js makes of the gateway's dashboard feed.

import type { AgentEvent, RunResult, StageSpan } from '../src/spec/index.js';

export type { AgentEvent, RunResult, StageSpan };

export interface Percentiles {
  p50?: number;
  p80?: number;
  p95?: number;
  p99?: number;
}

export interface HistogramBucket {
  /** Upper bound in ms (Infinity for the overflow bucket). */
  upperMs: number;
  count: number;
}

export interface MetricsView {
  /** Epoch ms of the snapshot. */
  at: number;
  /** False while the gateway warms its pools and models. */
  ready?: boolean;
  requests: number;
  requestsPerSecond?: number;
  inFlight?: number;
  latency: Percentiles;
  /** Share of requests under 3 s / 5 s, in [0, 1]. */
  shareUnder3s?: number;
  shareUnder5s?: number;
  ttft: Percentiles;
  histogram: HistogramBucket[];
  /** Hit rate per cache layer (exact, semantic, plan, tool, proxy); `windowed` when counted over the last minute's runs. */
  cacheLayers: Array<{ layer: string; hits: number; lookups?: number; rate?: number; windowed?: boolean }>;
  /** Model calls per router tier. */
  tiers: Array<{ tier: string; calls: number }>;
  errors: number;
  errorRate?: number;
  /** Failed requests by error code, most frequent first. */
  errorsByCode: Array<{ code: string; count: number }>;
  hedges: number;
  escalations: number;
  fallbacks: number;
}

export interface RunView {
  runId: string;
  /** Epoch ms when the run started. */
  at: number;
  question: string;
  user?: string;
  /** The agent or model the client asked for. */
  target?: string;
  /** agent, proxy or embeddings. */
  kind?: string;
  totalMs: number;
  firstTokenMs?: number;
  cacheLayer?: string;
  /** Tiers of the run's model calls, in order, without repeats. */
  tiers: string[];
  spans: StageSpan[];
  text?: string;
  error?: { code: string; message: string };
}
