// Loads the page's browser modules (plain JavaScript checked through JSDoc by dashboard/tsconfig.json)
// into the DOM-free unit tests, typed by the shapes those tests use.

import type { StageSpan } from '../../src/index.js';

export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

export interface SseParserModule {
  createSseParser(onEvent: (event: ServerSentEvent) => void): { feed(text: string): void; end(): void };
}

export interface WaterfallBar {
  span: StageSpan;
  row: number;
  x: number;
  width: number;
  label: string;
  ttftX?: number;
}

export interface WaterfallLayoutModule {
  layoutWaterfall(options: { spans: StageSpan[]; totalMs?: number; width: number; labelWidth: number; rightPadding?: number }): {
    bars: WaterfallBar[];
    ticks: Array<{ ms: number; x: number }>;
    endMs: number;
    scale(ms: number): number;
  };
  niceTicks(endMs: number, maximum: number): number[];
  spanLabel(span: StageSpan): string;
}

export interface HistogramBucket {
  upperMs: number;
  count: number;
}

export interface HistogramStatsModule {
  bucketLatencies(latenciesMs: number[], boundsMs?: number[]): HistogramBucket[];
  bucketPosition(buckets: HistogramBucket[], ms: number): number;
  histogramQuantile(buckets: HistogramBucket[], quantile: number): number | undefined;
  shareAtOrUnder(buckets: HistogramBucket[], ms: number): number | undefined;
}

export interface FormatModule {
  formatMs(ms: number | undefined): string;
  formatPercent(share: number | undefined): string;
}

export async function loadPageModule<Module>(fileName: string): Promise<Module> {
  return (await import(new URL(`../../dashboard/public/${fileName}`, import.meta.url).href)) as Module;
}

export interface NormalizeModule {
  normalizeSnapshot(raw: unknown): {
    at: number;
    requests: number;
    latency: Partial<Record<'p50' | 'p80' | 'p95' | 'p99', number>>;
    shareUnder3s?: number;
    shareUnder5s?: number;
    ttft: Partial<Record<'p50' | 'p80' | 'p95' | 'p99', number>>;
    histogram: HistogramBucket[];
    cacheLayers: Array<{ layer: string; hits: number; lookups?: number; rate?: number; windowed?: boolean }>;
    tiers: Array<{ tier: string; calls: number }>;
    errors: number;
    errorRate?: number;
    errorsByCode: Array<{ code: string; count: number }>;
    hedges: number;
    escalations: number;
    fallbacks: number;
    ready?: boolean;
    requestsPerSecond?: number;
    inFlight?: number;
  };
  normalizeRun(raw: unknown): {
    runId: string;
    at: number;
    question: string;
    user?: string;
    target?: string;
    kind?: string;
    totalMs: number;
    firstTokenMs?: number;
    cacheLayer?: string;
    tiers: string[];
    spans: StageSpan[];
    text?: string;
    error?: { code: string; message: string };
  } | undefined;
  normalizeHistogram(raw: unknown): HistogramBucket[];
}

export type MetricsView = ReturnType<NormalizeModule['normalizeSnapshot']>;
export type RunView = NonNullable<ReturnType<NormalizeModule['normalizeRun']>>;

export interface ComplementModule {
  complementSnapshot(view: MetricsView, runs: RunView[]): MetricsView;
}
