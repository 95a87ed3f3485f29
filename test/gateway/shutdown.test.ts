// Graceful shutdown over real sockets: once close() starts, new connections are refused and the
// gateway is no longer ready, while a stream already in flight runs to its end; a stream that outlasts
// the grace period is cut so the process can exit.

import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatBody, sseData, startTestGateway, upstreamConfig } from './support/gateway-harness.js';
import { startScriptedUpstream, type ScriptedUpstream } from './support/scripted-upstream.js';

let upstream: ScriptedUpstream;

beforeAll(async () => {
  upstream = await startScriptedUpstream();
});
afterAll(async () => {
  await upstream.close();
});

/** Resolves true when a TCP connection to the URL's port is refused. */
function refused(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function startStream(url: string) {
  const response = await fetch(`${url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(chatBody({ stream: true })) });
  const reader = response.body!.getReader();
  const first = await reader.read();
  const rest = (async () => {
    let text = new TextDecoder().decode(first.value);
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return text;
      text += new TextDecoder().decode(value);
    }
  })();
  return { status: response.status, rest };
}

describe('graceful shutdown', () => {
  it('refuses new connections while a running stream completes, then closes', async () => {
    upstream.reply = () => ({ kind: 'text', text: 'the whole answer arrives', pauseAfterFirstChunkMs: 600 });
    const test = startTestGateway(upstreamConfig(upstream.url, { router: { classifier: false } }));
    const url = await test.listen();
    await test.gateway.warmUp();
    const stream = await startStream(url);
    expect(stream.status).toBe(200);
    const closing = test.gateway.close({ graceMs: 5000 });
    expect(await refused(url)).toBe(true);
    expect(test.gateway.services.readiness.ready).toBe(false);
    const text = await stream.rest;
    const events = sseData(text);
    expect(events.at(-1)).toBe('[DONE]');
    expect(JSON.stringify(events)).toContain('answer');
    await closing;
  });

  it('cuts a stream that outlasts the grace period, so shutdown never hangs', async () => {
    upstream.reply = () => ({ kind: 'text', text: 'too slow', pauseAfterFirstChunkMs: 10_000 });
    const test = startTestGateway(upstreamConfig(upstream.url, { router: { classifier: false } }));
    const url = await test.listen();
    const stream = await startStream(url);
    const started = performance.now();
    await test.gateway.close({ graceMs: 200 });
    expect(performance.now() - started).toBeLessThan(3000);
    const text = await stream.rest;
    expect(text).not.toContain('too slow');
  });
});
