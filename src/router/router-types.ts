// The shapes the router speaks in. `RouterStepCaller` is structurally identical to the agent's
// `ModelStepCaller` (src/agent sits above the router, so the router declares what it reads from a run
// instead of importing it): an agent's `RunContext` is a `RouterRun`, so a router is a `ModelStepCaller`.

import type { AgentEvent, ModelMessage, ModelStreamPart, ModelToolDeclaration, RunResult } from '../spec/index.js';
import type { RunRecorder } from '../telemetry/index.js';

/** What the router reads from a run (a subset of the agent's RunContext). */
export interface RouterRun {
  /** Correlates every upstream call of the run (sent as x-request-id). */
  readonly requestId: string;
  /** The latest user message: what the complexity classifier judges. */
  readonly input: string;
  readonly user: string | undefined;
  /** Aborts when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  /** Absolute deadline (epoch ms). */
  readonly deadline: number;
  readonly recorder: RunRecorder;
  emit(event: AgentEvent): void;
  /** The request's embedding, computed at most once per run and shared with caches. */
  requestEmbedding(): Promise<Float32Array> | undefined;
  /** Model calls made so far; the router adds each call it makes. */
  readonly modelCalls: RunResult['modelCalls'];
}

export interface RouterStepRequest {
  run: RouterRun;
  /** 0 for the first model call of the run. */
  step: number;
  messages: ModelMessage[];
  tools: ModelToolDeclaration[];
}

/** What warming a model may be told (the agent's WarmUpOptions). */
export interface RouterWarmUpOptions {
  /** Connections to open per model origin. */
  connections?: number;
  /** Headers for the warm-up requests (correlation ids). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The agent loop's view of a model (its `ModelStepCaller`). */
export interface RouterStepCaller {
  stream(request: RouterStepRequest): Promise<AsyncIterable<ModelStreamPart>>;
  warmUp?(options?: RouterWarmUpOptions): Promise<void>;
}

/** Why a cheaper tier's answer was not good enough. */
export type QualityFailureKind =
  | 'refusal'
  | 'low-confidence'
  | 'empty-answer'
  | 'invalid-tool-json'
  | 'missing-tool-argument'
  | 'tool-schema-violation'
  | 'undeclared-tool'
  | 'ignored-tool-results';

export interface QualityFailure {
  kind: QualityFailureKind;
  /** Human-readable detail for logs and spans. */
  detail: string;
}
