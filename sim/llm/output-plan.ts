// Turns the brain's decision into the sequence of output tokens a model would emit: answer text,
// then each tool call (its name, then its argument JSON), one call after the other. Both wire
// protocols encode the same plan, and the pacer releases each unit when its last token is due.

import type { BrainOutput } from '../brain/index.js';
import { countTokens, splitTokens } from './tokenizer.js';

export type OutputUnit =
  | { kind: 'text'; text: string; endToken: number }
  | { kind: 'tool-call-start'; index: number; id: string; name: string; endToken: number }
  | { kind: 'tool-arguments'; index: number; text: string; endToken: number };

export interface PlannedToolCall {
  index: number;
  id: string;
  name: string;
  /** Argument JSON as emitted (cut short when the answer hit max tokens). */
  arguments: string;
  complete: boolean;
}

export type PlannedFinishReason = 'stop' | 'tool-calls' | 'length';

export interface OutputPlan {
  /** In emission order; `endToken` is the number of output tokens emitted once the unit is out. */
  units: OutputUnit[];
  text: string;
  toolCalls: PlannedToolCall[];
  outputTokens: number;
  finishReason: PlannedFinishReason;
}

export interface PlanOutputOptions {
  output: BrainOutput;
  /** The request's output token limit; the answer is cut there with finish reason 'length'. */
  maxTokens?: number;
  /** false: the model emits only the first tool call (OpenAI `parallel_tool_calls: false`). */
  parallelToolCalls: boolean;
  /** Wire id of the tool call at this index. */
  toolCallId(index: number): string;
}

export function planOutput(options: PlanOutputOptions): OutputPlan {
  const { output, parallelToolCalls, toolCallId } = options;
  const limit = options.maxTokens ?? Number.POSITIVE_INFINITY;
  const units: OutputUnit[] = [];
  const toolCalls: PlannedToolCall[] = [];
  let emitted = 0;
  let text = '';
  let truncated = false;

  const fits = (tokens: number) => {
    if (emitted + tokens <= limit) return true;
    truncated = true;
    return false;
  };

  for (const piece of splitTokens(output.text ?? '')) {
    if (!fits(1)) break;
    emitted += 1;
    text += piece;
    units.push({ kind: 'text', text: piece, endToken: emitted });
  }

  const calls = output.type === 'tool-calls' ? (parallelToolCalls ? output.calls : output.calls.slice(0, 1)) : [];
  for (const [index, call] of calls.entries()) {
    if (truncated) break;
    const nameTokens = Math.max(1, countTokens(call.name));
    if (!fits(nameTokens)) break;
    emitted += nameTokens;
    const planned: PlannedToolCall = { index, id: toolCallId(index), name: call.name, arguments: '', complete: true };
    toolCalls.push(planned);
    units.push({ kind: 'tool-call-start', index, id: planned.id, name: call.name, endToken: emitted });
    for (const piece of splitTokens(call.arguments)) {
      if (!fits(1)) {
        planned.complete = false;
        break;
      }
      emitted += 1;
      planned.arguments += piece;
      units.push({ kind: 'tool-arguments', index, text: piece, endToken: emitted });
    }
  }

  const brainCutShort = output.type === 'text' && output.finishReason === 'length';
  const finishReason: PlannedFinishReason =
    truncated || brainCutShort ? 'length' : toolCalls.length > 0 ? 'tool-calls' : 'stop';
  return { units, text, toolCalls, outputTokens: emitted, finishReason };
}
