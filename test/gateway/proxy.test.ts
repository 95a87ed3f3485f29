// Proxied models: pass-through bytes, model rewrite, client tools round-trip, fallbacks, hedging,
// upstream errors before and after the stream started, and the router behind model "auto".

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, sseData, startTestGateway, upstreamConfig, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
let gateway: TestGateway;
let url: string;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  gateway = startTestGateway(upstreamConfig(upstream.url, {
    models: {
      'small-model': { provider: 'up', model: 'up-small', tier: 'fast' },
      'big-model': { provider: 'up', model: 'up-big', tier: 'powerful', fallbacks: ['small-model'] },
      'hedged-model': { provider: 'up', model: 'up-slow', fallbacks: ['small-model'], hedgeAfterMs: 60 },
      'up-small': { provider: 'up' },
    },
    router: { classifier: false, hedging: false },
    cache: { proxyResponses: 'off' },
  }));
  url = await gateway.listen();
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});
afterEach(() => {
  upstream.reply = (request) => ({ kind: 'text', text: `Hello from ${String(request.body.model)}` });
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer client-key', ...headers }, body: JSON.stringify(body) });

describe('pass-through proxy', () => {
  it('forwards a completion with the provider model id and the provider credentials, and relays the answer', async () => {
    const before = upstream.requests.length;
    const response = await post(chatBody({ max_tokens: 20, seed: 3, response_format: { type: 'text' } }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-hotpath-model')).toBe('small-model');
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe('Hello from up-small');
    const forwarded = upstream.requests[before]!;
    expect(forwarded.body).toMatchObject({ model: 'up-small', max_tokens: 20, seed: 3, response_format: { type: 'text' } });
    expect(forwarded.headers.authorization).toBe('Bearer upstream-key');
    expect(forwarded.headers['x-request-id']).toBe(response.headers.get('x-request-id'));
  });

  it('forwards the client bytes untouched when the provider knows the model by the same name', async () => {
    const raw = '{"model":"up-small","messages":[{"role":"user","content":"exact   bytes"}],"stream":false}';
    const before = upstream.requests.length;
    const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(response.status).toBe(200);
    expect(upstream.requests[before]!.raw).toBe(raw);
  });

  it('relays a stream chunk for chunk, byte-identical to the provider stream, with the usage chunk and [DONE]', async () => {
    const body = chatBody({ model: 'up-small', stream: true, stream_options: { include_usage: true } });
    const direct = await (await fetch(`${upstream.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
    const response = await post(body);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const relayed = await response.text();
    expect(relayed).toBe(direct);
    const events = sseData(relayed);
    expect(events.at(-1)).toBe('[DONE]');
    expect((events.at(-2) as { usage?: unknown }).usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  it('passes the client tools, the model tool_calls deltas and the client tool messages through untouched', async () => {
    upstream.reply = (request) =>
      (request.body.messages as unknown[]).length === 1 ? { kind: 'tool-call', name: 'get_weather', arguments: '{"city":"Paris"}', id: 'call_42' } : { kind: 'text', text: 'It is sunny in Paris.' };
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
    const first = sseData(await (await post(chatBody({ stream: true, tools, tool_choice: 'auto', messages: [{ role: 'user', content: 'Weather in Paris?' }] }))).text());
    const deltas = first.filter((event): event is Record<string, unknown> => event !== '[DONE]').flatMap((event) => (event.choices as Array<{ delta: { tool_calls?: Array<{ id?: string; function: { name?: string; arguments: string } }> } }>)[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ id: 'call_42', function: { name: 'get_weather' } });
    expect(deltas.map((delta) => delta.function.arguments).join('')).toBe('{"city":"Paris"}');
    const before = upstream.requests.length;
    const followUp = [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_42', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_42', content: '{"sky":"sunny"}' },
    ];
    const second = (await (await post(chatBody({ tools, messages: followUp }))).json()) as { choices: Array<{ message: { content: string } }> };
    expect(second.choices[0]!.message.content).toBe('It is sunny in Paris.');
    expect(upstream.requests[before]!.body.messages).toEqual(followUp);
    expect(upstream.requests[before]!.body.tools).toEqual(tools);
  });

  it('falls back to the next model when the first fails before answering, and counts the fallback', async () => {
    upstream.reply = (request) => (request.body.model === 'up-big' ? { kind: 'status', status: 500, message: 'boom' } : { kind: 'text', text: 'from the fallback' });
    const response = await post(chatBody({ model: 'big-model' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-hotpath-model')).toBe('small-model');
    expect(((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe('from the fallback');
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/hotpath_fallbacks_total [1-9]/);
  });

  it('hedges a slow model: the copy sent to the fallback answers first and the slow call is abandoned', async () => {
    upstream.reply = (request) => (request.body.model === 'up-slow' ? { kind: 'text', text: 'slow', delayMs: 3000 } : { kind: 'text', text: 'quick hedge' });
    const started = performance.now();
    const response = await post(chatBody({ model: 'hedged-model' }));
    const body = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe('quick hedge');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/hotpath_hedges_total [1-9]/);
  });

  it('relays a provider 4xx as it is, without falling back', async () => {
    upstream.reply = () => ({ kind: 'status', status: 400, message: 'max_tokens is too large for this model' });
    const response = await post(chatBody({ model: 'big-model' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('max_tokens is too large');
  });

  it('answers an OpenAI-shaped 5xx when every model failed', async () => {
    upstream.reply = () => ({ kind: 'status', status: 503, message: 'overloaded' });
    const response = await post(chatBody({ model: 'big-model', stream: true }));
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { message: string; type: string; code: string } };
    expect(body.error.code).toBe('HOTPATH_PROVIDER_UNAVAILABLE');
    expect(body.error.message).toContain('overloaded');
  });

  it('ends a stream that breaks after it started with an error event and [DONE]', async () => {
    upstream.reply = () => ({ kind: 'break-after-first-chunk' });
    const response = await post(chatBody({ stream: true }));
    expect(response.status).toBe(200);
    const events = sseData(await response.text());
    expect(JSON.stringify(events[0])).toContain('Half an ans');
    expect(events.at(-2)).toMatchObject({ error: { type: expect.any(String), message: expect.any(String) } });
    expect(events.at(-1)).toBe('[DONE]');
  });

  it('model "auto" goes through the router and answers in the Chat Completions format', async () => {
    const response = await post(chatBody({ model: 'auto', stream: true }));
    const events = sseData(await response.text());
    const text = events.filter((event): event is Record<string, unknown> => event !== '[DONE]').map((event) => (event.choices as Array<{ delta: { content?: string } }>)[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/^Hello from up-(small|big)$/);
    expect(events.at(-1)).toBe('[DONE]');
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/hotpath_model_calls_total\{tier="(fast|powerful)"/);
  });
});

describe('request budget', () => {
  it('cuts a stream still running at the deadline with an error event and [DONE], and a whole answer with a 504', async () => {
    const slow = await startScriptedUpstream();
    const budget = startTestGateway(upstreamConfig(slow.url, { limits: { requestTimeoutMs: 400 }, router: { classifier: false } }));
    try {
      const slowUrl = await budget.listen();
      slow.reply = () => ({ kind: 'text', text: 'never finished', pauseAfterFirstChunkMs: 5000 });
      const started = performance.now();
      const response = await fetch(`${slowUrl}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chatBody({ stream: true })) });
      const events = sseData(await response.text());
      expect(performance.now() - started).toBeLessThan(3000);
      expect(events.at(-2)).toMatchObject({ error: { code: 'HOTPATH_DEADLINE_EXCEEDED' } });
      expect(events.at(-1)).toBe('[DONE]');
      slow.reply = () => ({ kind: 'hang' });
      const whole = await fetch(`${slowUrl}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chatBody()) });
      expect(whole.status).toBe(504);
    } finally {
      await budget.close();
      await slow.close();
    }
  });
});
