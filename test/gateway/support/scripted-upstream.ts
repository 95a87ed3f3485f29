// An OpenAI-compatible upstream whose every answer the test decides: JSON or SSE, delays, failures,
// tool calls, a stream that breaks halfway. It records each request (body, headers) so tests can
// check what the gateway forwarded.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UpstreamRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  raw: string;
}

export type UpstreamReply =
  | { kind: 'text'; text: string; delayMs?: number; firstChunkDelayMs?: number; pauseAfterFirstChunkMs?: number }
  | { kind: 'tool-call'; name: string; arguments: string; id?: string; delayMs?: number }
  | { kind: 'status'; status: number; message?: string; retryAfterSeconds?: number; delayMs?: number }
  | { kind: 'break-after-first-chunk' }
  | { kind: 'hang' };

export interface ScriptedUpstream {
  url: string;
  requests: UpstreamRequest[];
  /** Decides the reply to each chat completion (default: text "Hello from <model>"). */
  reply: (request: UpstreamRequest) => UpstreamReply;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null): string {
  return `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1_800_000_000, model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`;
}

async function answer(upstream: ScriptedUpstream, request: UpstreamRequest, response: ServerResponse): Promise<void> {
  if (request.path.endsWith('/models')) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ object: 'list', data: [] }));
    return;
  }
  if (request.path.endsWith('/embeddings')) {
    const input = request.body.input as string | string[];
    const texts = typeof input === 'string' ? [input] : input;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ object: 'list', model: request.body.model, data: texts.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 1, 0] })), usage: { prompt_tokens: 1, total_tokens: 1 } }));
    return;
  }
  const reply = upstream.reply(request);
  const model = String(request.body.model);
  const stream = request.body.stream === true;
  if (reply.kind === 'hang') return;
  if ('delayMs' in reply && reply.delayMs) await sleep(reply.delayMs);
  if (response.destroyed) return;
  if (reply.kind === 'status') {
    response.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.retryAfterSeconds === undefined ? {} : { 'retry-after': String(reply.retryAfterSeconds) }) });
    response.end(JSON.stringify({ error: { message: reply.message ?? `failure ${reply.status}`, type: 'server_error' } }));
    return;
  }
  if (reply.kind === 'break-after-first-chunk') {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(chunk(model, { role: 'assistant', content: 'Half an ans' }, null));
    await sleep(20);
    response.destroy();
    return;
  }
  const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
  if (reply.kind === 'tool-call') {
    const id = reply.id ?? 'call_1';
    if (!stream) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion', created: 1_800_000_000, model, choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: reply.name, arguments: reply.arguments } }] }, finish_reason: 'tool_calls' }], usage }));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(chunk(model, { role: 'assistant', content: null, tool_calls: [{ index: 0, id, type: 'function', function: { name: reply.name, arguments: '' } }] }, null));
    const half = Math.floor(reply.arguments.length / 2);
    response.write(chunk(model, { tool_calls: [{ index: 0, function: { arguments: reply.arguments.slice(0, half) } }] }, null));
    response.write(chunk(model, { tool_calls: [{ index: 0, function: { arguments: reply.arguments.slice(half) } }] }, null));
    response.end(chunk(model, {}, 'tool_calls') + 'data: [DONE]\n\n');
    return;
  }
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion', created: 1_800_000_000, model, choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: 'stop' }], usage }));
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  if (reply.firstChunkDelayMs) await sleep(reply.firstChunkDelayMs);
  response.write(chunk(model, { role: 'assistant', content: '' }, null));
  if (reply.pauseAfterFirstChunkMs) await sleep(reply.pauseAfterFirstChunkMs);
  if (response.destroyed) return;
  for (const word of reply.text.split(/(?<= )/)) response.write(chunk(model, { content: word }, null));
  const includeUsage = (request.body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const usageChunk = includeUsage ? `data: ${JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1_800_000_000, model, choices: [], usage })}\n\n` : '';
  response.end(chunk(model, {}, 'stop') + usageChunk + 'data: [DONE]\n\n');
}

export function startScriptedUpstream(): Promise<ScriptedUpstream> {
  const upstream: ScriptedUpstream = {
    url: '',
    requests: [],
    reply: (request) => ({ kind: 'text', text: `Hello from ${String(request.body.model)}` }),
    close: async () => {},
  };
  const server = createServer((request, response) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (raw += part));
    request.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = raw === '' ? {} : (JSON.parse(raw) as Record<string, unknown>);
      } catch {
        body = {};
      }
      const recorded = { path: request.url ?? '/', headers: request.headers, body, raw };
      if (request.method === 'POST') upstream.requests.push(recorded);
      answer(upstream, recorded, response).catch(() => response.destroy());
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      upstream.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      upstream.close = () => new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      resolve(upstream);
    });
  });
}
