import { afterEach, describe, expect, it } from 'vitest';
import type { ModelStreamPart } from '../../spec/index.js';
import type { HotpathError } from '../../util/index.js';
import { getModelCallTimings } from '../shared/model-call-timings.js';
import { readFixture, splitEvents, startFixtureServer, type FixtureServer } from '../testing/fixture-server.js';
import { createOpenAICompatible, type OpenAICompatibleProvider } from './openai-compatible-provider.js';

const fixture = (name: string) => readFixture(new URL(`./__fixtures__/${name}.chunks.txt`, import.meta.url));

let server: FixtureServer | undefined;
let provider: OpenAICompatibleProvider | undefined;

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

describe('OpenAI-compatible language model over a replay server', () => {
  it('sends a Chat Completions request and streams the recorded response', async () => {
    server = await startFixtureServer(() => ({ chunks: fixture('text'), headers: { 'x-request-id': 'req_abc' } }));
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1/`, apiKey: 'sk-test', headers: { 'x-team': 'desk' } });
    const model = provider.languageModel('gpt-4o-mini');
    const parts = await collect(
      await model.stream({
        messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Status of INC-4821?' }],
        tools: [{ name: 'get_ticket_status', description: 'Reads a ticket', inputSchema: { type: 'object' } }],
        toolChoice: 'auto',
        maxOutputTokens: 200,
        temperature: 0,
        user: 'u0042',
        headers: { 'x-request-id': 'r1#agent' },
      }),
    );

    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe('Bearer sk-test');
    expect(request?.headers['x-team']).toBe('desk');
    expect(request?.headers['x-request-id']).toBe('r1#agent');
    expect(request?.json).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Status of INC-4821?' }],
      stream: true,
      stream_options: { include_usage: true },
      tools: [{ type: 'function', function: { name: 'get_ticket_status', description: 'Reads a ticket', parameters: { type: 'object' } } }],
      tool_choice: 'auto',
      max_tokens: 200,
      temperature: 0,
      user: 'u0042',
    });
    expect(parts[0]).toEqual({ type: 'response-start', modelId: 'gpt-4o-mini', requestId: 'req_abc' });
    expect(parts.filter((part) => part.type === 'text-delta').map((part) => part.delta).join('')).toBe('Your ticket INC-4821 is in progress.');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 41, outputTokens: 9 } });
    expect(model.provider).toBe('openai');
    expect(model.modelId).toBe('gpt-4o-mini');
  });

  it('generate() parses a non-streaming completion', async () => {
    server = await startFixtureServer(() => ({
      json: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1733159212,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_ticket_status', arguments: '{"ticketId":"INC-1"}' } }],
              refusal: null,
            },
            logprobs: null,
            finish_reason: 'tool_calls',
          },
        ],
        usage: { prompt_tokens: 80, completion_tokens: 17, total_tokens: 97 },
      },
    }));
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    const result = await provider.languageModel('gpt-4o-mini').generate({ messages: [{ role: 'user', content: 'INC-1?' }] });
    expect(server.requests[0]?.json).toMatchObject({ stream: false });
    expect((server.requests[0]?.json as Record<string, unknown>).stream_options).toBeUndefined();
    expect(result).toEqual({
      text: '',
      toolCalls: [{ id: 'call_1', name: 'get_ticket_status', input: '{"ticketId":"INC-1"}' }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 80, outputTokens: 17 },
      modelId: 'gpt-4o-mini-2024-07-18',
    });
    expect(getModelCallTimings(result)).toMatchObject({ attempts: 1, connectionOpened: true });
  });

  it('speaks Azure OpenAI: api-key header and api-version query', async () => {
    server = await startFixtureServer(() => ({ chunks: fixture('text') }));
    provider = createOpenAICompatible({
      name: 'azure',
      baseURL: `${server.url}/openai/deployments/desk-gpt4o`,
      apiKey: 'azure-key',
      apiKeyHeader: 'api-key',
      queryParams: { 'api-version': '2024-10-21' },
      maxTokensField: 'max_completion_tokens',
    });
    await collect(await provider.languageModel('gpt-4o').stream({ messages: [{ role: 'user', content: 'hi' }], maxOutputTokens: 5 }));
    const [request] = server.requests;
    expect(request?.url).toBe('/openai/deployments/desk-gpt4o/chat/completions?api-version=2024-10-21');
    expect(request?.headers['api-key']).toBe('azure-key');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.json).toMatchObject({ max_completion_tokens: 5 });
  });

  it('dispatches the first tool call while the second call is still streaming', async () => {
    const chunks = fixture('parallel-tool-calls');
    const events = splitEvents(chunks);
    // Pause before the last argument chunk of the second call.
    const lastSecondCallChunk = events.findIndex((event) => event.includes('\\"email\\"]}'));
    server = await startFixtureServer(() => ({ chunks, pauses: { [lastSecondCallChunk]: 300 } }));
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    const stream = await provider.languageModel('gpt-4o-mini').stream({ messages: [{ role: 'user', content: 'INC-4821 and my profile' }] });
    const arrivals: Array<{ part: ModelStreamPart; at: number }> = [];
    for await (const part of stream) arrivals.push({ part, at: performance.now() });

    const firstCall = arrivals.find(({ part }) => part.type === 'tool-call' && part.toolCall.name === 'get_ticket_status');
    const secondCall = arrivals.find(({ part }) => part.type === 'tool-call' && part.toolCall.name === 'get_user_profile');
    const pausedChunkWrittenAt = server.eventsWrittenAt[0]![lastSecondCallChunk]!;
    expect(firstCall).toBeDefined();
    expect(firstCall!.at).toBeLessThan(pausedChunkWrittenAt);
    expect(pausedChunkWrittenAt - firstCall!.at).toBeGreaterThan(150);
    expect(secondCall!.at).toBeGreaterThanOrEqual(pausedChunkWrittenAt);
  });

  it('reuses the connection, and reports who paid connection setup through the timings', async () => {
    server = await startFixtureServer(() => ({ chunks: fixture('text') }));
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    const model = provider.languageModel('gpt-4o-mini');
    const first = await model.stream({ messages: [{ role: 'user', content: 'one' }] });
    await collect(first);
    const second = await model.stream({ messages: [{ role: 'user', content: 'two' }] });
    await collect(second);

    expect(server.connections).toBe(1);
    expect(getModelCallTimings(first)).toMatchObject({ provider: 'openai', modelId: 'gpt-4o-mini', attempts: 1, connectionOpened: true });
    const timings = getModelCallTimings(second)!;
    expect(timings.connectionOpened).toBe(false);
    expect(timings.queueMs).toBeGreaterThanOrEqual(0);
    expect(timings.responseStartMs).toBeGreaterThan(0);
    expect(timings.firstTokenMs).toBeGreaterThanOrEqual(timings.responseStartMs!);
    expect(timings.totalMs).toBeGreaterThanOrEqual(timings.firstTokenMs!);
    expect(provider.http.counters(server.url).opened).toBe(1);
  });

  it('a consumer that stops at finish does not cost the connection', async () => {
    server = await startFixtureServer(() => {
      const events = splitEvents(fixture('text'));
      // [DONE] arrives, then the body ends a little later (a separate TCP write).
      return { chunks: [...events, ': end\n\n'].join(''), pauses: { [events.length]: 100 } };
    });
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    const model = provider.languageModel('gpt-4o-mini');
    for (let call = 0; call < 2; call++) {
      for await (const part of await model.stream({ messages: [{ role: 'user', content: `call ${call}` }] })) {
        if (part.type === 'finish') break;
      }
    }
    expect(server.connections).toBe(1);
  });

  it('warmUp opens the connections and asks the model for one token, so the first request pays nothing', async () => {
    server = await startFixtureServer((request) =>
      request.method === 'GET' ? { json: { object: 'list', data: [] } } : request.json && (request.json as { stream: boolean }).stream
        ? { chunks: fixture('text') }
        : { json: { model: 'gpt-4o-mini', choices: [{ message: { content: 'p' }, finish_reason: 'length' }], usage: { prompt_tokens: 1, completion_tokens: 1 } } },
    );
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1`, apiKey: 'sk-test' });
    const model = provider.languageModel('gpt-4o-mini');
    await model.warmUp!({ connections: 2 });
    expect(server.connections).toBe(2);
    expect(server.requests.filter((request) => request.method === 'GET').map((request) => request.url)).toEqual(['/v1/models', '/v1/models']);
    const minimal = server.requests.find((request) => request.method === 'POST');
    expect(minimal?.json).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 1, stream: false });

    const streams = await Promise.all([1, 2].map((n) => model.stream({ messages: [{ role: 'user', content: `user ${n}` }] })));
    await Promise.all(streams.map(collect));
    expect(server.connections).toBe(2);
    expect(streams.map((stream) => getModelCallTimings(stream)?.connectionOpened)).toEqual([false, false]);
  });

  it('reports malformed bodies as HOTPATH_PROVIDER_BAD_RESPONSE without retrying them', async () => {
    server = await startFixtureServer((_request, number) => (number === 0 ? { status: 200, body: '<html>gateway</html>' } : { json: { id: 'x', choices: [] } }));
    provider = createOpenAICompatible({ name: 'openai', baseURL: `${server.url}/v1` });
    const model = provider.languageModel('gpt-4o-mini');
    const notJson = (await model.generate({ messages: [{ role: 'user', content: 'a' }] }).catch((error: unknown) => error)) as HotpathError;
    expect(notJson).toMatchObject({ code: 'HOTPATH_PROVIDER_BAD_RESPONSE', isRetryable: false });
    const noChoices = (await model.generate({ messages: [{ role: 'user', content: 'b' }] }).catch((error: unknown) => error)) as HotpathError;
    expect(noChoices.code).toBe('HOTPATH_PROVIDER_BAD_RESPONSE');
    expect(noChoices.message).toContain('choices');
    expect(server.requests).toHaveLength(2);
  });

  it('validates options at construction and names the offending option', () => {
    const attempt = (options: Record<string, unknown>) => {
      try {
        createOpenAICompatible({ name: 'x', baseURL: 'http://127.0.0.1:1/v1', ...options } as never);
      } catch (error) {
        return error as HotpathError;
      }
      throw new Error('expected the options to be rejected');
    };
    expect(attempt({ baseURL: 'not a url' })).toMatchObject({ code: 'HOTPATH_INVALID_CONFIG' });
    expect(attempt({ baseURL: 'not a url' }).message).toContain('baseURL');
    expect(attempt({ retries: -1 }).message).toContain('retries');
    expect(attempt({ apiKeyHeader: 'x-key' }).message).toContain('apiKeyHeader');
    expect(attempt({ unknownOption: true }).message).toContain('unknownOption');
  });
});
