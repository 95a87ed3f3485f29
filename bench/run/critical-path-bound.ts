import type { Simulator } from '../../sim/index.js';
import type { ModelsByTier } from '../scenario/index.js';
import type { BenchRequest } from '../workload/index.js';

// The least time any implementation could take for a request, given the fresh data it needs and
// one model call to write the answer: the longest dependency chain of the request's planned tool
// calls (each at the latency the simulator gives that very call), then the answer call on the
// tier the request needs (fast for simple, powerful for complex), with the plan's depth as turn.

export interface CriticalPathBound {
  /** Longest chain of planned tool calls, scenario ms. */
  toolsMs: number;
  /** The answer call, scenario ms from request to last token. */
  answerMs: number;
  totalMs: number;
  /** Tool calls on the longest chain (the answer call's turn). */
  depth: number;
}

export interface CriticalPathBoundOptions {
  simulator: Pick<Simulator, 'sampleToolLatencyMs' | 'sampleModelCall'>;
  request: BenchRequest;
  models: ModelsByTier;
  /** Input tokens of the answer call; the least honest figure is the prompt itself. */
  inputTokens: number;
}

export function criticalPathBound({ simulator, request, models, inputTokens }: CriticalPathBoundOptions): CriticalPathBound {
  const { plan } = request;
  const finish = new Map<number, { at: number; depth: number }>();
  const visiting = new Set<number>();
  const finishOf = (index: number): { at: number; depth: number } => {
    const known = finish.get(index);
    if (known) return known;
    const call = plan[index];
    if (call === undefined) throw new RangeError(`request ${request.id}: plan dependency ${index} does not exist`);
    if (visiting.has(index)) throw new RangeError(`request ${request.id}: plan has a dependency cycle through call ${index}`);
    visiting.add(index);
    let ready = 0;
    let depth = 0;
    for (const dependency of call.dependsOn) {
      const before = finishOf(dependency);
      ready = Math.max(ready, before.at);
      depth = Math.max(depth, before.depth);
    }
    visiting.delete(index);
    const result = { at: ready + simulator.sampleToolLatencyMs(request.id, call.name, call.arguments), depth: depth + 1 };
    finish.set(index, result);
    return result;
  };

  let toolsMs = 0;
  let depth = 0;
  plan.forEach((_call, index) => {
    const result = finishOf(index);
    toolsMs = Math.max(toolsMs, result.at);
    depth = Math.max(depth, result.depth);
  });
  const answer = simulator.sampleModelCall({
    key: request.id,
    model: request.complexity === 'simple' ? models.fast : models.powerful,
    turn: depth,
    inputTokens,
    outputTokens: request.answerTokens,
  });
  return { toolsMs, answerMs: answer.totalMs, totalMs: toolsMs + answer.totalMs, depth };
}

/** A rough token count (4 characters per token), enough for prompt-processing time. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
