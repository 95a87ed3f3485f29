// The typed events `agent.stream()` yields, in order: run-start, then any mix of progress, model and
// tool events and text deltas, then exactly one of run-finish or error.

import type { FinishReason, ModelUsage } from './language-model.js';
import type { StageSpan } from './stage-span.js';

export interface ToolCallRecord {
  id: string;
  toolName: string;
  input: unknown;
  output?: unknown;
  error?: { code: string; message: string };
  startMs: number;
  endMs: number;
  /** Where the result came from when not from a fresh call. */
  source?: 'call' | 'cache' | 'shared' | 'speculation';
}

export interface RunTimings {
  totalMs: number;
  /** First event of any kind (progress included). */
  firstEventMs: number;
  /** First answer text delta, when there was one. */
  firstTokenMs?: number;
  spans: StageSpan[];
}

export interface RunResult {
  runId: string;
  text: string;
  toolCalls: ToolCallRecord[];
  finishReason: FinishReason;
  usage: ModelUsage;
  timings: RunTimings;
  /** Which layer answered without running the whole loop, if any. */
  cache?: { layer: 'exact' | 'semantic' | 'plan' | 'tool'; key?: string };
  /** Model calls by tier, for cost and routing reports. */
  modelCalls: Array<{ model: string; tier?: string; ttftMs?: number; totalMs: number; escalated?: boolean; hedged?: boolean }>;
}

export type AgentEvent =
  | { type: 'run-start'; runId: string; at: number }
  | { type: 'progress'; message: string; toolName?: string }
  | { type: 'cache-hit'; layer: 'exact' | 'semantic' | 'plan' | 'tool'; key?: string }
  | { type: 'model-call-start'; model: string; tier?: string; step: number }
  | { type: 'model-call-end'; model: string; tier?: string; step: number; ttftMs?: number; totalMs: number; finishReason: FinishReason }
  | { type: 'tool-call-start'; callId: string; toolName: string; input: unknown }
  | { type: 'tool-call-end'; callId: string; toolName: string; output?: unknown; error?: { code: string; message: string }; durationMs: number; source?: ToolCallRecord['source'] }
  | { type: 'text-delta'; delta: string }
  | { type: 'run-finish'; result: RunResult }
  | { type: 'error'; error: { code: string; message: string; isRetryable: boolean } };
