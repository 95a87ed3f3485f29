import { describe, expect, it } from 'vitest';
import { ModelStreamEncoder } from './model-stream-encoder.js';

const identity = { id: 'chatcmpl-1', created: 1, model: 'm' };
const parse = (events: string) =>
  events
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => JSON.parse(event.slice(6)) as { choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>; usage?: unknown });

describe('ModelStreamEncoder', () => {
  it('turns text and tool input parts into Chat Completions deltas with stable tool indexes', () => {
    const encoder = new ModelStreamEncoder(identity, { includeUsage: true });
    const events = [
      encoder.start(),
      encoder.encode({ type: 'response-start', modelId: 'm' }),
      encoder.encode({ type: 'text-delta', delta: 'Checking' }),
      encoder.encode({ type: 'tool-input-start', id: 'a', toolName: 'lookup' }),
      encoder.encode({ type: 'tool-input-delta', id: 'a', delta: '{"id":' }),
      encoder.encode({ type: 'tool-input-start', id: 'b', toolName: 'search' }),
      encoder.encode({ type: 'tool-input-delta', id: 'a', delta: '1}' }),
      encoder.encode({ type: 'tool-call', toolCall: { id: 'a', name: 'lookup', input: '{"id":1}' } }),
      // An adapter that never streamed b's arguments: the rest comes with the complete call.
      encoder.encode({ type: 'tool-call', toolCall: { id: 'b', name: 'search', input: '{"q":"x"}' } }),
      encoder.encode({ type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 7, outputTokens: 3 } }),
      encoder.finish(),
    ].join('');
    const chunks = parse(events);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks[1]!.choices[0]!.delta).toEqual({ content: 'Checking' });
    expect(chunks[2]!.choices[0]!.delta).toEqual({ tool_calls: [{ index: 0, id: 'a', type: 'function', function: { name: 'lookup', arguments: '' } }] });
    expect(chunks[4]!.choices[0]!.delta).toEqual({ tool_calls: [{ index: 1, id: 'b', type: 'function', function: { name: 'search', arguments: '' } }] });
    expect(chunks[5]!.choices[0]!.delta).toEqual({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] });
    expect(chunks[6]!.choices[0]!.delta).toEqual({ tool_calls: [{ index: 1, function: { arguments: '{"q":"x"}' } }] });
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 });
    expect(encoder.toolCalls).toEqual([{ id: 'a', name: 'lookup', arguments: '{"id":1}' }, { id: 'b', name: 'search', arguments: '{"q":"x"}' }]);
    expect(encoder.text).toBe('Checking');
  });

  it('writes no usage chunk unless asked', () => {
    const encoder = new ModelStreamEncoder(identity, { includeUsage: false });
    encoder.encode({ type: 'finish', finishReason: 'length', usage: { inputTokens: 1, outputTokens: 1 } });
    const chunks = parse(encoder.finish());
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.choices[0]!.finish_reason).toBe('length');
  });
});
