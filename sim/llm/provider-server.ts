// One provider deployment: its own HTTP server (its own origin and connection pool on the client
// side) speaking both wire protocols for the models it serves.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderConfig } from '../config/index.js';
import { parseRequestIdentity, requestIdHeader, trackConnections, type ConnectionTracker } from '../http/index.js';
import type { SimulatorProviderEndpoint } from '../simulator.js';
import { anthropicProtocol } from './anthropic/anthropic-protocol.js';
import { connectionPenaltyMs } from './connection-penalty.js';
import { serveLlmCall } from './llm-call.js';
import type { LlmProtocol } from './llm-protocol.js';
import type { LlmServerState } from './llm-server-state.js';
import { openAiProtocol } from './openai/openai-protocol.js';

export interface ProviderServerOptions {
  state: LlmServerState;
  provider: ProviderConfig;
  host: string;
}

export interface ProviderServer {
  readonly endpoint: SimulatorProviderEndpoint;
  readonly connections: ConnectionTracker;
  close(): Promise<void>;
}

// Clients keep idle connections for a few seconds (undici 4 s, Node's agent 5 s); the server keeps
// them longer, so a connection is only lost when the client drops it, as with real providers.
const keepAliveTimeoutMs = 65_000;
// A thousand clients connecting at once must not overflow the accept queue.
const listenBacklog = 4096;

export async function startProviderServer(options: ProviderServerOptions): Promise<ProviderServer> {
  const { state, provider, host } = options;
  const server = createServer();
  server.keepAliveTimeout = keepAliveTimeoutMs;
  server.headersTimeout = keepAliveTimeoutMs + 1000;
  server.requestTimeout = 0;
  const connections = trackConnections(server);
  const modelList = JSON.stringify({
    object: 'list',
    data: provider.models.map((id) => ({ id, object: 'model', created: 0, owned_by: provider.name })),
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = `${request.method ?? 'GET'} ${path}`;
    if (route === 'POST /v1/chat/completions') return void serveLlmCall({ state, provider, connections, protocol: openAiProtocol, request, response });
    if (route === 'POST /v1/messages') return void serveLlmCall({ state, provider, connections, protocol: anthropicProtocol, request, response });
    // Every other request still pays for opening its connection.
    const identity = parseRequestIdentity(request.headers[requestIdHeader], 'connection');
    const delayMs = connectionPenaltyMs({ config: state.config, newConnection: connections.isNewConnection(request), key: identity.key, detail: [route] });
    request.resume();
    void state.clock.sleep(delayMs).then(() => {
      if (response.destroyed) return;
      if (route === 'GET /v1/models') return sendJson(response, 200, modelList);
      if (route === 'GET /healthz') return sendJson(response, 200, JSON.stringify({ status: 'ok', provider: provider.name }));
      const protocol: LlmProtocol = request.headers['anthropic-version'] !== undefined ? anthropicProtocol : openAiProtocol;
      const { status, body } = protocol.errorResponse({ kind: 'path-not-found', method: request.method ?? 'GET', path });
      sendJson(response, status, JSON.stringify(body));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port: provider.port, backlog: listenBacklog }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    endpoint: { name: provider.name, url: `http://${urlHost}:${port}`, models: [...provider.models] },
    connections,
    close: () => closeServer(server),
  };
}

function sendJson(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
