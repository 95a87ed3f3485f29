// Retries before the stream starts (Retry-After honoured, never past the deadline), no retries once
// it started, time-to-headers timeouts, and aborts that really stop the request — for both adapters.

import { afterEach, describe, expect, it } from 'vitest';
import { getModelCallTimings } from '../../src/providers/index.js';
import type { ModelStreamPart } from '../../src/spec/index.js';
import { HotpathError } from '../../src/util/index.js';
import { createModel } from './support/create-model.js';
import { startScriptedProviderServer, type WireProtocol } from './support/scripted-provider-server.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(protocol: WireProtocol, tuning: Parameters<typeof createModel>[2] = {}) {
  const server = await startScriptedProviderServer(protocol);
  cleanups.push(() => server.close());
  const created = createModel(protocol, server.baseURL, tuning);
  cleanups.push(() => created.close());
  server.answer({ type: 'text', text: 'All good.' });
  return { server, ...created };
}

async function collect(stream: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const parts: ModelStreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

async function rejection(promise: Promise<unknown>): Promise<HotpathError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(HotpathError.isInstance(error)).toBe(true);
  return error as HotpathError;
}

const messages = [{ role: 'user' as const, content: 'Status of INC-1?' }];

/** The protocol's own way of asking for a wait: OpenAI sends milliseconds, Anthropic seconds. */
function retryAfter(protocol: WireProtocol): { headers: Record<string, string>; ms: number } {
  return protocol === 'openai' ? { headers: { 'retry-after-ms': '400' }, ms: 400 } : { headers: { 'retry-after': '1' }, ms: 1_000 };
}

