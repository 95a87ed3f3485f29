import type { CallRecord } from '../../sim/index.js';
import type { StageSpan } from '../../src/index.js';

/** Where one request's time went, in scenario ms. Parallel calls overlap, so stages can sum to more than the latency. */
export interface RequestStages {
  /** Sum of connection setup charged to the request's calls. */
  connection: number;
  coldStart: number;
  /** Model call time minus connection and cold-start penalties. */
  llm: number;
  /** Tool call time minus penalties, by tool name. */
  tools: Record<string, number>;
  /** The agent's own spans other than model and tool calls (classify, cache, format...), by stage. */
  agent: Record<string, number>;
  /** Request time when none of its backend calls was in flight. */
  overhead: number;
}

export interface RequestStagesOptions {
  calls: readonly CallRecord[];
  startedAt: number;
  endedAt: number;
  spans?: readonly StageSpan[];
  timeScale: number;
}

const backendStages = new Set(['model', 'tool']);

export function requestStages({ calls, startedAt, endedAt, spans = [], timeScale }: RequestStagesOptions): RequestStages {
  const stages: RequestStages = { connection: 0, coldStart: 0, llm: 0, tools: {}, agent: {}, overhead: 0 };
  for (const call of calls) {
    const penalties = call.connectionPenaltyMs + call.coldStartMs;
    const callMs = Math.max(0, (call.endedAt - call.startedAt) / timeScale - penalties);
    stages.connection += call.connectionPenaltyMs;
    stages.coldStart += call.coldStartMs;
    if (call.kind === 'llm') stages.llm += callMs;
    else stages.tools[call.name] = (stages.tools[call.name] ?? 0) + callMs;
  }
  for (const span of spans) {
    if (backendStages.has(span.stage)) continue;
    stages.agent[span.stage] = (stages.agent[span.stage] ?? 0) + Math.max(0, span.endMs - span.startMs) / timeScale;
  }
  const busy = unionLength(calls.map((call) => [Math.max(call.startedAt, startedAt), Math.min(call.endedAt, endedAt)] as const));
  stages.overhead = Math.max(0, endedAt - startedAt - busy) / timeScale;
  return stages;
}

/** Total length covered by a set of intervals. */
export function unionLength(intervals: ReadonlyArray<readonly [number, number]>): number {
  const sorted = intervals.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = Number.NEGATIVE_INFINITY;
  let currentEnd = Number.NEGATIVE_INFINITY;
  for (const [start, end] of sorted) {
    if (start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else {
      currentEnd = Math.max(currentEnd, end);
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}
