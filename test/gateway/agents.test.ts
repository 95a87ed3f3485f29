// Agents behind the gateway, over the simulator's service desk: "hotpath" as a chat model (progress in
// the extension field, never in content), the typed-event endpoint, the tool-result cache seen in
// metrics, and an agent whose model breaks mid-answer.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../bin/embedded-default.js';
import { createRandom, type DomainRequest } from '../../sim/index.js';
import { sseData, startTestGateway, upstreamConfig, type TestGateway } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let embedded: EmbeddedDefault;
let gateway: TestGateway;
let url: string;
let statusRequest: DomainRequest;

beforeAll(async () => {
  embedded = await startEmbeddedDefault({ timeScale: 0.02, mutationRate: 0 });
  gateway = startTestGateway({
    ...embedded.config,
    router: { classifier: false },
    auth: { keys: [{ key: 'acme-key-123456', tenant: 'acme' }, { key: 'globex-key-123456', tenant: 'globex' }] },
  });
  url = await gateway.listen();
  await gateway.gateway.warmUp();
  statusRequest = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-agents'), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
});
afterAll(async () => {
  await gateway.close();
  await embedded.close();
});

const ask = (body: Record<string, unknown>) => fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('agents through the gateway', () => {
  it('model "hotpath" runs the default agent with its server-side tools', async () => {
    const response = await ask({ model: 'hotpath', user: statusRequest.userId, messages: [{ role: 'user', content: statusRequest.text }] });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { model: string; choices: Array<{ message: { content: string }; finish_reason: string }>; hotpath: { runId: string; toolCalls: Array<{ name: string }> } };
    expect(body.model).toBe('hotpath');
    expect(body.choices[0]!.finish_reason).toBe('stop');
    const ticket = statusRequest.truth.entities.find((entity) => entity.startsWith('ticket:'))!.slice('ticket:'.length);
    expect(body.choices[0]!.message.content).toContain(ticket);
    expect(body.hotpath.toolCalls.map((call) => call.name)).toContain('get_ticket_status');
    const run = (await (await fetch(`${url}/v1/dashboard/runs/${body.hotpath.runId}`)).json()) as { kind: string; spans: Array<{ stage: string }> };
    expect(run.kind).toBe('agent');
    expect(run.spans.map((span) => span.stage)).toEqual(expect.arrayContaining(['model', 'tool']));
  });

  it('streams the answer as chunks; progress only in the hotpath extension; usage and [DONE] at the end', async () => {
    const other = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-agents-stream'), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    const response = await ask({ model: 'service-desk', stream: true, stream_options: { include_usage: true }, user: other.userId, messages: [{ role: 'user', content: other.text }] });
    const events = sseData(await response.text());
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.filter((event): event is Record<string, unknown> => event !== '[DONE]');
    const deltas = chunks.map((chunk) => (chunk.choices as Array<{ delta: { content?: string } }>)[0]?.delta ?? {});
    const content = deltas.map((delta) => delta.content ?? '').join('');
    const progress = chunks.map((chunk) => chunk.hotpath as { type?: string; message?: string } | undefined).filter((extension) => extension?.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    for (const extension of progress) expect(content).not.toContain(extension!.message!);
    expect(content.length).toBeGreaterThan(10);
    expect((chunks.at(-1)!.usage as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
    expect((chunks.at(-2)!.choices as Array<{ finish_reason: string }>)[0]!.finish_reason).toBe('stop');
  });

  it('POST /v1/agents/{name}/runs streams typed events and, without stream, returns the RunResult', async () => {
    const question = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-agents-runs'), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    const response = await fetch(`${url}/v1/agents/hotpath/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: question.text, user: question.userId, stream: true }) });
    const text = await response.text();
    const names = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(names[0]).toBe('run-start');
    expect(names).toEqual(expect.arrayContaining(['model-call-start', 'tool-call-end', 'text-delta']));
    expect(names.at(-1)).toBe('run-finish');
    const finish = JSON.parse(text.trim().split('\n').at(-1)!.slice('data: '.length)) as { result: { timings: { spans: unknown[]; totalMs: number } } };
    expect(finish.result.timings.spans.length).toBeGreaterThan(0);

    // The same question again, as JSON: the response cache answers it.
    const json = await fetch(`${url}/v1/agents/service-desk/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: question.text, user: question.userId }) });
    const result = (await json.json()) as { runId: string; text: string; cache?: { layer: string }; modelCalls: unknown[] };
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.cache?.layer).toBe('exact');
    expect(result.modelCalls).toEqual([]);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/hotpath_cache_hits_total\{layer="exact"\} [1-9]/);
  });

  it('a read-only tool result is reused by another question of the same user (tool-result cache)', async () => {
    const manager = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-agents-manager'), kind: 'my-manager', entitySkew: 1, userSkew: 1 });
    // The status question looked this user up already.
    const response = await fetch(`${url}/v1/agents/service-desk/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ input: manager.text, user: statusRequest.userId }) });
    const result = (await response.json()) as { toolCalls: Array<{ toolName: string; source?: string }> };
    expect(result.toolCalls).toEqual(expect.arrayContaining([expect.objectContaining({ toolName: 'lookup_user', source: 'cache' })]));
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/hotpath_cache_hits_total\{layer="tool"\} [1-9]/);
  });
});

