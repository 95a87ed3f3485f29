// The domain's tool APIs over HTTP. Each call pays the simulated latency of its tool (drawn from the
// request key and the arguments, so every agent sending the same call waits the same time), the
// connection-setup penalty on a new socket, and an injected 503 now and then; the read or write
// happens at the end of the delay, in the caller's namespace. Bad input gets a 4xx naming the field.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallLog, CallRecord } from '../calls/index.js';
import type { SimClock } from '../clock/index.js';
import type { SimulatorConfig } from '../config/index.js';
import type { ToolCatalogEntry } from '../domain/index.js';
import { parseRequestIdentity, requestIdHeader, trackConnections, type ConnectionTracker, type RequestIdentity } from '../http/index.js';
import { hashKey } from '../random/index.js';
import { canonicalJson } from './canonical-json.js';
import { errorBody, sendJson } from './send-json.js';
import { ToolCallError, type ServedDomain, type ToolCallContext, type ToolResult } from './served-domain.js';
import { createToolLatencySampler, type ToolLatencySampler } from './tool-latency.js';
import { compileToolRoutes } from './tool-routes.js';

const maxBodyBytes = 1_000_000;

export type AdminHandler = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

export interface ToolServerOptions {
  config: SimulatorConfig;
  clock: SimClock;
  domain: ServedDomain;
  calls: CallLog;
  /** Serves `/admin/...`; those paths answer 404 without it. */
  admin?: AdminHandler;
  /** Port to listen on; `config.tools.port` when omitted (0 picks a free one). */
  port?: number;
}

export interface ToolServer {
  readonly url: string;
  readonly port: number;
  readonly connections: ConnectionTracker;
  readonly latency: ToolLatencySampler;
  close(): Promise<void>;
}

