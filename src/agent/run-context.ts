// What every layer of a run sees. A run is one user request: the conversation it starts from, who
// asks, the budget, and where its events go. Layers (caches, plan reuse, speculation) wrap the core
// model/tool loop and talk to it only through this context and the outcome it returns.

import type { AgentEvent, ModelMessage, RunResult, ToolCallRecord } from '../spec/index.js';
import type { RunRecorder } from '../telemetry/index.js';
import type { ToolExecutor } from '../tools/index.js';

export interface RunContext {
  readonly runId: string;
  /** Correlates every upstream call of the run (sent as x-request-id). */
  readonly requestId: string;
  /** The latest user message. */
  readonly input: string;
  /** The conversation the model loop starts from: system, history, the user message, and any steps a layer prefilled. */
  readonly conversation: ModelMessage[];
  readonly user: string | undefined;
  readonly tenant: string | undefined;
  /** Aborts when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  /** Absolute deadline (epoch ms). */
  readonly deadline: number;
  readonly recorder: RunRecorder;
  readonly tools: ToolExecutor;
  /** Sends an event to the caller's stream. */
  emit(event: AgentEvent): void;
  /** The request's embedding, computed at most once and shared by every layer that needs it. */
  requestEmbedding(): Promise<Float32Array> | undefined;
  /** Model calls made so far (layers that call models add theirs). */
  readonly modelCalls: RunResult['modelCalls'];
  /** Tool calls made or reused so far, in start order. */
  readonly toolCalls: ToolCallRecord[];
}

/** What a run produced; the agent adds the run id and timings. */
export type RunOutcome = Omit<RunResult, 'runId' | 'timings' | 'modelCalls' | 'toolCalls'>;

/** The core or any wrapped stage of a run. */
export type RunHandler = (run: RunContext) => Promise<RunOutcome>;

/** A layer wraps the next handler (`next => run => ...`): a cache answers without calling it, a planner prefills it. */
export type AgentLayer = (next: RunHandler) => RunHandler;
