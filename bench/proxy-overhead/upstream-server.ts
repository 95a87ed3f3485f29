// An OpenAI-compatible upstream that answers at once, so everything a proxy in front of it adds is
// the proxy's own cost. Streams are written in one go (first chunk to [DONE]); time to first byte
// through a proxy minus time to first byte direct is what the proxy adds before the first token.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const completionBody = JSON.stringify({
  id: 'chatcmpl-upstream',
  object: 'chat.completion',
  created: 1_800_000_000,
  model: 'upstream-model',
  choices: [{ index: 0, message: { role: 'assistant', content: 'INC-4821 is In Progress, assigned to Dana Smith.' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 42, completion_tokens: 12, total_tokens: 54 },
});

function chunk(delta: Record<string, unknown>, finishReason: string | null): string {
  const body = { id: 'chatcmpl-upstream', object: 'chat.completion.chunk', created: 1_800_000_000, model: 'upstream-model', choices: [{ index: 0, delta, finish_reason: finishReason }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

const streamBody = [
  chunk({ role: 'assistant', content: '' }, null),
  ...['INC-4821 ', 'is In ', 'Progress, ', 'assigned to ', 'Dana Smith.'].map((text) => chunk({ content: text }, null)),
  chunk({}, 'stop'),
  'data: [DONE]\n\n',
].join('');

const modelsBody = JSON.stringify({ object: 'list', data: [{ id: 'upstream-model', object: 'model', created: 1_800_000_000, owned_by: 'upstream' }] });

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  if (request.method === 'GET') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(modelsBody) });
    response.end(modelsBody);
    return;
  }
  // A cheap look at the body instead of JSON.parse: the upstream's own cost should be near zero.
  if (body.includes('"stream":true')) {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.end(streamBody);
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completionBody) });
  response.end(completionBody);
}

/** Starts the upstream on 127.0.0.1 (port 0 picks a free one). */
export function startUpstreamServer(options: { port?: number; host?: string } = {}): Promise<RunningServer> {
  const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (part: string) => (body += part));
    request.on('end', () => answer(request, response, body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
