// Records where a run's time goes. Each stage becomes an OpenTelemetry span (the API only: with no SDK
// registered the tracer is a no-op, so the core carries no exporter) and a plain `StageSpan` returned
// in `run-finish`, which is what callers, the dashboard and the benchmark read.

import { context, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { Stage, StageSpan } from '../spec/index.js';

const tracer = trace.getTracer('hotpath');

export interface StageHandle {
  /** Ends the stage; attributes are merged into the recorded span. */
  end(attributes?: Record<string, string | number | boolean>): StageSpan;
}

export class RunRecorder {
  readonly runId: string;
  /** performance.now() when the run started. */
  readonly startedAt: number;
  /** Date.now() when the run started (to place epoch timestamps from other layers). */
  readonly startedAtEpoch: number;
  private readonly recorded: StageSpan[] = [];
  private readonly runSpan: Span;
  private readonly parentContext: Context;

  constructor(runId: string, attributes: Attributes = {}) {
    this.runId = runId;
    this.startedAt = performance.now();
    this.startedAtEpoch = Date.now();
    this.runSpan = tracer.startSpan('hotpath.run', { attributes: { 'hotpath.run_id': runId, ...attributes } });
    this.parentContext = trace.setSpan(context.active(), this.runSpan);
  }

  /** Milliseconds since the run started. */
  elapsed(): number {
    return performance.now() - this.startedAt;
  }

  start(stage: Stage, name: string, attributes: Record<string, string | number | boolean> = {}): StageHandle {
    const startMs = this.elapsed();
    const span = tracer.startSpan(`hotpath.${stage}`, { attributes: { 'hotpath.name': name, ...attributes } }, this.parentContext);
    let ended: StageSpan | undefined;
    return {
      end: (extra = {}) => {
        if (ended) return ended;
        const merged = { ...attributes, ...extra };
        span.setAttributes(extra);
        span.end();
        ended = { stage, name, startMs, endMs: this.elapsed(), ...(Object.keys(merged).length > 0 ? { attributes: merged } : {}) };
        this.recorded.push(ended);
        return ended;
      },
    };
  }

  /** Records a stage whose start and end are already known (ms since run start). */
  record(span: StageSpan): void {
    this.recorded.push(span);
  }

  spans(): StageSpan[] {
    return [...this.recorded].sort((first, second) => first.startMs - second.startMs);
  }

  finish(attributes: Record<string, string | number | boolean> = {}, error?: unknown): void {
    this.runSpan.setAttributes(attributes);
    if (error !== undefined) this.runSpan.setStatus({ code: 2, message: error instanceof Error ? error.message : String(error) });
    this.runSpan.end();
  }
}
