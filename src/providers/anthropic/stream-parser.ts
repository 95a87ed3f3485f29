// Messages API stream → model stream parts: text blocks become text-start/delta/end, tool_use blocks
// assemble their `input_json_delta`s and become `tool-call` at content_block_stop; usage comes from
// message_start and the cumulative counts of message_delta.

import { z } from 'zod';
import type { ModelStreamPart, ModelUsage } from '../../spec/index.js';
import { HotpathError, type ServerSentEvent } from '../../util/index.js';
import type { WireStreamParser } from '../shared/event-stream.js';
import { mapAnthropicStreamError } from './map-error.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';
import { anthropicStreamEventSchema, toModelUsage, type AnthropicStreamEvent, type AnthropicUsage } from './response-schemas.js';

type OpenBlock = { kind: 'text' } | { kind: 'tool'; id: string; name: string; input: string } | { kind: 'ignored' };

const knownEvents = new Set(['message_start', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop', 'ping', 'error']);

export class AnthropicStreamParser implements WireStreamParser {
  readonly #provider: string;
  readonly #blocks = new Map<number, OpenBlock>();
  #usage: AnthropicUsage = {};
  #rawStopReason: string | undefined;
  #sawStop = false;
  #sawToolCall = false;
  #failure: HotpathError | undefined;
  messageId: string | undefined;

  constructor(provider: string) {
    this.#provider = provider;
  }

  get ended(): boolean {
    return this.#sawStop || this.#failure !== undefined;
  }

  push(event: ServerSentEvent): ModelStreamPart[] {
    const parts: ModelStreamPart[] = [];
    if (this.ended) return parts;
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      return this.#fail(parts, this.#badResponse(`stream event is not JSON: ${event.data.slice(0, 200)}`));
    }
    const type = (json as { type?: unknown } | null)?.type;
    // New event types may appear (Anthropic's versioning policy): they are skipped.
    if (typeof type !== 'string' || !knownEvents.has(type)) return parts;
    const parsed = anthropicStreamEventSchema.safeParse(json);
    if (!parsed.success) return this.#fail(parts, this.#badResponse(`unexpected ${type} event: ${z.prettifyError(parsed.error)}`));
    this.#handle(parsed.data, parts);
    return parts;
  }

  flush(failure?: HotpathError): ModelStreamPart[] {
    const parts: ModelStreamPart[] = [];
    if (failure !== undefined && this.#failure === undefined) this.#fail(parts, failure);
    else if (this.#failure === undefined && !this.#sawStop && this.#rawStopReason === undefined) {
      this.#fail(parts, this.#badResponse('stream ended before the message finished'));
    }
    const usage = this.#modelUsage();
    if (this.#failure !== undefined) {
      parts.push({ type: 'finish', finishReason: 'error', usage });
      return parts;
    }
    const finishReason = this.#rawStopReason === undefined && this.#sawToolCall ? 'tool-calls' : mapAnthropicStopReason(this.#rawStopReason);
    parts.push({ type: 'finish', finishReason, usage, ...(this.#rawStopReason === undefined ? {} : { rawFinishReason: this.#rawStopReason }) });
    return parts;
  }

  #handle(event: AnthropicStreamEvent, parts: ModelStreamPart[]): void {
    switch (event.type) {
      case 'message_start':
        this.messageId = event.message.id ?? undefined;
        this.#mergeUsage(event.message.usage);
        return;
      case 'content_block_start': {
        const block = event.content_block;
        if (block.type === 'text') {
          this.#blocks.set(event.index, { kind: 'text' });
          parts.push({ type: 'text-start' });
          if (block.text) parts.push({ type: 'text-delta', delta: block.text });
        } else if (block.type === 'tool_use') {
          const id = block.id ?? `toolu_${event.index}`;
          const name = block.name ?? '';
          this.#blocks.set(event.index, { kind: 'tool', id, name, input: '' });
          parts.push({ type: 'tool-input-start', id, toolName: name });
        } else {
          // thinking, redacted_thinking, server tools: not part of the answer.
          this.#blocks.set(event.index, { kind: 'ignored' });
        }
        return;
      }
      case 'content_block_delta': {
        const block = this.#blocks.get(event.index);
        if (block?.kind === 'text' && event.delta.type === 'text_delta' && event.delta.text) {
          parts.push({ type: 'text-delta', delta: event.delta.text });
        } else if (block?.kind === 'tool' && event.delta.type === 'input_json_delta' && event.delta.partial_json) {
          block.input += event.delta.partial_json;
          parts.push({ type: 'tool-input-delta', id: block.id, delta: event.delta.partial_json });
        }
        return;
      }
      case 'content_block_stop': {
        const block = this.#blocks.get(event.index);
        this.#blocks.delete(event.index);
        if (block?.kind === 'text') parts.push({ type: 'text-end' });
        if (block?.kind === 'tool') {
          this.#sawToolCall = true;
          parts.push({ type: 'tool-call', toolCall: { id: block.id, name: block.name, input: block.input.trim() === '' ? '{}' : block.input } });
        }
        return;
      }
      case 'message_delta':
        if (event.delta.stop_reason) this.#rawStopReason = event.delta.stop_reason;
        this.#mergeUsage(event.usage);
        return;
      case 'message_stop':
        this.#sawStop = true;
        return;
      case 'ping':
        return;
      case 'error':
        this.#fail(parts, mapAnthropicStreamError(this.#provider, event.error));
        return;
    }
  }

  /** message_delta counts are cumulative; fields it omits keep message_start's values. */
  #mergeUsage(usage: AnthropicUsage | null | undefined): void {
    if (!usage) return;
    for (const [key, value] of Object.entries(usage)) {
      if (typeof value === 'number') (this.#usage as Record<string, unknown>)[key] = value;
    }
  }

  #modelUsage(): ModelUsage {
    return toModelUsage(this.#usage);
  }

  #fail(parts: ModelStreamPart[], error: HotpathError): ModelStreamPart[] {
    this.#failure = error;
    for (const block of this.#blocks.values()) {
      if (block.kind === 'text') parts.push({ type: 'text-end' });
    }
    // Open tool blocks may have lost arguments: they are not dispatched.
    this.#blocks.clear();
    parts.push({ type: 'error', error });
    return parts;
  }

  #badResponse(message: string): HotpathError {
    return new HotpathError('HOTPATH_PROVIDER_BAD_RESPONSE', `${this.#provider}: ${message}`, { details: { provider: this.#provider } });
  }
}
