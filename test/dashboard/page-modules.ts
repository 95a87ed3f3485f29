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

export interface HistogramModule {
  bucketLatencies(latenciesMs: number[], boundsMs?: number[]): HistogramBucket[];
  bucketPosition(buckets: HistogramBucket[], ms: number): number;
}

export interface FormatModule {
  formatMs(ms: number | undefined): string;
  formatPercent(share: number | undefined): string;
}

export async function loadPageModule<Module>(fileName: string): Promise<Module> {
  return (await import(new URL(`../../dashboard/public/${fileName}`, import.meta.url).href)) as Module;
}