describe('tenants and agents', () => {
  it('one tenant never gets the answer another tenant cached, even for the same user id and question', async () => {
    const question = embedded.simulator.domain.generateRequest({ random: createRandom('gateway-agents-tenants'), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
    const run = async (key: string) => {
      const response = await fetch(`${url}/v1/agents/service-desk/runs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ input: question.text, user: question.userId }) });
      return (await response.json()) as { cache?: { layer: string }; toolCalls: Array<{ source?: string }> };
    };
    expect((await run('acme-key-123456')).cache).toBeUndefined();
    expect((await run('acme-key-123456')).cache?.layer).toBe('exact');
    const other = await run('globex-key-123456');
    expect(other.cache).toBeUndefined();
    expect(other.toolCalls.every((call) => call.source !== 'cache')).toBe(true);
  });
});

describe('an agent whose model fails mid-answer', () => {
  let upstream: ScriptedUpstream;
  let broken: TestGateway;
  beforeAll(async () => {
    upstream = await startScriptedUpstream();
    upstream.reply = () => ({ kind: 'break-after-first-chunk' });
    broken = startTestGateway(upstreamConfig(upstream.url, { agents: { echo: { models: 'small-model', instructions: 'Answer.' } }, router: { classifier: false } }));
  });
  afterAll(async () => {
    await broken.close();
    await upstream.close();
  });

  it('ends the stream with an error event and [DONE] after the text it had', async () => {
    const brokenUrl = await broken.listen();
    const response = await fetch(`${brokenUrl}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'echo', stream: true, messages: [{ role: 'user', content: 'hi' }] }) });
    expect(response.status).toBe(200);
    const events = sseData(await response.text());
    expect(JSON.stringify(events)).toContain('Half an ans');
    expect(events.at(-2)).toMatchObject({ error: { message: expect.any(String) } });
    expect(events.at(-1)).toBe('[DONE]');
    const runs = (await (await fetch(`${brokenUrl}/v1/dashboard/runs`)).json()) as { data: Array<{ error?: { code: string } }> };
    expect(runs.data[0]!.error?.code).toBeDefined();
  });

  it('without streaming, answers an OpenAI-shaped 5xx', async () => {
    const response = await broken.inject({ method: 'POST', url: '/v1/chat/completions', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ model: 'echo', messages: [{ role: 'user', content: 'hi' }] }) });
    expect(response.statusCode).toBeGreaterThanOrEqual(500);
    expect(response.json<{ error: { message: string } }>().error.message.length).toBeGreaterThan(0);
  });
});
