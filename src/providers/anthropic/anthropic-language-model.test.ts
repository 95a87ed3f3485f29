import { afterEach, describe, expect, it } from 'vitest';
import type { ModelStreamPart } from '../../spec/index.js';
import type { HotpathError } from '../../util/index.js';
import { getModelCallTimings } from '../shared/model-call-timings.js';
import { readFixture, splitEvents, startFixtureServer, type FixtureServer } from '../testing/fixture-server.js';
import { createAnthropic, type AnthropicProvider } from './anthropic-provider.js';

const fixture = (name: string) => readFixture(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url));

let server: FixtureServer | undefined;
let provider: AnthropicProvider | undefined;

afterEach(async () => {
  await provider?.close();
  await server?.close();
  provider = undefined;
  server = undefined;
});

async function collect(stream: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const parts: ModelStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('Anthropic language model over a replay server', () => {
  it('sends a Messages request and streams the recorded response', async () => {
    server = await startFixtureServer(() => ({ chunks: fixture('tool-use'), headers: { 'request-id': 'req_011CP' } }));
    provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'sk-ant-test', betas: ['fine-grained-tool-streaming-2025-05-14'] });
    const model = provider.languageModel('claude-sonnet-4-5');
    const parts = await collect(
      await model.stream({
        messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'INC-4821 and my profile?' }],
        tools: [{ name: 'get_ticket_status', description: 'Reads a ticket', inputSchema: { type: 'object' } }],
        toolChoice: 'auto',
        temperature: 0,
        user: 'u0042',
      }),
    );
    const [request] = server.requests;
    expect(request?.url).toBe('/v1/messages');
    expect(request?.headers['x-api-key']).toBe('sk-ant-test');
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
    expect(request?.headers['anthropic-beta']).toBe('fine-grained-tool-streaming-2025-05-14');
    expect(request?.json).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'INC-4821 and my profile?' }] }],
      tools: [{ name: 'get_ticket_status', description: 'Reads a ticket', input_schema: { type: 'object' } }],
      tool_choice: { type: 'auto' },
      temperature: 0,
      metadata: { user_id: 'u0042' },
      stream: true,
    });
    expect(parts[0]).toEqual({ type: 'response-start', modelId: 'claude-sonnet-4-5', requestId: 'req_011CP' });
    expect(parts.filter((part) => part.type === 'tool-call')).toHaveLength(2);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
    expect(model.provider).toBe('anthropic');
  });

  it('dispatches the first tool call while the second block is still streaming', async () => {
    const chunks = fixture('tool-use');
    const lastSecondCallChunk = splitEvents(chunks).findIndex((event) => event.includes('\\"email\\"]}'));
    server = await startFixtureServer(() => ({ chunks, pauses: { [lastSecondCallChunk]: 300 } }));
    provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' });
    const arrivals: Array<{ part: ModelStreamPart; at: number }> = [];
    for await (const part of await provider.languageModel('claude-sonnet-4-5').stream({ messages: [{ role: 'user', content: 'both' }] })) {
      arrivals.push({ part, at: performance.now() });
    }
    const firstCall = arrivals.find(({ part }) => part.type === 'tool-call' && part.toolCall.name === 'get_ticket_status');
    const pausedChunkWrittenAt = server.eventsWrittenAt[0]![lastSecondCallChunk]!;
    expect(lastSecondCallChunk).toBeGreaterThan(0);
    expect(pausedChunkWrittenAt - firstCall!.at).toBeGreaterThan(150);
  });

  it('generate() parses a non-streaming message', async () => {
    server = await startFixtureServer(() => ({
      json: {
        id: 'msg_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-5-20250929',
        content: [
          { type: 'text', text: 'Looking it up.' },
          { type: 'tool_use', id: 'toolu_01', name: 'get_ticket_status', input: { ticketId: 'INC-1' } },
        ],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: 100, output_tokens: 20, cache_read_input_tokens: 5 },
      },
    }));
    provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' });
    const result = await provider.languageModel('claude-sonnet-4-5').generate({ messages: [{ role: 'user', content: 'INC-1?' }], maxOutputTokens: 64 });
    expect(server.requests[0]?.json).toMatchObject({ stream: false, max_tokens: 64 });
    expect(result).toEqual({
      text: 'Looking it up.',
      toolCalls: [{ id: 'toolu_01', name: 'get_ticket_status', input: '{"ticketId":"INC-1"}' }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 105, outputTokens: 20 },
      modelId: 'claude-sonnet-4-5-20250929',
    });
    expect(getModelCallTimings(result)?.attempts).toBe(1);
  });

  it('maps 529 overloaded to a retryable unavailable error with the provider message', async () => {
    server = await startFixtureServer(() => ({
      status: 529,
      json: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      headers: { 'request-id': 'req_x' },
    }));
    provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k', retries: 0 });
    const error = (await provider
      .languageModel('claude-sonnet-4-5')
      .stream({ messages: [{ role: 'user', content: 'hi' }] })
      .catch((reason: unknown) => reason)) as HotpathError;
    expect(error).toMatchObject({ code: 'HOTPATH_PROVIDER_UNAVAILABLE', isRetryable: true, statusCode: 529 });
    expect(error.message).toContain('Overloaded');
    expect(error.details).toMatchObject({ providerErrorType: 'overloaded_error', requestId: 'req_x' });
  });

  it('warmUp opens the connections and asks for one token', async () => {
    server = await startFixtureServer((request) =>
      request.method === 'GET'
        ? { json: { data: [] } }
        : (request.json as { stream: boolean }).stream
          ? { chunks: fixture('text') }
          : { json: { model: 'm', content: [{ type: 'text', text: 'p' }], stop_reason: 'max_tokens', usage: { input_tokens: 1, output_tokens: 1 } } },
    );
    provider = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' });
    const model = provider.languageModel('claude-haiku-4-5');
    await model.warmUp!({ connections: 2 });
    expect(server.connections).toBe(2);
    expect(server.requests.filter((request) => request.method === 'GET').map((request) => request.url)).toEqual(['/v1/models', '/v1/models']);
    expect(server.requests.find((request) => request.method === 'POST')?.json).toMatchObject({ max_tokens: 1, stream: false });
    const stream = await model.stream({ messages: [{ role: 'user', content: 'hi' }] });
    await collect(stream);
    expect(getModelCallTimings(stream)?.connectionOpened).toBe(false);
    expect(server.connections).toBe(2);
  });

  it('validates options and rejects calls without user or assistant messages', async () => {
    expect(() => createAnthropic({ defaultMaxTokens: 0 })).toThrow(/defaultMaxTokens/);
    provider = createAnthropic({ baseURL: 'http://127.0.0.1:9/v1' });
    const error = (await provider
      .languageModel('m')
      .stream({ messages: [{ role: 'system', content: 'only system' }] })
      .catch((reason: unknown) => reason)) as HotpathError;
    expect(error.code).toBe('HOTPATH_INVALID_ARGUMENT');
  });
});
