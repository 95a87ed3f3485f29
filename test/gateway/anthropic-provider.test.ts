// A model on an Anthropic (Messages API) provider behind the gateway: the request is converted, the
// answer re-encoded as Chat Completions, and the client's own tools still round-trip (tool_use blocks
// become tool_calls deltas; the client's tool messages become tool_result blocks). The simulator speaks
// the Anthropic protocol with the service desk's brain.

import OpenAI from 'openai';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../bin/embedded-default.js';
import { createRandom, type DomainRequest } from '../../sim/index.js';
import { startTestGateway, type TestGateway } from './support/gateway-harness.js';

let embedded: EmbeddedDefault;
let gateway: TestGateway;
let client: OpenAI;
let question: DomainRequest;

beforeAll(async () => {
  embedded = await startEmbeddedDefault({ timeScale: 0.02, mutationRate: 0 });
  const endpoint = embedded.simulator.providers[0]!;
  gateway = startTestGateway({
    providers: { claude: { type: 'anthropic', baseURL: `${endpoint.url}/v1`, apiKey: 'sim', retries: 0 } },
    models: { 'claude-desk': { provider: 'claude', model: 'sim-powerful' } },
  });
  client = new OpenAI({ baseURL: `${await gateway.listen()}/v1`, apiKey: 'sk-local', maxRetries: 0 });
  question = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-anthropic'), kind: 'my-manager', entitySkew: 1, userSkew: 1 });
});
afterAll(async () => {
  await gateway.close();
  await embedded.close();
});

describe('a model on an Anthropic provider', () => {
  const tools = () =>
    embedded.simulator.domain.catalog.map((entry): OpenAI.Chat.Completions.ChatCompletionTool => ({
      type: 'function',
      function: { name: entry.name, description: entry.description, parameters: z.toJSONSchema(entry.input) as Record<string, unknown> },
    }));
  const system = () => `You are the IT service desk assistant.\n\nCurrent user: ${question.userId}`;

  it('streams the client-side tool calls as tool_calls deltas, then answers from the client tool results', async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'system', content: system() }, { role: 'user', content: question.text }];
    const stream = await client.chat.completions.create({ model: 'claude-desk', messages, tools: tools(), stream: true, stream_options: { include_usage: true } });
    const calls: Record<number, { id: string; name: string; arguments: string }> = {};
    let finishReason: string | null | undefined;
    for await (const chunk of stream) {
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      for (const call of chunk.choices[0]?.delta.tool_calls ?? []) {
        const entry = (calls[call.index] ??= { id: '', name: '', arguments: '' });
        entry.id ||= call.id ?? '';
        entry.name ||= call.function?.name ?? '';
        entry.arguments += call.function?.arguments ?? '';
      }
    }
    expect(finishReason).toBe('tool_calls');
    const made = Object.values(calls);
    expect(made.map((call) => call.name)).toContain('lookup_user');
    const lookup = made.find((call) => call.name === 'lookup_user')!;
    expect(JSON.parse(lookup.arguments)).toEqual({ userId: question.userId });

    // The client runs the tools itself (here: against the simulator's tool API) and sends the results.
    messages.push({ role: 'assistant', content: null, tool_calls: made.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) });
    for (const call of made) {
      const entry = embedded.simulator.domain.catalog.find((tool) => tool.name === call.name)!;
      const input = JSON.parse(call.arguments) as Record<string, string>;
      const path = entry.http.path.replace(/\{(\w+)\}/g, (_match, key: string) => encodeURIComponent(input[key]!));
      const result = await (await fetch(`${embedded.simulator.toolsUrl}${path}`)).text();
      messages.push({ role: 'tool', tool_call_id: call.id, content: result });
    }
    const answer = await client.chat.completions.create({ model: 'claude-desk', messages, tools: tools() });
    expect(answer.choices[0]!.finish_reason).toBe('stop');
    expect(answer.choices[0]!.message.content!.length).toBeGreaterThan(10);
    expect(answer.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('answers without tools, streamed and not', async () => {
    const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello there' }];
    const whole = await client.chat.completions.create({ model: 'claude-desk', messages });
    expect(whole.object).toBe('chat.completion');
    expect(whole.choices[0]!.message.content!.length).toBeGreaterThan(0);
    let text = '';
    for await (const chunk of await client.chat.completions.create({ model: 'claude-desk', messages, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('refuses content it cannot convert, naming the part', async () => {
    const response = await gateway.inject({
      method: 'POST',
      url: '/v1/chat/completions',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ model: 'claude-desk', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:,' } }] }] }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ error: { param: string } }>().error.param).toBe('messages[0].content[0]');
  });
});
