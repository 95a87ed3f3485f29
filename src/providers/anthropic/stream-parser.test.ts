import { describe, expect, it } from 'vitest';
import type { ModelStreamPart } from '../../spec/index.js';
import { readServerSentEvents, type HotpathError } from '../../util/index.js';
import { readFixture } from '../testing/fixture-server.js';
import { AnthropicStreamParser } from './stream-parser.js';

async function parseText(text: string): Promise<ModelStreamPart[]> {
  const parser = new AnthropicStreamParser('anthropic');
  const parts: ModelStreamPart[] = [];
  async function* body() {
    yield new TextEncoder().encode(text);
  }
  for await (const event of readServerSentEvents(body())) parts.push(...parser.push(event));
  parts.push(...parser.flush());
  return parts;
}

const fixture = (name: string) => parseText(readFixture(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url)));

describe('AnthropicStreamParser', () => {
  it('streams a text block through pings; usage from message_start and message_delta', async () => {
    const parts = await fixture('text');
    expect(parts.map((part) => part.type)).toEqual(['text-start', 'text-delta', 'text-delta', 'text-delta', 'text-delta', 'text-end', 'finish']);
    expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('')).toBe('Your ticket INC-4821 is in progress.');
    // 25 input + 10 read from the prompt cache; output from message_delta (cumulative).
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn', usage: { inputTokens: 35, outputTokens: 15 } });
  });

  it('assembles input_json_delta and emits each tool call at its content_block_stop', async () => {
    const parts = await fixture('tool-use');
    const types = parts.map((part) => part.type);
    expect(types.slice(0, 4)).toEqual(['text-start', 'text-delta', 'text-delta', 'text-end']);
    const calls = parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCall] : []));
    expect(calls).toEqual([
      { id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'get_ticket_status', input: '{"ticketId": "INC-4821"}' },
      { id: 'toolu_01VkzR3qXJHpu8cQ4aXbg2Lm', name: 'get_user_profile', input: '{"userId": "u0042", "fields": ["name", "email"]}' },
    ]);
    // The first call is out before the second block starts.
    const firstCall = parts.findIndex((part) => part.type === 'tool-call');
    const secondStart = parts.findIndex((part) => part.type === 'tool-input-start' && part.toolName === 'get_user_profile');
    expect(firstCall).toBeLessThan(secondStart);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 472, outputTokens: 89 } });
  });

  it('maps max_tokens to length and takes input usage from message_delta when present', async () => {
    expect((await fixture('max-tokens')).at(-1)).toMatchObject({ finishReason: 'length', rawFinishReason: 'max_tokens', usage: { inputTokens: 30, outputTokens: 4 } });
  });

  it('turns an overloaded error event into a retryable unavailable error part, then finish "error"', async () => {
    const parts = await fixture('error-overloaded');
    expect(parts.slice(-3).map((part) => part.type)).toEqual(['text-end', 'error', 'finish']);
    const error = (parts.at(-2) as { error: HotpathError }).error;
    expect(error.code).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(error.isRetryable).toBe(true);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'error' });
  });

  it('reports a truncated stream and does not dispatch its open tool block', async () => {
    const parts = await fixture('truncated');
    expect(parts.some((part) => part.type === 'tool-call')).toBe(false);
    expect(((parts.find((part) => part.type === 'error') as { error: HotpathError }).error).code).toBe('HOTPATH_PROVIDER_BAD_RESPONSE');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'error' });
  });

  it('skips thinking blocks and gives a tool without arguments an empty object', async () => {
    const parts = await fixture('thinking-and-empty-tool');
    expect(parts.map((part) => part.type)).toEqual(['tool-input-start', 'tool-call', 'finish']);
    expect(parts[1]).toEqual({ type: 'tool-call', toolCall: { id: 'toolu_01Now', name: 'current_time', input: '{}' } });
  });

  it('ignores event types it does not know', async () => {
    const parts = await parseText(
      'event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
        'event: brand_new_event\ndata: {"type":"brand_new_event","x":1}\n\n' +
        'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}\n\n' +
        'event: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
    expect(parts).toEqual([{ type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 2 } }]);
  });
});
