// Every class of bad input gets a 4xx with an OpenAI-shaped error that names the problem: never a
// crash, never a hung request. Injected into the listener (no socket), except the oversized body,
// which is sent over a real connection to show the gateway stops reading it.

import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, startTestGateway, upstreamConfig, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
let gateway: TestGateway;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
  gateway = startTestGateway(upstreamConfig(upstream.url, {
    server: { bodyLimitBytes: 4096 },
    limits: { maxMessages: 8, maxOutputTokens: 1000 },
    agents: { desk: { models: 'big-model', instructions: 'Help.' } },
    router: { classifier: false },
  }));
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
});

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

async function post(payload: string | object, headers: Record<string, string> = { 'content-type': 'application/json' }, path = '/v1/chat/completions') {
  const response = await gateway.inject({ method: 'POST', url: path, headers, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  return { status: response.statusCode, body: response.json<ErrorBody>(), headers: response.headers };
}

describe('bad input', () => {
  it('malformed JSON: 400 invalid_json saying where it broke', async () => {
    const { status, body } = await post('{"model": "small-model", "messages": [');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' });
    expect(body.error.message).toMatch(/not valid JSON/);
  });

  it('empty body and a body that is not an object', async () => {
    expect((await post('')).body.error.code).toBe('invalid_json');
    const array = await post('[1,2]');
    expect(array.status).toBe(400);
    expect(array.body.error.message).toContain('JSON object');
  });

  it('wrong content type: 415', async () => {
    const { status, body } = await post(JSON.stringify(chatBody()), { 'content-type': 'text/plain' });
    expect(status).toBe(415);
    expect(body.error.message).toContain('Content-Type: application/json');
  });

  it('unknown model: 404 model_not_found listing what exists', async () => {
    const { status, body } = await post(chatBody({ model: 'gpt-9' }));
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'model_not_found', param: 'model' });
    expect(body.error.message).toContain('small-model');
    expect(body.error.message).toContain('desk');
  });

  it('bad parameters name the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ model: undefined }, 'model'],
      [{ messages: [] }, 'messages'],
      [{ messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role'],
      [{ messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
      [{ messages: [{ role: 'tool', content: 'x' }] }, 'messages[0].tool_call_id'],
      [{ temperature: 3 }, 'temperature'],
      [{ max_tokens: 5000 }, 'max_tokens'],
      [{ max_tokens: 1.5 }, 'max_tokens'],
      [{ stream: 'yes' }, 'stream'],
      [{ tools: [{ type: 'function', function: { name: 'bad name!' } }] }, 'tools[0].function.name'],
      [{ messages: Array.from({ length: 9 }, () => ({ role: 'user', content: 'x' })) }, 'messages'],
      [{ user: 7 }, 'user'],
    ];
    for (const [override, param] of cases) {
      const { status, body } = await post({ ...chatBody(), ...override });
      expect(status, `${param}: ${body.error.message}`).toBe(400);
      expect(body.error.param).toBe(param);
      expect(body.error.message.startsWith(`${param}:`)).toBe(true);
    }
  });

  it('agent models refuse client tools and conversations that do not end with the user', async () => {
    const tools = await post({ model: 'desk', messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: { name: 'x' } }] });
    expect(tools.status).toBe(400);
    expect(tools.body.error.param).toBe('tools');
    const last = await post({ model: 'desk', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }] });
    expect(last.body.error.param).toBe('messages[1].role');
  });

  it('unknown routes and wrong methods: 404 and 405 with Allow', async () => {
    expect((await gateway.inject({ method: 'POST', url: '/v1/nothing-here', headers: { 'content-type': 'application/json' }, payload: '{}' })).statusCode).toBe(404);
    const wrongMethod = await gateway.inject({ method: 'DELETE', url: '/v1/chat/completions' });
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers.allow).toBe('POST');
    expect(wrongMethod.json<ErrorBody>().error.code).toBe('method_not_allowed');
  });

  it('bad agent-run and embeddings bodies name the field', async () => {
    expect((await post({ input: '' }, undefined, '/v1/agents/desk/runs')).body.error.param).toBe('input');
    expect((await post({ input: 'hi', extra: 1 }, undefined, '/v1/agents/desk/runs')).body.error.param).toBe('extra');
    expect((await post({ input: 'hi' }, undefined, '/v1/agents/nobody/runs')).status).toBe(404);
    expect((await post({ model: 'hotpath', input: [1, 2] }, undefined, '/v1/embeddings')).body.error.param).toBe('input');
  });

  it('oversized body over a real socket: 413 and the connection is closed, the rest is never read', async () => {
    const url = await gateway.listen();
    const big = JSON.stringify({ ...chatBody(), padding: 'x'.repeat(20_000) });
    const result = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
      const request = httpRequest(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (part: string) => (body += part));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }));
      });
      request.on('error', reject);
      request.end(big);
    });
    expect(result.status).toBe(413);
    expect(result.connection).toBe('close');
    expect((JSON.parse(result.body) as ErrorBody).error.message).toContain('4096 bytes');
    // Chunked bodies without a length are cut off at the limit too.
    const chunked = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Blob([big]).stream(), duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    // The gateway still serves.
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
