// The gateway's other endpoints: models, embeddings (configured provider), health, readiness driven
// by warm-up, Prometheus metrics, the dashboard's runs and live feed, and static files.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readServerSentEvents } from '../../src/util/index.js';
import { chatBody, startTestGateway, upstreamConfig, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;
let gateway: TestGateway;
const directory = mkdtempSync(join(tmpdir(), 'hotpath-dashboard-'));

beforeAll(async () => {
  writeFileSync(join(directory, 'index.html'), '<!doctype html><title>dashboard</title>');
  writeFileSync(join(directory, 'app.js'), 'console.log(1)');
  upstream = await startScriptedUpstream();
  gateway = startTestGateway(
    upstreamConfig(upstream.url, {
      embeddings: { provider: 'up', model: 'up-embed' },
      server: { dashboardIntervalMs: 50 },
      router: { classifier: false },
    }),
    { dashboardDirectory: directory },
  );
});
afterAll(async () => {
  await gateway.close();
  await upstream.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('endpoints', () => {
  it('GET /v1/models lists "auto" and every configured model in the OpenAI shape', async () => {
    const response = await gateway.inject({ method: 'GET', url: '/v1/models' });
    const body = response.json<{ object: string; data: Array<{ id: string; object: string; owned_by: string }> }>();
    expect(body.object).toBe('list');
    expect(body.data.map((model) => model.id)).toEqual(['auto', 'small-model', 'big-model']);
    expect(body.data[1]).toMatchObject({ object: 'model', owned_by: 'up', hotpath: { upstream: 'up-small', tier: 'fast' } });
  });

  it('POST /v1/embeddings answers from the configured provider, as floats or base64', async () => {
    const floats = await gateway.inject({ method: 'POST', url: '/v1/embeddings', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ model: 'up-embed', input: ['abc', 'hello'] }) });
    const body = floats.json<{ data: Array<{ index: number; embedding: number[] }>; model: string }>();
    expect(floats.statusCode).toBe(200);
    expect(body.data).toHaveLength(2);
    // Vectors come back L2-normalised: [3, 1, 0] / |[3, 1, 0]|.
    expect(body.data[0]!.embedding[0]).toBeCloseTo(3 / Math.sqrt(10), 5);
    const encoded = await gateway.inject({ method: 'POST', url: '/v1/embeddings', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ model: 'up-embed', input: 'abc', encoding_format: 'base64' }) });
    const base64 = encoded.json<{ data: Array<{ embedding: string }> }>().data[0]!.embedding;
    const vector = new Float32Array(new Uint8Array(Buffer.from(base64, 'base64')).buffer);
    expect(vector[0]).toBeCloseTo(3 / Math.sqrt(10), 5);
    const unknown = await gateway.inject({ method: 'POST', url: '/v1/embeddings', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ model: 'other', input: 'x' }) });
    expect(unknown.statusCode).toBe(404);
  });

  it('/readyz is 503 until warm-up has connected the pools and woken the models, then 200', async () => {
    const slow = await startScriptedUpstream();
    slow.reply = () => ({ kind: 'text', text: 'pong', delayMs: 150 });
    const cold = startTestGateway(upstreamConfig(slow.url, { router: { classifier: false } }));
    try {
      expect((await cold.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
      const warming = cold.gateway.warmUp();
      const during = await cold.inject({ method: 'GET', url: '/readyz' });
      expect(during.statusCode).toBe(503);
      expect(during.json<{ phase: string }>().phase).toBe('warming');
      await warming;
      const ready = await cold.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json<{ warmed: string[] }>().warmed).toEqual(expect.arrayContaining(['model small-model', 'model big-model', 'cache']));
      // Warm-up opened connections and sent a one-token request per model.
      expect(slow.requests.filter((request) => request.body.max_tokens === 1).map((request) => request.body.model).sort()).toEqual(['up-big', 'up-small']);
      expect((await cold.inject({ method: 'GET', url: '/metrics' })).body).toMatch(/hotpath_ready 1/);
    } finally {
      await cold.close();
      await slow.close();
    }
  });

  it('/readyz reports what failed to warm and turns ready once a retry succeeds', async () => {
    const flaky = await startScriptedUpstream();
    let failing = true;
    flaky.reply = () => (failing ? { kind: 'status', status: 503, message: 'cold' } : { kind: 'text', text: 'pong' });
    const cold = startTestGateway(upstreamConfig(flaky.url, { router: { classifier: false } }));
    try {
      const warming = cold.gateway.warmUp();
      await expect.poll(async () => (await cold.inject({ method: 'GET', url: '/readyz' })).json<{ phase: string }>().phase, { timeout: 5000 }).toBe('retrying');
      const failed = (await cold.inject({ method: 'GET', url: '/readyz' })).json<{ failed: Record<string, string> }>().failed;
      expect(Object.keys(failed)).toContain('model small-model');
      failing = false;
      await warming;
      expect((await cold.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await cold.close();
      await flaky.close();
    }
  });

  it('/metrics exposes latency, stage, model-call and error series in the Prometheus format', async () => {
    await gateway.inject({ method: 'POST', url: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(chatBody({ stream: true })) });
    await gateway.inject({ method: 'POST', url: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, payload: '{' });
    const response = await gateway.inject({ method: 'GET', url: '/metrics' });
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(/hotpath_request_duration_seconds_count\{kind="proxy",target="small-model",status="200"\} [1-9]/);
    expect(response.body).toMatch(/hotpath_time_to_first_token_seconds_count\{kind="proxy",target="small-model"\} [1-9]/);
    expect(response.body).toMatch(/hotpath_stage_duration_seconds_count\{stage="model"\} [1-9]/);
    expect(response.body).toMatch(/hotpath_model_calls_total\{tier="fast",model="small-model"\} [1-9]/);
    expect(response.body).toMatch(/hotpath_errors_total\{code="invalid_json"\} [1-9]/);
  });

  it('the dashboard lists recent runs with their spans, one by id, and streams snapshots and finished runs', async () => {
    const url = await gateway.listen();
    const reading = new AbortController();
    const feed = await fetch(`${url}/v1/dashboard/stream`, { signal: reading.signal });
    expect(feed.headers.get('content-type')).toContain('text/event-stream');
    const events = readServerSentEvents(feed.body! as unknown as AsyncIterable<Uint8Array>);
    const seen: Array<{ event: string; data: string }> = [];
    const next = async () => {
      const { value } = await events.next();
      seen.push({ event: value!.event ?? 'message', data: value!.data });
      return seen.at(-1)!;
    };
    expect((await next()).event).toBe('snapshot');
    expect((await next()).event).toBe('runs');
    const answered = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chatBody()) });
    const requestId = answered.headers.get('x-request-id')!;
    await answered.text();
    let run: { id: string; spans: unknown[] } | undefined;
    while (run === undefined) {
      const event = await next();
      if (event.event === 'run') run = JSON.parse(event.data) as { id: string; spans: unknown[] };
    }
    expect(run.id).toBe(requestId);
    expect(run.spans.length).toBeGreaterThan(0);
    const snapshot = seen.find((event) => event.event === 'snapshot')!;
    expect(JSON.parse(snapshot.data)).toMatchObject({ ready: expect.any(Boolean), inFlight: expect.any(Number), latencyMs: expect.any(Object) });
    reading.abort();
    await events.return(undefined).catch(() => {});

    const list = (await (await fetch(`${url}/v1/dashboard/runs?limit=5`)).json()) as { data: Array<{ id: string }> };
    expect(list.data[0]!.id).toBe(requestId);
    const one = await fetch(`${url}/v1/dashboard/runs/${requestId}`);
    expect(((await one.json()) as { target: string }).target).toBe('small-model');
    expect((await fetch(`${url}/v1/dashboard/runs/unknown`)).status).toBe(404);
  });

  it('serves the dashboard files at / and never outside their directory', async () => {
    const index = await gateway.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).toContain('<title>dashboard</title>');
    expect((await gateway.inject({ method: 'GET', url: '/app.js' })).headers['content-type']).toContain('javascript');
    expect((await gateway.inject({ method: 'GET', url: '/../../etc/passwd' })).statusCode).toBe(404);
    expect((await gateway.inject({ method: 'GET', url: '/%2e%2e/%2e%2e/etc/passwd' })).statusCode).toBe(404);
    expect((await gateway.inject({ method: 'GET', url: '/missing.css' })).statusCode).toBe(404);
  });
});

describe('embeddings without a configured provider', () => {
  it('answers from the embedded encoder (512 dimensions, unit length)', async () => {
    const local = startTestGateway({});
    try {
      const response = await local.inject({ method: 'POST', url: '/v1/embeddings', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ model: 'hotpath', input: ['reset my password', 'what is the status of INC-1001'] }) });
      expect(response.statusCode).toBe(200);
      const body = response.json<{ model: string; data: Array<{ embedding: number[] }> }>();
      expect(body.model).toBe('universal-sentence-encoder-lite');
      expect(body.data).toHaveLength(2);
      expect(body.data[0]!.embedding).toHaveLength(512);
      expect(Math.hypot(...body.data[0]!.embedding)).toBeCloseTo(1, 3);
    } finally {
      await local.close();
    }
  });
});