export async function startToolServer(options: ToolServerOptions): Promise<ToolServer> {
  const { config, clock, domain, calls } = options;
  for (const tool of domain.catalog) {
    if (!domain.handlers.has(tool.name)) throw new TypeError(`startToolServer: domain "${domain.name}" has no handler for tool "${tool.name}"`);
  }
  const routes = compileToolRoutes(domain.catalog);
  const latency = createToolLatencySampler(config);
  const attempts = new Map<string, number>();
  const pending = new Set<AbortController>();

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://simulator.invalid');
    if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) {
      if (!options.admin) return sendJson(response, 404, errorBody('not_found', 'no admin API on this server'));
      Promise.resolve(options.admin(request, response, url)).catch((error: unknown) => {
        sendJson(response, 500, errorBody('internal', error instanceof Error ? error.message : String(error)));
      });
      return;
    }
    const controller = new AbortController();
    pending.add(controller);
    response.on('close', () => {
      pending.delete(controller);
      if (!response.writableFinished) controller.abort(new Error('client disconnected'));
    });
    serveToolCall({ request, response, url, signal: controller.signal }).catch((error: unknown) => {
      sendJson(response, 500, errorBody('internal', error instanceof Error ? error.message : String(error)));
    });
  });
  // Real APIs keep idle connections for a minute or more; Node's 5 s default would make every
  // client reconnect (and pay connection setup) after a short pause.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const connections = trackConnections(server);

  async function serveToolCall(call: { request: IncomingMessage; response: ServerResponse; url: URL; signal: AbortSignal }): Promise<void> {
    const { request, response, url, signal } = call;
    const startedAt = clock.now();
    const newConnection = connections.isNewConnection(request);
    const route = routes.match(request.method ?? 'GET', url.pathname);
    const record = (identity: RequestIdentity, name: string, status: number, extra: Partial<CallRecord> = {}) => {
      calls.add({
        kind: 'tool', requestId: identity.requestId, key: identity.key, namespace: identity.namespace, name,
        startedAt, firstByteAt: clock.now(), endedAt: clock.now(), status, connectionPenaltyMs: 0, coldStartMs: 0, ...extra,
      });
    };
    if (route.kind !== 'tool') {
      const identity = parseRequestIdentity(request.headers[requestIdHeader], `unrouted:${request.method} ${url.pathname}`);
      request.resume();
      if (route.kind === 'method-not-allowed') {
        sendJson(response, 405, errorBody('method_not_allowed', `${request.method} is not allowed on ${url.pathname}`), { allow: route.allowed.join(', ') });
        return record(identity, 'unknown', 405);
      }
      sendJson(response, 404, errorBody('not_found', `no tool at ${request.method} ${url.pathname}`));
      return record(identity, 'unknown', 404);
    }
    const { tool } = route;
    const input = await readArguments(request, url, route.pathParams, tool);
    const fallbackKey = `${tool.name}:${hashKey(canonicalJson(input.ok ? input.args : {}))}`;
    const identity = parseRequestIdentity(request.headers[requestIdHeader], fallbackKey);
    if (!input.ok) {
      sendJson(response, input.status, errorBody(input.code, input.message, input.parameter));
      return record(identity, tool.name, input.status);
    }
    const args = input.args;
    const penaltyMs = newConnection ? latency.connectionSetupMs(identity.key, tool.name) : 0;
    const latencyMs = latency.latencyMs(identity.key, tool.name, args);
    const recordEffect = (ok: boolean) => {
      if (tool.readOnly) return;
      domain.world.recordEffect({
        kind: tool.name, params: args, requestId: identity.requestId, key: identity.key, namespace: identity.namespace, at: clock.now(), ok,
      });
    };
    try {
      await clock.sleep(penaltyMs + latencyMs, signal);
    } catch {
      recordEffect(false);
      return record(identity, tool.name, 499, { aborted: true, connectionPenaltyMs: penaltyMs });
    }
    const attemptKey = `${identity.requestId}\u241f${tool.name}\u241f${canonicalJson(args)}`;
    const attempt = (attempts.get(attemptKey) ?? 0) + 1;
    attempts.set(attemptKey, attempt);
    let result: ToolResult;
    if (latency.fails(identity.key, tool.name, args, attempt)) {
      result = { status: 503, body: errorBody('unavailable', `${tool.name} is temporarily unavailable, try again`) };
    } else {
      result = runHandler(tool, args, { namespace: identity.namespace, requestId: identity.requestId, key: identity.key, at: clock.now() });
    }
    const status = result.status ?? 200;
    recordEffect(status < 400);
    const text = JSON.stringify(result.body);
    const etag = `"${hashKey(text).toString(16)}"`;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      [requestIdHeader]: identity.requestId,
      'x-simulated-latency-ms': (penaltyMs + latencyMs).toFixed(1),
    };
    if (status < 300) headers.etag = etag;
    const firstByteAt = clock.now();
    if (status < 300 && tool.readOnly && request.headers['if-none-match'] === etag) {
      response.writeHead(304, headers);
      response.end();
    } else {
      headers['content-length'] = String(Buffer.byteLength(text));
      response.writeHead(status, headers);
      response.end(text);
    }
    record(identity, tool.name, response.statusCode, { firstByteAt, connectionPenaltyMs: penaltyMs });
  }

  function runHandler(tool: ToolCatalogEntry, args: Record<string, unknown>, context: ToolCallContext): ToolResult {
    try {
      return domain.handlers.get(tool.name)!(args, context);
    } catch (error) {
      if (error instanceof ToolCallError) return { status: error.status, body: errorBody(error.code, error.message, error.parameter) };
      return { status: 500, body: errorBody('internal', error instanceof Error ? error.message : String(error)) };
    }
  }

  const port = options.port ?? config.tools.port;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    connections,
    latency,
    close: () =>
      new Promise<void>((resolve) => {
        for (const controller of pending) controller.abort(new Error('tool server closing'));
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type ArgumentsResult =
  | { ok: true; args: Record<string, unknown> }
  | { ok: false; status: number; code: string; message: string; parameter?: string };

async function readArguments(
  request: IncomingMessage,
  url: URL,
  pathParams: Record<string, string>,
  tool: ToolCatalogEntry,
): Promise<ArgumentsResult> {
  let provided: Record<string, unknown> = {};
  if (tool.http.method === 'GET' || tool.http.method === 'DELETE') {
    request.resume();
    for (const name of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(name);
      provided[name] = values.length === 1 ? values[0] : values;
    }
  } else {
    const body = await readBody(request);
    if (body === undefined) return { ok: false, status: 413, code: 'body_too_large', message: `request body over ${maxBodyBytes} bytes` };
    if (body.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return { ok: false, status: 400, code: 'invalid_json', message: 'request body is not valid JSON' };
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { ok: false, status: 400, code: 'invalid_body', message: 'request body must be a JSON object' };
      }
      provided = parsed as Record<string, unknown>;
    }
  }
  const result = tool.input.safeParse({ ...provided, ...pathParams });
  if (result.success) return { ok: true, args: result.data as Record<string, unknown> };
  const issue = result.error.issues[0]!;
  const parameter = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path.map(String).join('.');
  const problem = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;
  return {
    ok: false,
    status: 400,
    code: 'invalid_parameter',
    message: `${tool.name}: invalid parameter "${parameter ?? ''}": ${problem}`,
    ...(parameter ? { parameter } : {}),
  };
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(undefined));
  });
}
