// Chat Completions stream → model stream parts. A tool call is emitted (`tool-call`) the moment its
// arguments are complete — they parse as a JSON object, or the next call starts, or the choice
// finishes — so the runtime can run it while the model is still streaming the next call.

import { z } from 'zod';
import type { ModelStreamPart, ModelUsage } from '../../spec/index.js';
import { HotpathError, type ServerSentEvent } from '../../util/index.js';
import { isCompleteJsonObject } from '../shared/complete-json.js';
import type { WireStreamParser } from '../shared/event-stream.js';
import { mapOpenAIStreamError } from './map-error.js';
import { mapOpenAIFinishReason } from './map-finish-reason.js';
import {
  argumentsText,
  chatCompletionChunkSchema,
  toModelUsage,
  type ChatCompletionChunk,
  type OpenAIToolCallDelta,
} from './response-schemas.js';

interface StreamedCall {
  index: number;
  id: string;
  name: string;
  input: string;
  started: boolean;
  dispatched: boolean;
}

export class OpenAIStreamParser implements WireStreamParser {
  readonly #provider: string;
  readonly #calls = new Map<number, StreamedCall>();
  #textOpen = false;
  #highestIndex = -1;
  /** Deltas of an earlier call arrived after a later one started: "next call starts" no longer means "done". */
  #interleaved = false;
  #rawFinishReason: string | undefined;
  #sawDone = false;
  #failure: HotpathError | undefined;
  #usage: ModelUsage = { inputTokens: 0, outputTokens: 0 };

  constructor(provider: string) {
    this.#provider = provider;
  }

  get ended(): boolean {
    return this.#sawDone || this.#failure !== undefined;
  }

  push(event: ServerSentEvent): ModelStreamPart[] {
    const parts: ModelStreamPart[] = [];
    if (this.ended) return parts;
    const data = event.data.trim();
    if (data === '[DONE]') {
      this.#sawDone = true;
      this.#closeOpen(parts);
      return parts;
    }
    if (data === '') return parts;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return this.#fail(parts, this.#badResponse(`stream event is not JSON: ${data.slice(0, 200)}`));
    }
    const parsed = chatCompletionChunkSchema.safeParse(json);
    if (!parsed.success) return this.#fail(parts, this.#badResponse(`unexpected stream chunk: ${z.prettifyError(parsed.error)}`));
    const chunk = parsed.data;
    const streamError = chunk.error ?? (chunk.object === 'error' || event.event === 'error' ? chunk : undefined);
    if (streamError) return this.#fail(parts, mapOpenAIStreamError(this.#provider, streamError));

    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (usage) this.#usage = toModelUsage(usage);
    // One choice is requested (n = 1); a usage-only chunk has none.
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (choice === undefined) return parts;
    this.#delta(choice, parts);
    if (choice.finish_reason) {
      this.#rawFinishReason = choice.finish_reason;
      this.#closeOpen(parts);
    }
    return parts;
  }

  flush(failure?: HotpathError): ModelStreamPart[] {
    const parts: ModelStreamPart[] = [];
    if (failure !== undefined && this.#failure === undefined) this.#fail(parts, failure);
    else if (this.#failure === undefined && !this.#sawDone && this.#rawFinishReason === undefined) {
      // Truncated: calls still open may have lost arguments, so they are not dispatched.
      this.#fail(parts, this.#badResponse('stream ended before the response finished'));
    }
    if (this.#failure !== undefined) {
      parts.push({ type: 'finish', finishReason: 'error', usage: this.#usage });
      return parts;
    }
    this.#closeOpen(parts);
    const hasToolCalls = this.#calls.size > 0;
    parts.push({
      type: 'finish',
      finishReason: mapOpenAIFinishReason(this.#rawFinishReason, hasToolCalls),
      usage: this.#usage,
      ...(this.#rawFinishReason === undefined ? {} : { rawFinishReason: this.#rawFinishReason }),
    });
    return parts;
  }

  #delta(choice: NonNullable<ChatCompletionChunk['choices']>[number], parts: ModelStreamPart[]): void {
    const content = choice.delta?.content;
    if (content) {
      if (!this.#textOpen) {
        this.#textOpen = true;
        parts.push({ type: 'text-start' });
      }
      parts.push({ type: 'text-delta', delta: content });
    }
    for (const toolDelta of choice.delta?.tool_calls ?? []) this.#toolDelta(toolDelta, parts);
  }

  #toolDelta(delta: OpenAIToolCallDelta, parts: ModelStreamPart[]): void {
    const index = delta.index ?? this.#indexWithoutIndexField(delta.id ?? undefined);
    let call = this.#calls.get(index);
    if (call === undefined) {
      if (this.#textOpen) {
        this.#textOpen = false;
        parts.push({ type: 'text-end' });
      }
      if (index < this.#highestIndex) this.#interleaved = true;
      // Sequential streams (OpenAI's own) finish a call before starting the next one.
      if (!this.#interleaved) {
        for (const earlier of this.#calls.values()) {
          if (earlier.index < index && !earlier.dispatched && earlier.input.trim() !== '') this.#dispatch(earlier, parts);
        }
      }
      call = { index, id: delta.id ?? `call_${index}`, name: '', input: '', started: false, dispatched: false };
      this.#calls.set(index, call);
      this.#highestIndex = Math.max(this.#highestIndex, index);
    } else if (index < this.#highestIndex) {
      this.#interleaved = true;
    }
    if (call.name === '' && delta.function?.name) call.name = delta.function.name;
    if (!call.started && call.name !== '') {
      call.started = true;
      parts.push({ type: 'tool-input-start', id: call.id, toolName: call.name });
      if (call.input !== '') parts.push({ type: 'tool-input-delta', id: call.id, delta: call.input });
    }
    const text = argumentsText(delta.function?.arguments);
    if (text === '' || call.dispatched) return;
    call.input += text;
    if (call.started) parts.push({ type: 'tool-input-delta', id: call.id, delta: text });
    if (call.started && isCompleteJsonObject(call.input)) this.#dispatch(call, parts);
  }

  /** Servers that omit `index` send a new id for a new call and bare deltas for the current one. */
  #indexWithoutIndexField(id: string | undefined): number {
    const current = this.#calls.get(this.#highestIndex);
    if (current === undefined) return 0;
    return id !== undefined && id !== current.id ? this.#highestIndex + 1 : this.#highestIndex;
  }

  #dispatch(call: StreamedCall, parts: ModelStreamPart[]): void {
    call.dispatched = true;
    if (!call.started) {
      call.started = true;
      parts.push({ type: 'tool-input-start', id: call.id, toolName: call.name });
    }
    // No arguments at all means an empty argument object.
    const input = call.input.trim() === '' ? '{}' : call.input;
    parts.push({ type: 'tool-call', toolCall: { id: call.id, name: call.name, input } });
  }

  #closeOpen(parts: ModelStreamPart[]): void {
    if (this.#textOpen) {
      this.#textOpen = false;
      parts.push({ type: 'text-end' });
    }
    const pending = [...this.#calls.values()].filter((call) => !call.dispatched).sort((a, b) => a.index - b.index);
    for (const call of pending) this.#dispatch(call, parts);
  }

  #fail(parts: ModelStreamPart[], error: HotpathError): ModelStreamPart[] {
    this.#failure = error;
    if (this.#textOpen) {
      this.#textOpen = false;
      parts.push({ type: 'text-end' });
    }
    parts.push({ type: 'error', error });
    return parts;
  }

  #badResponse(message: string): HotpathError {
    return new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${this.#provider}: ${message}`, { details: { provider: this.#provider } });
  }
}
