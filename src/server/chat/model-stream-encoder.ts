// Turns a model's stream parts (any provider protocol) into Chat Completions chunks as they come:
// text deltas become content deltas, tool input becomes `tool_calls` deltas with a stable index per
// call, and the finish part becomes the finish chunk (and the usage chunk when asked for).

import type { ModelStreamPart, ModelUsage, FinishReason } from '../../spec/index.js';
import { chunkEvent, openAIFinishReason, usageEvent, type CompletionIdentity, type CompletionToolCall } from './completion-chunks.js';

interface ToolState {
  index: number;
  name: string;
  arguments: string;
}

export class ModelStreamEncoder {
  readonly #identity: CompletionIdentity;
  readonly #includeUsage: boolean;
  readonly #tools = new Map<string, ToolState>();
  #text = '';
  #finishReason: FinishReason = 'other';
  #usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };

  constructor(identity: CompletionIdentity, options: { includeUsage: boolean }) {
    this.#identity = identity;
    this.#includeUsage = options.includeUsage;
  }

  /** The first chunk: the assistant role. */
  start(): string {
    return chunkEvent(this.#identity, { role: 'assistant', content: '' });
  }

  /** Chunk events for one part ('' when the part shows nothing to the client). */
  encode(part: ModelStreamPart): string {
    switch (part.type) {
      case 'text-delta':
        if (part.delta === '') return '';
        this.#text += part.delta;
        return chunkEvent(this.#identity, { content: part.delta });
      case 'tool-input-start':
        return this.#startTool(part.id, part.toolName, '');
      case 'tool-input-delta': {
        const tool = this.#tools.get(part.id);
        if (tool === undefined || part.delta === '') return '';
        tool.arguments += part.delta;
        return chunkEvent(this.#identity, { tool_calls: [{ index: tool.index, function: { arguments: part.delta } }] });
      }
      case 'tool-call': {
        const { id, name, input } = part.toolCall;
        const tool = this.#tools.get(id);
        if (tool === undefined) return this.#startTool(id, name, input);
        // Adapters that assemble arguments without deltas: send what the client has not seen yet.
        if (input.length > tool.arguments.length && input.startsWith(tool.arguments)) {
          const rest = input.slice(tool.arguments.length);
          tool.arguments = input;
          return chunkEvent(this.#identity, { tool_calls: [{ index: tool.index, function: { arguments: rest } }] });
        }
        return '';
      }
      case 'finish':
        this.#finishReason = part.finishReason;
        this.#usage = part.usage;
        return '';
      default:
        return '';
    }
  }

  /** The finish chunk, then the usage chunk when asked for (the caller writes [DONE]). */
  finish(): string {
    const finish = chunkEvent(this.#identity, {}, openAIFinishReason(this.#finishReason));
    return this.#includeUsage ? finish + usageEvent(this.#identity, this.#usage) : finish;
  }

  get text(): string {
    return this.#text;
  }

  get toolCalls(): CompletionToolCall[] {
    return [...this.#tools.entries()].map(([id, tool]) => ({ id, name: tool.name, arguments: tool.arguments }));
  }

  get finishReason(): FinishReason {
    return this.#finishReason;
  }

  get usage(): ModelUsage {
    return this.#usage;
  }

  #startTool(id: string, name: string, input: string): string {
    const tool: ToolState = { index: this.#tools.size, name, arguments: input };
    this.#tools.set(id, tool);
    return chunkEvent(this.#identity, { tool_calls: [{ index: tool.index, id, type: 'function', function: { name, arguments: input } }] });
  }
}
