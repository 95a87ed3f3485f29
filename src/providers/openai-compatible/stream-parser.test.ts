import { describe, expect, it } from 'vitest';
import type { ModelStreamPart } from '../../spec/index.js';
import { HotpathError, readServerSentEvents } from '../../util/index.js';
import { readFixture } from '../testing/fixture-server.js';
import { OpenAIStreamParser } from './stream-parser.js';

async function parseText(text: string): Promise<ModelStreamPart[]> {
  const parser = new OpenAIStreamParser('test');
  const parts: ModelStreamPart[] = [];
  async function* body() {
    yield new TextEncoder().encode(text);
  }
  for await (const event of readServerSentEvents(body())) parts.push(...parser.push(event));
  parts.push(...parser.flush());
  return parts;
}

const fixture = (name: string) => parseText(readFixture(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url)));
const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (delta: unknown, finishReason: string | null = null) => data({ choices: [{ index: 0, delta, finish_reason: finishReason }] });

describe('OpenAIStreamParser', () => {
  it('streams text, then finish with the usage of the empty-choices chunk', async () => {
    const parts = await fixture('text');
    expect(parts[0]).toEqual({ type: 'text-start' });
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.delta).join('')).toBe('Your ticket INC-4821 is in progress.');
    expect(parts.at(-2)).toEqual({ type: 'text-end' });
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: 'stop', rawFinishReason: 'stop', usage: { inputTokens: 41, outputTokens: 9 } });
  });

  it('emits each parallel call the moment its arguments are a complete object', async () => {
    const parts = await fixture('parallel-tool-calls');
    const types = parts.map((part) => (part.type === 'tool-call' ? `call:${part.toolCall.name}` : part.type));
    const firstCall = types.indexOf('call:get_ticket_status');
    const secondStart = parts.findIndex((part) => part.type === 'tool-input-start' && part.toolName === 'get_user_profile');
    expect(firstCall).toBeGreaterThan(-1);
    // The first call is out before the second call has even started.
    expect(firstCall).toBeLessThan(secondStart);
    const calls = parts.filter((part) => part.type === 'tool-call').map((part) => part.toolCall);
    expect(calls).toEqual([
      { id: 'call_Q7yJ2mRt1bX9', name: 'get_ticket_status', input: '{"ticketId": "INC-4821"}' },
      { id: 'call_Vn4kT8sLp0aE', name: 'get_user_profile', input: '{"userId": "u0042", "fields": ["name", "email"]}' },
    ]);
    const deltas = parts.flatMap((part) => (part.type === 'tool-input-delta' && part.id === 'call_Vn4kT8sLp0aE' ? [part.delta] : []));
    expect(deltas.join('')).toBe('{"userId": "u0042", "fields": ["name", "email"]}');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 212, outputTokens: 58 } });
  });

  it('assembles calls interleaved by index and tolerates chunks without choices', async () => {
    const parts = await fixture('interleaved-tool-calls');
    const calls = parts.filter((part) => part.type === 'tool-call').map((part) => part.toolCall);
    expect(calls).toEqual([
      { id: 'chatcmpl-tool-a1', name: 'search_kb', input: '{"query": "vpn reset"}' },
      { id: 'chatcmpl-tool-b2', name: 'get_ticket_status', input: '{"ticketId": "INC-9"}' },
    ]);
    expect(parts.filter((part) => part.type === 'error')).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 300, outputTokens: 40 } });
  });

  it('maps a length finish', async () => {
    expect((await fixture('length')).at(-1)).toMatchObject({ type: 'finish', finishReason: 'length', usage: { inputTokens: 30, outputTokens: 4 } });
  });

  it('turns an error object inside a 200 stream into an error part, then finish "error"', async () => {
    const parts = await fixture('error-in-stream');
    const error = parts.find((part) => part.type === 'error');
    expect(HotpathError.isInstance(error?.error)).toBe(true);
    expect((error?.error as HotpathError).code).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect((error?.error as HotpathError).message).toContain('The server had an error');
    expect(parts.slice(-3).map((part) => part.type)).toEqual(['text-end', 'error', 'finish']);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'error' });
  });

  it('reports a stream that ends before finishing, and does not dispatch its half-streamed call', async () => {
    const parts = await fixture('truncated');
    expect(parts.some((part) => part.type === 'tool-call')).toBe(false);
    const error = parts.find((part) => part.type === 'error')?.error as HotpathError;
    expect(error.code).toBe('HOTPATH_PROVIDER_BAD_RESPONSE');
    expect(error.message).toContain('ended before');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'error' });
  });

  it('handles text followed by a call sent whole in one delta, and usage in x_groq', async () => {
    const parts = await fixture('text-then-tool-call');
    expect(parts.map((part) => part.type)).toEqual([
      'text-start', 'text-delta', 'text-end', 'tool-input-start', 'tool-input-delta', 'tool-call', 'finish',
    ]);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'tool-calls', usage: { inputTokens: 95, outputTokens: 22 } });
  });

  it('finishes a call when the next index starts, even if its arguments never parse', async () => {
    const parts = await parseText(
      chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'first', arguments: '{"broken": ' } }] }) +
        chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'second', arguments: '' } }] }) +
        chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }) +
        chunk({}, 'tool_calls') +
        'data: [DONE]\n\n',
    );
    const calls = parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCall] : []));
    expect(calls).toEqual([
      { id: 'a', name: 'first', input: '{"broken": ' },
      { id: 'b', name: 'second', input: '{}' },
    ]);
    const firstCallAt = parts.findIndex((part) => part.type === 'tool-call');
    const secondStartAt = parts.findIndex((part) => part.type === 'tool-input-start' && part.id === 'b');
    expect(firstCallAt).toBeLessThan(secondStartAt);
  });

  it('accepts calls without index, arguments sent as an object, and empty arguments', async () => {
    const parts = await parseText(
      chunk({ tool_calls: [{ id: 'x1', function: { name: 'no_args', arguments: '' } }] }) +
        chunk({ tool_calls: [{ id: 'x2', function: { name: 'object_args', arguments: { city: 'Paris' } } }] }) +
        chunk({}, 'stop') +
        'data: [DONE]\n\n',
    );
    const calls = parts.flatMap((part) => (part.type === 'tool-call' ? [part.toolCall] : []));
    // A call without arguments may still be receiving them (servers that send every call's header
    // first), so it completes at finish; the complete one went out at once.
    expect(calls).toEqual([
      { id: 'x2', name: 'object_args', input: '{"city":"Paris"}' },
      { id: 'x1', name: 'no_args', input: '{}' },
    ]);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'stop' });
  });

  it('treats [DONE] without a finish reason as the end, and maps vLLM top-level errors', async () => {
    const done = await parseText(chunk({ content: 'hi' }) + 'data: [DONE]\n\n');
    expect(done.at(-1)).toMatchObject({ type: 'finish', finishReason: 'other' });

    const failed = await parseText(data({ object: 'error', message: 'This model maximum context length is 4096', type: 'BadRequestError', code: 400 }));
    const error = failed.find((part) => part.type === 'error')?.error as HotpathError;
    expect(error.code).toBe('HOTPATH_PROVIDER_BAD_REQUEST');
    expect(error.message).toContain('maximum context length');
  });

  it('reports a chunk that is not JSON as a bad response and ignores events after the end', async () => {
    const parts = await parseText('data: {not json\n\n' + chunk({ content: 'ignored' }));
    expect(parts.map((part) => part.type)).toEqual(['error', 'finish']);
    expect((parts[0] as { error: HotpathError }).error.code).toBe('HOTPATH_PROVIDER_BAD_RESPONSE');
  });
});
