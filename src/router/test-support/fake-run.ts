// A RouterRun for tests: records events and model calls, with a deadline, an abort signal and an
// optional request embedding — what the agent's RunContext gives the router.

import type { AgentEvent, ModelMessage, ModelStreamPart, ModelToolDeclaration, RunResult } from '../../spec/index.js';
import { RunRecorder } from '../../telemetry/index.js';
import type { RouterRun, RouterStepRequest } from '../router-types.js';

export interface FakeRun extends RouterRun {
  readonly events: AgentEvent[];
  readonly modelCalls: RunResult['modelCalls'];
  readonly controller: AbortController;
}

export function fakeRun(options: { input?: string; timeoutMs?: number; embedding?: Float32Array | (() => Promise<Float32Array>) } = {}): FakeRun {
  const controller = new AbortController();
  const events: AgentEvent[] = [];
  const embedding = options.embedding;
  return {
    requestId: `test-${Math.random().toString(36).slice(2)}`,
    input: options.input ?? "What's the status of INC-4821?",
    user: undefined,
    signal: controller.signal,
    deadline: Date.now() + (options.timeoutMs ?? 10_000),
    recorder: new RunRecorder('test-run'),
    emit: (event) => events.push(event),
    requestEmbedding: () => (embedding === undefined ? undefined : typeof embedding === 'function' ? embedding() : Promise.resolve(embedding)),
    modelCalls: [],
    events,
    controller,
  };
}

export function stepRequest(run: RouterRun, messages?: ModelMessage[], tools: ModelToolDeclaration[] = [], step = 0): RouterStepRequest {
  return { run, step, messages: messages ?? [{ role: 'user', content: run.input }], tools };
}

/** Reads a step to its end: the parts in order, the text and the tool calls the caller saw. */
export async function readStep(stream: AsyncIterable<ModelStreamPart>) {
  const parts: ModelStreamPart[] = [];
  const timeline: Array<{ part: ModelStreamPart; at: number }> = [];
  for await (const part of stream) {
    parts.push(part);
    timeline.push({ part, at: performance.now() });
  }
  return {
    parts,
    timeline,
    text: parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join(''),
    toolCalls: parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCall] : [])),
  };
}
