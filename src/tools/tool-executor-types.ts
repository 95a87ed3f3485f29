// The executor's public shapes: what a call looks like, what comes back, and the options.

import type { AgentEvent, ToolCallRecord } from '../spec/index.js';
import type { CircuitBreakerOptions, CircuitState } from '../util/index.js';
import type { ToolDeclaration } from './to-model-declaration.js';
import type { AnyTool } from './tool.js';
import type { ToolResultCache } from '../spec/index.js';

/** One tool call as a model makes it. */
export interface ToolCallRequest {
  id: string;
  toolName: string;
  input: unknown;
}

interface ToolCallResultBase {
  record: ToolCallRecord;
  /** Attempts made against the upstream (0: answered from cache, or not called at all). */
  attempts: number;
  /** Time spent waiting for the upstream's concurrency limit (ms). */
  queuedMs: number;
}

export type ToolCallResult =
  | (ToolCallResultBase & { ok: true; output: unknown })
  | (ToolCallResultBase & { ok: false; error: { code: string; message: string } });

export type ToolExecutorEvent = Extract<AgentEvent, { type: 'tool-call-start' | 'tool-call-end' | 'progress' }>;

/** The run a batch of calls belongs to. */
export interface ToolRunContext {
  /** Identifies the run: call ids of side-effecting tools are unique within it. */
  requestId: string;
  /** Cancels every call of the run. */
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms) for every call. */
  deadline?: number;
  user?: string;
  tenant?: string;
  /** Start, end and progress of each call, as they happen (for streaming before the first token). */
  onEvent?: (event: ToolExecutorEvent) => void;
}

export interface ToolCallHandle {
  callId: string;
  toolName: string;
  /** The tool's progress text rendered with this call's input, when it has one. */
  progress?: string;
  /** Settles when the call ends; never rejects (failures are `{ok: false}`). */
  result: Promise<ToolCallResult>;
}

/** A reference to another graph node's output: `{ $ref: 'user', path: 'manager.id' }`. */
export interface ToolOutputReference {
  $ref: string;
  path?: string;
}

/** A call in a dependency graph; `input` may hold `ToolOutputReference`s at any depth. */
export interface ToolGraphNode {
  id: string;
  toolName: string;
  input: unknown;
}

export interface ToolExecutorLimits {
  /** Calls at once per upstream unless `byUpstream` says otherwise. Default 32. */
  default?: number;
  byUpstream?: Record<string, number>;
  /** Calls allowed to wait per upstream; beyond it calls fail with HOTPATH_CONCURRENCY_LIMIT. Default unbounded. */
  maxQueue?: number;
}

export interface ToolExecutorOptions {
  tools: readonly AnyTool[];
  limits?: ToolExecutorLimits;
  /** One breaker per upstream with these settings; `false` turns breakers off. */
  breaker?: false | Omit<CircuitBreakerOptions, 'name' | 'now'>;
  cache?: ToolResultCache;
  /** Backoff between retries (Retry-After from the upstream wins when longer). */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** How long a run's side-effecting call ids are remembered. Default 10 minutes. */
  sideEffectTtlMs?: number;
  /** Clock for records and breakers (ms). Default Date.now. */
  now?: () => number;
}

export interface ToolExecutor {
  readonly tools: ReadonlyMap<string, AnyTool>;
  /** What to tell the model about every tool. */
  declarations(): ToolDeclaration[];
  /** Starts one call at once (e.g. while the model is still streaming the next one). */
  start(call: ToolCallRequest, context: ToolRunContext): ToolCallHandle;
  /** Runs a batch at once; results in input order. */
  execute(calls: readonly ToolCallRequest[], context: ToolRunContext): Promise<ToolCallResult[]>;
  /** Runs a dependency graph; each node starts as soon as the nodes it references have finished. Results in node order. */
  executeGraph(nodes: readonly ToolGraphNode[], context: ToolRunContext): Promise<ToolCallResult[]>;
  circuitState(upstream: string): CircuitState | undefined;
  /** Forgets a run's side-effecting call ids (they also expire after `sideEffectTtlMs`). */
  forgetRun(requestId: string): void;
}
