import OpenAI from 'openai';
import { Pool, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallRecord } from '../calls/index.js';
import { sampleModelCall } from './sample-model-call.js';
import { createRecordingClock } from './test-support/recording-clock.js';
import { countTokens } from './tokenizer.js';
import { createScriptedBrain } from './test-support/scripted-brain.js';
import { startTestLlmServer, testModel, type TestLlmServer } from './test-support/start-test-llm-server.js';

let sim: TestLlmServer | undefined;
const pools: Pool[] = [];

afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
  await sim?.close();
  sim = undefined;
});

const answer = 'One two three four five six seven eight nine ten eleven twelve.';
const chatBody = (content: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model: 'sim-fast', messages: [{ role: 'user', content }], ...extra });

async function postChat(pool: Pool | string, body: string, headers: Record<string, string> = {}): Promise<number> {
  const options = { method: 'POST' as const, body, headers: { 'content-type': 'application/json', ...headers } };
  const response = typeof pool === 'string'
    ? await request(`${pool}/v1/chat/completions`, options)
    : await pool.request({ ...options, path: '/v1/chat/completions' });
  await response.body.text();
  return response.statusCode;
}

const lastRecord = (): CallRecord => {
  const record = sim?.calls.list().at(-1);
  if (!record) throw new Error('no call recorded');
  return record;
};

