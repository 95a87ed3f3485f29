// The core of a run: ask the model, start each tool call the moment its arguments are complete in
// the model's stream (not when the message ends), give the model every result — errors included, so
// it answers with what it has — and repeat until it answers in text.

import type { FinishReason, ModelMessage, ModelToolCall, ModelToolDeclaration, ModelUsage } from '../spec/index.js';
import type { ToolCallResult } from '../tools/index.js';
import { HotpathError } from '../util/index.js';
import type { ModelStepCaller } from './model-step-caller.js';
import type { RunContext, RunHandler } from './run-context.js';
import { toolContext } from './tool-context.js';

export interface ModelToolLoopOptions {
  caller: ModelStepCaller;
  /** Model calls per run at most. */
  maxSteps: number;
}

export function modelToolLoop({ caller, maxSteps }: ModelToolLoopOptions): RunHandler {
  return async (run) => {
    const messages: ModelMessage[] = [...run.conversation];
    const tools: ModelToolDeclaration[] = run.tools.declarations().map(({ name, description, inputSchema }) => ({ name, description, inputSchema }));
    const usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };
    let finishReason: FinishReason = 'other';
    let text = '';
    for (let step = 0; step < maxSteps; step++) {
      run.signal.throwIfAborted();
      // Timers for the same deadline can fire in any order: a tool may see it before the run does.
      if (Date.now() >= run.deadline) throw new HotpathError('HOTPATH_DEADLINE_EXCEEDED', `run ${run.requestId} ran past its deadline`);
      const stream = await caller.stream({ run, step, messages, tools });
      text = '';
      const toolCalls: ModelToolCall[] = [];
      const pending: Array<Promise<ToolCallResult>> = [];
      for await (const part of stream) {
        if (part.type === 'text-delta') {
          text += part.delta;
          run.emit({ type: 'text-delta', delta: part.delta });
        } else if (part.type === 'tool-call') {
          toolCalls.push(part.toolCall);
          pending.push(dispatchToolCall(run, part.toolCall));
        } else if (part.type === 'finish') {
          usage.inputTokens += part.usage.inputTokens;
          usage.outputTokens += part.usage.outputTokens;
          finishReason = part.finishReason;
        } else if (part.type === 'error') {
          throw part.error;
        }
      }
      if (toolCalls.length === 0) return { text, finishReason, usage };
      const results = await Promise.all(pending);
      messages.push({ role: 'assistant', content: text, toolCalls });
      results.forEach((result, index) => messages.push(toolResultMessage(toolCalls[index]!, result)));
    }
    throw new HotpathError('HOTPATH_INTERNAL', `the model kept calling tools after ${maxSteps} steps (raise maxSteps if that is expected)`, {
      details: { maxSteps },
    });
  };
}

/** Starts one call now; a call whose arguments are not valid JSON fails without reaching the tool. */
function dispatchToolCall(run: RunContext, call: ModelToolCall): Promise<ToolCallResult> {
  const input = parseArguments(call.input);
  const settled = input.ok
    ? run.tools.start({ id: call.id, toolName: call.name, input: input.value }, toolContext(run)).result
    : Promise.resolve(invalidArgumentsResult(run, call));
  return settled.then((result) => {
    run.toolCalls.push(result.record);
    const offset = run.recorder.startedAtEpoch;
    run.recorder.record({
      stage: 'tool',
      name: `tool ${call.name}`,
      startMs: result.record.startMs - offset,
      endMs: result.record.endMs - offset,
      attributes: { ok: result.ok, ...(result.record.source === undefined ? {} : { source: result.record.source }) },
    });
    return result;
  });
}

function parseArguments(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function invalidArgumentsResult(run: RunContext, call: ModelToolCall): ToolCallResult {
  const now = Date.now();
  const error = { code: 'HOTPATH_TOOL_INPUT_INVALID', message: `the arguments of ${call.name} are not valid JSON: ${call.input.slice(0, 200)}` };
  run.emit({ type: 'tool-call-start', callId: call.id, toolName: call.name, input: call.input });
  run.emit({ type: 'tool-call-end', callId: call.id, toolName: call.name, error, durationMs: 0 });
  return { ok: false, error, attempts: 0, queuedMs: 0, record: { id: call.id, toolName: call.name, input: call.input, error, startMs: now, endMs: now } };
}

function toolResultMessage(call: ModelToolCall, result: ToolCallResult): ModelMessage {
  return result.ok
    ? { role: 'tool', toolCallId: call.id, toolName: call.name, content: typeof result.output === 'string' ? result.output : JSON.stringify(result.output ?? null) }
    : { role: 'tool', toolCallId: call.id, toolName: call.name, content: JSON.stringify({ error: result.error }), isError: true };
}
