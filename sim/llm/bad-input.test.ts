import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScriptedBrain } from './test-support/scripted-brain.js';
import { startTestLlmServer, type TestLlmServer } from './test-support/start-test-llm-server.js';

let sim: TestLlmServer;

beforeAll(async () => {
  sim = await startTestLlmServer({ brain: createScriptedBrain({ type: 'text', text: 'fine' }) });
});

afterAll(async () => {
  await sim.close();
});

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const response = await request(`${sim.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
}

const openAiCases: Array<[string, string, string | null]> = [
  ['malformed JSON', '{"model": "sim-fast", "messages": [', null],
  ['a body that is not an object', '[1, 2]', null],
  ['missing messages', '{"model": "sim-fast"}', 'messages'],
  ['messages of the wrong type', '{"model": "sim-fast", "messages": "hi"}', 'messages'],
  ['an unknown role', '{"model": "sim-fast", "messages": [{"role": "robot", "content": "hi"}]}', 'messages[0].role'],
  ['content of the wrong type', '{"model": "sim-fast", "messages": [{"role": "user", "content": 7}]}', 'messages[0].content'],
  ['a tool message without its call id', '{"model": "sim-fast", "messages": [{"role": "tool", "content": "x"}]}', 'messages[0].tool_call_id'],
  ['n above 1', '{"model": "sim-fast", "n": 2, "messages": [{"role": "user", "content": "hi"}]}', 'n'],
  ['a model of the wrong type', '{"model": 5, "messages": [{"role": "user", "content": "hi"}]}', 'model'],
];

describe('bad input', () => {
  it.each(openAiCases)('OpenAI: %s → 400 in the OpenAI error shape naming the field', async (_label, body, param) => {
    const response = await post('/v1/chat/completions', body);
    expect(response.status).toBe(400);
    const error = response.body.error as Record<string, unknown>;
    expect(error).toMatchObject({ type: 'invalid_request_error', param, code: null });
    expect(typeof error.message).toBe('string');
    if (param) expect(error.message).toContain(`'${param}'`);
  });

  it.each([
    ['malformed JSON', '{"model": ', 'JSON'],
    ['missing max_tokens', '{"model": "sim-fast", "messages": [{"role": "user", "content": "hi"}]}', 'max_tokens'],
    ['an unknown block type', '{"model": "sim-fast", "max_tokens": 5, "messages": [{"role": "user", "content": [{"type": "video"}]}]}', 'messages[0].content[0].type'],
    ['a tool_result without its id', '{"model": "sim-fast", "max_tokens": 5, "messages": [{"role": "user", "content": [{"type": "tool_result", "content": "x"}]}]}', 'messages[0].content[0].tool_use_id'],
  ])('Anthropic: %s → 400 in the Anthropic error shape naming the field', async (_label, body, named) => {
    const response = await post('/v1/messages', body, { 'anthropic-version': '2023-06-01' });
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('error');
    expect(response.body.error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining(named) });
  });

  it('answers 404 for an unknown model and an unknown path in each protocol\'s shape', async () => {
    const model = await post('/v1/chat/completions', '{"model": "nope", "messages": [{"role": "user", "content": "hi"}]}');
    expect(model.status).toBe(404);
    expect(model.body.error).toMatchObject({ code: 'model_not_found', type: 'invalid_request_error' });

    const anthropicModel = await post('/v1/messages', '{"model": "nope", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}');
    expect(anthropicModel.status).toBe(404);
    expect(anthropicModel.body).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });

    const path = await post('/v1/completions', '{}');
    expect(path.status).toBe(404);
    expect(path.body.error).toMatchObject({ type: 'invalid_request_error', message: 'Invalid URL (POST /v1/completions)' });

    const anthropicPath = await post('/v1/complete', '{}', { 'anthropic-version': '2023-06-01' });
    expect(anthropicPath.status).toBe(404);
    expect(anthropicPath.body).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
  });

  it('keeps serving after bad requests, and records each of them', async () => {
    const before = sim.calls.size;
    await post('/v1/chat/completions', 'not json at all');
    await post('/v1/messages', '{"max_tokens": "many"}');
    const health = await request(`${sim.url}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok', provider: 'primary' });
    const ok = await post('/v1/chat/completions', '{"model": "sim-fast", "messages": [{"role": "user", "content": "hi"}]}');
    expect(ok.status).toBe(200);
    const statuses = sim.calls.list().slice(before).map((record) => record.status);
    expect(statuses).toEqual([400, 400, 200]);
  });
});