describe.each<WireProtocol>(['openai', 'anthropic'])('%s adapter resilience', (protocol) => {
  it('waits as long as a 429 asks, then succeeds', async () => {
    const { server, model } = await setup(protocol);
    const wait = retryAfter(protocol);
    server.queue(server.errorReply(429, 'Rate limit reached', wait.headers));
    const started = Date.now();
    const stream = await model.stream({ messages });
    const parts = await collect(stream);
    expect(Date.now() - started).toBeGreaterThanOrEqual(wait.ms - 20);
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    expect(server.modelCalls).toBe(2);
    expect(getModelCallTimings(stream)?.attempts).toBe(2);
  });

  it('retries a 500 and succeeds', async () => {
    const { server, model } = await setup(protocol);
    server.queue(server.errorReply(500, 'The server had an error'));
    const result = await model.generate({ messages });
    expect(result.text).toBe('All good.');
    expect(server.modelCalls).toBe(2);
  });

  it('gives up after the configured retries with the last error', async () => {
    const { server, model } = await setup(protocol, { retries: 2 });
    server.queue(...[1, 2, 3].map(() => server.errorReply(503, 'unavailable')));
    const error = await rejection(model.stream({ messages }));
    expect(error).toMatchObject({ code: 'HOTPATH_PROVIDER_UNAVAILABLE', statusCode: 503 });
    expect(server.modelCalls).toBe(3);
  });

  it('does not retry a non-retryable error', async () => {
    const { server, model } = await setup(protocol);
    server.queue(server.errorReply(400, 'messages: field required'));
    const error = await rejection(model.stream({ messages }));
    expect(error.code).toBe('HOTPATH_PROVIDER_BAD_REQUEST');
    expect(error.message).toContain('messages: field required');
    expect(server.modelCalls).toBe(1);
  });

  it('throws at once when the wait would cross the deadline, so a router can fail over', async () => {
    const { server, model } = await setup(protocol);
    server.queue(server.errorReply(429, 'Rate limit reached', { 'retry-after': '5' }));
    const started = Date.now();
    const error = await rejection(model.stream({ messages, deadline: Date.now() + 1_000 }));
    expect(error.code).toBe('HOTPATH_PROVIDER_RATE_LIMITED');
    expect(error.retryAfterMs).toBe(5_000);
    expect(Date.now() - started).toBeLessThan(500);
    expect(server.modelCalls).toBe(1);
  });

  it('does not wait for a Retry-After longer than maxRetryAfterMs', async () => {
    const { server, model } = await setup(protocol, { maxRetryAfterMs: 2_000 });
    server.queue(server.errorReply(429, 'Rate limit reached', { 'retry-after': '30' }));
    const started = Date.now();
    expect((await rejection(model.generate({ messages }))).code).toBe('HOTPATH_PROVIDER_RATE_LIMITED');
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('fails with HOTPATH_TIMEOUT when a provider is slow to answer, without waiting for it', async () => {
    const { server, model } = await setup(protocol, { timeoutMs: 150, retries: 0 });
    server.queue({ headersDelayMs: 3_000, chunks: '' });
    const started = Date.now();
    const error = await rejection(model.stream({ messages }));
    expect(error).toMatchObject({ code: 'HOTPATH_TIMEOUT', isRetryable: true });
    expect(Date.now() - started).toBeLessThan(1_000);
    await server.server.waitForClosedConnections(1);
  });

  it('never retries once the stream started: a cut stream ends in an error part', async () => {
    const { server, model } = await setup(protocol);
    const cut =
      protocol === 'openai'
        ? 'data: {"choices":[{"index":0,"delta":{"content":"Partial"},"finish_reason":null}]}\n\n'
        : 'event: message_start\ndata: {"type":"message_start","message":{"id":"m","usage":{"input_tokens":3,"output_tokens":1}}}\n\n';
    server.queue({ chunks: cut });
    const parts = await collect(await model.stream({ messages }));
    expect(parts.map((part) => part.type)).toContain('error');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'error' });
    expect(server.modelCalls).toBe(1);
  });

  it('abort mid-stream stops the request: the server sees the connection close and nothing keeps running', async () => {
    const { server, model, counters } = await setup(protocol);
    server.answer({ type: 'text', text: 'A long answer that streams slowly, piece by piece, for a while.' });
    server.setEventPauseMs(60);
    const controller = new AbortController();
    const parts: ModelStreamPart[] = [];
    for await (const part of await model.stream({ messages, signal: controller.signal })) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }
    const error = parts.find((part) => part.type === 'error');
    expect((error?.error as HotpathError).code).toBe('HOTPATH_ABORTED');
    expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'error' });
    await server.server.waitForClosedConnections(1);
    const written = server.server.eventsWrittenAt[0]!.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.server.eventsWrittenAt[0]!.length).toBe(written);
    expect(counters().running).toBe(0);
  });

  it('abort during a retry wait rejects at once', async () => {
    const { server, model } = await setup(protocol);
    server.queue(server.errorReply(429, 'Rate limit reached', { 'retry-after': '3' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = await rejection(model.stream({ messages, signal: controller.signal }));
    expect(error.code).toBe('HOTPATH_ABORTED');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(server.modelCalls).toBe(1);
  });

  it('a deadline that passes mid-stream ends the stream with HOTPATH_DEADLINE_EXCEEDED', async () => {
    const { server, model } = await setup(protocol);
    server.answer({ type: 'text', text: 'A long answer that streams slowly, piece by piece, for a while.' });
    server.setEventPauseMs(80);
    const parts = await collect(await model.stream({ messages, deadline: Date.now() + 300 }));
    expect((parts.find((part) => part.type === 'error')?.error as HotpathError).code).toBe('HOTPATH_DEADLINE_EXCEEDED');
    await server.server.waitForClosedConnections(1);
  });

  it('breaking out early closes the unfinished response', async () => {
    const { server, model, counters } = await setup(protocol);
    server.answer({ type: 'text', text: 'A long answer that streams slowly, piece by piece, for a while.' });
    server.setEventPauseMs(60);
    for await (const part of await model.stream({ messages })) {
      if (part.type === 'text-delta') break;
    }
    await server.server.waitForClosedConnections(1);
    expect(counters().running).toBe(0);
  });
});