describe('timing', () => {
  it('gives the same key the same TTFT and duration across namespaces and body formats; another key differs', async () => {
    const clock = createRecordingClock(0.05);
    sim = await startTestLlmServer({
      brain: createScriptedBrain({ type: 'text', text: answer }),
      clock,
      config: { timeScale: 0.05, models: { 'sim-fast': testModel({ ttftMs: { p50: 1000, p95: 3000 }, msPerOutputToken: { p50: 20, p95: 60 } }) }, providers: [{ name: 'primary', models: ['sim-fast'] }] },
    });
    const sample = (key: string) => sampleModelCall(sim!.config, { key, model: 'sim-fast', turn: 0, inputTokens: 0, outputTokens: countTokens(answer) });
    const key = 'request-7';
    // Another key whose first token comes at least twice as early or late.
    const ratio = (candidate: string) => sample(candidate).firstTokenMs / sample(key).firstTokenMs;
    const other = Array.from({ length: 500 }, (_, index) => `request-${index + 8}`).find((candidate) => ratio(candidate) >= 2 || ratio(candidate) <= 0.5);
    if (!other) throw new Error('no contrasting key');

    const measure = async (requestId: string, body: string) => {
      const sleepsBefore = clock.sleeps.length;
      await postChat(sim!.url, body, { 'x-request-id': requestId });
      const record = lastRecord();
      return { firstToken: record.firstByteAt! - record.startedAt, total: record.endedAt - record.startedAt, record, sleeps: clock.sleeps.slice(sleepsBefore) };
    };
    const first = await measure(`${key}#agent-a`, chatBody('Same question', { stream: true }));
    const second = await measure(`${key}#agent-b`, `{ "stream" : true,\n  "messages": [ { "content": [{"type": "text", "text": "Same question"}], "role": "user" } ],\n "model": "sim-fast", "temperature": 0.2 }`);
    const third = await measure(`${other}#agent-a`, chatBody('Same question', { stream: true }));

    expect(first.record.namespace).toBe('agent-a');
    expect(second.record.namespace).toBe('agent-b');
    // The schedule is identical for the same key, and is the one sampleModelCall predicts.
    expect(second.sleeps).toEqual(first.sleeps);
    expect(first.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeCloseTo(sample(key).firstTokenMs + first.record.connectionPenaltyMs + first.record.coldStartMs, 6);
    expect(third.sleeps).not.toEqual(first.sleeps);
    expect(first.record.outputTokens).toBe(countTokens(answer));
    // Wall clock: delays are never early; late only by scheduling noise (generous on a shared machine).
    const expected = sample(key);
    for (const measured of [first, second]) {
      expect(measured.firstToken).toBeGreaterThanOrEqual(expected.firstTokenMs * 0.05 - 2);
      expect(measured.firstToken).toBeLessThanOrEqual(expected.firstTokenMs * 0.05 + 60);
      expect(measured.total).toBeGreaterThanOrEqual(expected.totalMs * 0.05 - 2);
    }
    expect(third.firstToken).toBeGreaterThanOrEqual(sample(other).firstTokenMs * 0.05 - 2);
  });

  it('derives the key from the first user message when there is no x-request-id', async () => {
    sim = await startTestLlmServer({ brain: createScriptedBrain({ type: 'text', text: 'ok' }) });
    await postChat(sim.url, chatBody('Where is my laptop?'));
    await postChat(sim.url, chatBody([{ type: 'text', text: 'Where is my laptop?' }], { stream: true }));
    await postChat(sim.url, chatBody('Something else'));
    const [a, b, c] = sim.calls.list();
    expect(a?.key).toMatch(/^conv-/);
    expect(a?.key).toBe(b?.key);
    expect(c?.key).not.toBe(a?.key);
    expect(a?.namespace).toBe('default');
  });

  it('charges connection setup to the first request on a new connection only', async () => {
    sim = await startTestLlmServer({
      brain: createScriptedBrain({ type: 'text', text: 'ok' }),
      config: { timeScale: 0.1, connectionSetupMs: { p50: 2000, p95: 2000 } },
    });
    const pool = new Pool(sim.url, { connections: 1, keepAliveTimeout: 10_000 });
    pools.push(pool);
    const timed = async (send: () => Promise<number>) => {
      const started = performance.now();
      expect(await send()).toBe(200);
      return performance.now() - started;
    };
    const body = chatBody('hello');
    const fresh = await timed(() => postChat(pool, body));
    expect(lastRecord().connectionPenaltyMs).toBeCloseTo(2000, 3);
    const reused = await timed(() => postChat(pool, body));
    expect(lastRecord().connectionPenaltyMs).toBe(0);
    expect(fresh).toBeGreaterThanOrEqual(200);
    expect(reused).toBeLessThan(150);

    const closing = await timed(() => postChat(pool, body, { connection: 'close' }));
    expect(lastRecord().connectionPenaltyMs).toBe(0);
    const afterClose = await timed(() => postChat(pool, body, { connection: 'close' }));
    expect(lastRecord().connectionPenaltyMs).toBeCloseTo(2000, 3);
    expect(closing).toBeLessThan(150);
    expect(afterClose).toBeGreaterThanOrEqual(200);
  });

  it('charges a cold start to the first call of a model, not the next, and again after the idle window', async () => {
    sim = await startTestLlmServer({
      brain: createScriptedBrain({ type: 'text', text: 'ok' }),
      config: {
        timeScale: 0.05,
        models: {
          'sim-fast': testModel({ coldStart: { afterIdleMs: 6000, penaltyMs: { p50: 8000, p95: 8000 } } }),
          'sim-powerful': testModel({ tier: 'powerful', coldStart: { afterIdleMs: 6000, penaltyMs: { p50: 8000, p95: 8000 } } }),
        },
      },
    });
    const pool = new Pool(sim.url, { connections: 4 });
    pools.push(pool);
    let calls = 0;
    const call = async (namespace: string, model = 'sim-fast') => {
      const requestId = `k${calls++}#${namespace}`;
      const started = performance.now();
      await postChat(pool, JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }), { 'x-request-id': requestId });
      const record = sim!.calls.list({ requestId })[0];
      return { wallMs: performance.now() - started, coldStartMs: record?.coldStartMs };
    };
    const cold = await call('a');
    expect(cold.coldStartMs).toBeCloseTo(8000, 3);
    expect(cold.wallMs).toBeGreaterThanOrEqual(395);
    const warm = await call('a');
    expect(warm.coldStartMs).toBe(0);
    expect(warm.wallMs).toBeLessThan(300);
    expect((await call('b')).coldStartMs).toBeCloseTo(8000, 3);
    expect((await call('a', 'sim-powerful')).coldStartMs).toBeCloseTo(8000, 3);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await call('a')).coldStartMs).toBeCloseTo(8000, 3);

    // A call arriving while the model loads waits for the rest of the load, not a whole new one.
    const [loading, waiting] = await Promise.all([call('c'), new Promise((resolve) => setTimeout(resolve, 60)).then(() => call('c'))]);
    expect(loading.coldStartMs).toBeCloseTo(8000, 3);
    expect(waiting.coldStartMs).toBeGreaterThan(500);
    expect(waiting.coldStartMs).toBeLessThan(7700);
  });

  it('scales delays: a 2,000 ms TTFT takes about 20 ms at time scale 0.01', async () => {
    sim = await startTestLlmServer({
      brain: createScriptedBrain({ type: 'text', text: 'ok' }),
      config: { timeScale: 0.01, models: { 'sim-fast': testModel({ ttftMs: { p50: 2000, p95: 2000 } }) }, providers: [{ name: 'primary', models: ['sim-fast'] }] },
    });
    const client = new OpenAI({ baseURL: `${sim.url}/v1`, apiKey: 'unused', maxRetries: 0 });
    await client.chat.completions.create({ model: 'sim-fast', messages: [{ role: 'user', content: 'warm up' }] });
    const elapsed: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const started = performance.now();
      const completion = await client.chat.completions.create({ model: 'sim-fast', messages: [{ role: 'user', content: 'hi' }] });
      elapsed.push(performance.now() - started);
      expect(completion.choices[0]?.message.content).toBe('ok');
      const record = lastRecord();
      expect(record.endedAt - record.startedAt).toBeGreaterThanOrEqual(19);
    }
    // Never early; the fastest of five shows the scheduled time without the machine's noise.
    expect(Math.min(...elapsed)).toBeGreaterThanOrEqual(19);
    expect(Math.min(...elapsed)).toBeLessThan(50);
  });

  it('stops a stream at once when the client disconnects and records it as aborted', async () => {
    const longAnswer = Array.from({ length: 2000 }, (_, index) => `w${index}`).join(' ');
    sim = await startTestLlmServer({
      brain: createScriptedBrain({ type: 'text', text: longAnswer }),
      config: { timeScale: 0.05, models: { 'sim-fast': testModel({ msPerOutputToken: { p50: 10, p95: 10 } }) }, providers: [{ name: 'primary', models: ['sim-fast'] }] },
    });
    const recorded = new Promise<CallRecord>((resolve) => sim!.calls.subscribe(resolve));
    const controller = new AbortController();
    const response = await request(`${sim.url}/v1/chat/completions`, {
      method: 'POST',
      body: chatBody('talk', { stream: true }),
      headers: { 'content-type': 'application/json' },
      signal: controller.signal,
    });
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const abortedAt = Date.now();
    controller.abort();
    const record = await recorded;
    expect(record.aborted).toBe(true);
    expect(record.status).toBe(200);
    expect(record.endedAt - abortedAt).toBeLessThan(250);
    expect(record.outputTokens).toBeGreaterThan(0);
    expect(record.outputTokens).toBeLessThan(2000);
  });
});
