// Real clients, unmodified but for the base URL: the official OpenAI SDK (streamed and not, with tool
// calls the client executes itself), the Vercel AI SDK's OpenAI-compatible provider with streamText,
// and LangChain's ChatOpenAI with .stream().

import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { ChatOpenAI } from '@langchain/openai';
import { jsonSchema, streamText, tool } from 'ai';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../bin/embedded-default.js';
import { createRandom, type DomainRequest } from '../../sim/index.js';
import { startTestGateway, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let embedded: EmbeddedDefault;
let upstream: ScriptedUpstream;
let gateway: TestGateway;
let baseURL: string;
let questions: Array<{ request: DomainRequest; ticket: string }>;

beforeAll(async () => {
  embedded = await startEmbeddedDefault({ timeScale: 0.02, mutationRate: 0 });
  upstream = await startScriptedUpstream();
  // The simulator's agent plus a model on a scripted provider for client-side tools.
  const config = embedded.config;
  gateway = startTestGateway({
    ...config,
    providers: { ...config.providers, scripted: { type: 'openai-compatible', baseURL: `${upstream.url}/v1`, retries: 0 } },
    models: { ...config.models, 'tool-model': { provider: 'scripted', model: 'scripted-1' } },
    router: { classifier: false },
  });
  baseURL = `${await gateway.listen()}/v1`;
  await gateway.gateway.warmUp();
  // A distinct question per client: a repeated one would be answered by the response cache.
  questions = Array.from({ length: 4 }, (_, index) => {
    const request = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-clients', index), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    return { request, ticket: request.truth.entities.find((entity) => entity.startsWith('ticket:'))!.slice('ticket:'.length) };
  });
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
  await embedded.close();
});

describe('OpenAI SDK', () => {
  const client = () => new OpenAI({ baseURL, apiKey: 'sk-local', maxRetries: 0 });

  it('non-streaming and streaming completions from the agent', async () => {
    const [first, second] = questions as [(typeof questions)[number], (typeof questions)[number]];
    const completion = await client().chat.completions.create({ model: 'hotpath', user: first.request.userId, messages: [{ role: 'user', content: first.request.text }] });
    expect(completion.choices[0]!.message.content).toContain(first.ticket);
    const stream = await client().chat.completions.create({ model: 'hotpath', user: second.request.userId, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: second.request.text }] });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toContain(second.ticket);
    expect(usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('tool calls the client executes itself round-trip through a proxied model', async () => {
    upstream.reply = (request) => {
      const messages = request.body.messages as Array<{ role: string; content: string }>;
      const last = messages.at(-1)!;
      return last.role === 'tool' ? { kind: 'text', text: `The weather: ${last.content}` } : { kind: 'tool-call', name: 'get_weather', arguments: '{"city":"Oslo"}', id: 'call_7' };
    };
    const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const stream = await client().chat.completions.create({ model: 'tool-model', tools, messages, stream: true });
    const calls: Record<number, { id: string; name: string; arguments: string }> = {};
    for await (const chunk of stream) {
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = (calls[call.index] ??= { id: '', name: '', arguments: '' });
        entry.id ||= call.id ?? '';
        entry.name ||= call.function?.name ?? '';
        entry.arguments += call.function?.arguments ?? '';
      }
    }
    expect(calls[0]).toEqual({ id: 'call_7', name: 'get_weather', arguments: '{"city":"Oslo"}' });
    messages.push({ role: 'assistant', content: null, tool_calls: [{ id: 'call_7', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] });
    messages.push({ role: 'tool', tool_call_id: 'call_7', content: 'snow, -3 °C' });
    const final = await client().chat.completions.create({ model: 'tool-model', tools, messages });
    expect(final.choices[0]!.message.content).toBe('The weather: snow, -3 °C');
  });
});

describe('Vercel AI SDK', () => {
  it('streamText through @ai-sdk/openai-compatible', async () => {
    const provider = createOpenAICompatible({ name: 'hotpath', baseURL, apiKey: 'sk-local', includeUsage: true });
    const { request, ticket } = questions[2]!;
    const result = streamText({ model: provider.chatModel('hotpath'), prompt: request.text, headers: { 'x-hotpath-user': request.userId }, maxRetries: 0 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toContain(ticket);
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });

  it('client-side tools through a proxied model', async () => {
    upstream.reply = () => ({ kind: 'tool-call', name: 'get_weather', arguments: '{"city":"Rome"}', id: 'call_9' });
    const provider = createOpenAICompatible({ name: 'hotpath', baseURL, apiKey: 'sk-local' });
    const result = streamText({
      model: provider.chatModel('tool-model'),
      prompt: 'Weather in Rome?',
      tools: { get_weather: tool({ description: 'Weather', inputSchema: jsonSchema<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }) }) },
      maxRetries: 0,
    });
    const calls: Array<{ name: string; input: unknown }> = [];
    for await (const part of result.fullStream) {
      if (part.type === 'tool-call') calls.push({ name: part.toolName, input: part.input });
      if (part.type === 'error') throw part.error;
    }
    expect(calls).toEqual([{ name: 'get_weather', input: { city: 'Rome' } }]);
  });
});

describe('LangChain', () => {
  it('ChatOpenAI .stream() from the agent', async () => {
    const { request, ticket } = questions[3]!;
    const model = new ChatOpenAI({ model: 'hotpath', apiKey: 'sk-local', maxRetries: 0, configuration: { baseURL, defaultHeaders: { 'x-hotpath-user': request.userId } } });
    let text = '';
    let chunks = 0;
    for await (const chunk of await model.stream(request.text)) {
      chunks++;
      text += typeof chunk.content === 'string' ? chunk.content : '';
    }
    expect(chunks).toBeGreaterThan(1);
    expect(text).toContain(ticket);
  });
});
