// A small stand-in for the gateway's dashboard endpoints: serves dashboard/public, a dashboard SSE
// feed (snapshots and finished runs) and an agent endpoint that plays a scripted run shaped like the
// seed's parallel case (fast model → three tools at once → streamed answer). It lets the page be
// developed and tested without the simulator; the real gateway has the same endpoints.

import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentEvent, RunResult, StageSpan } from '../../src/index.js';

export const dashboardDirectory = resolve(fileURLToPath(new URL('../../dashboard/public', import.meta.url)));

export interface StandInGatewayOptions {
  /** Port to listen on (0: any free one). */
  port?: number;
  /** Multiplies the scripted run's durations (1 = the seed's seconds). */
  timeScale?: number;
  snapshotIntervalMs?: number;
}

export interface StandInRun {
  runId: string;
  at: number;
  question: string;
  user?: string;
  result: RunResult;
}

export interface StandInGateway {
  url: string;
  port: number;
  runs: StandInRun[];
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export async function startStandInGateway(options: StandInGatewayOptions = {}): Promise<StandInGateway> {
  const { port = 0, timeScale = 0.25, snapshotIntervalMs = 250 } = options;
  const runs: StandInRun[] = [];
  const feeds = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  let runCounter = 0;

  const broadcast = (event: string, data: unknown) => {
    for (const feed of feeds) feed.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const runEvent = (run: StandInRun) => ({ runId: run.runId, at: run.at, question: run.question, user: run.user, ...summary(run.result) });

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: String(error) } }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    if (request.method === 'GET' && url.pathname === '/v1/dashboard/stream') return openFeed(response);
    const runMatch = /^\/v1\/dashboard\/runs\/([^/]+)$/.exec(url.pathname);
    if (request.method === 'GET' && runMatch) {
      const run = runs.find((candidate) => candidate.runId === decodeURIComponent(runMatch[1]!));
      if (!run) return sendJson(response, 404, { error: { message: 'no such run' } });
      return sendJson(response, 200, { ...runEvent(run), text: run.result.text });
    }
    if (request.method === 'GET' && url.pathname === '/v1/models') {
      return sendJson(response, 200, { object: 'list', data: [{ id: 'service-desk', object: 'model', owned_by: 'hotpath', kind: 'agent' }] });
    }
    const agentMatch = /^\/v1\/agents\/([^/]+)\/runs$/.exec(url.pathname);
    if (request.method === 'POST' && agentMatch) return playRun(request, response);
    if (request.method === 'GET') return serveStatic(url.pathname, response);
    sendJson(response, 404, { error: { message: 'not found' } });
  }

  function openFeed(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    response.write('retry: 500\n\n');
    for (const run of runs.slice(-50)) response.write(`event: run\ndata: ${JSON.stringify(runEvent(run))}\n\n`);
    response.write(`event: snapshot\ndata: ${JSON.stringify(snapshot(runs))}\n\n`);
    feeds.add(response);
    response.on('close', () => feeds.delete(response));
  }

  async function playRun(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = JSON.parse(await readBody(request)) as { input?: string; user?: string };
    if (typeof body.input !== 'string' || body.input === '') return sendJson(response, 400, { error: { message: 'input: a question is required' } });
    runCounter += 1;
    const runId = `run-${runCounter}`;
    const at = Date.now();
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (event: AgentEvent) => response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    const result = await scriptedRun({ runId, question: body.input, timeScale, send });
    const run: StandInRun = { runId, at, question: body.input, ...(body.user ? { user: body.user } : {}), result };
    send({ type: 'run-finish', result });
    response.end();
    runs.push(run);
    broadcast('run', runEvent(run));
  }

  const ticker = setInterval(() => broadcast('snapshot', snapshot(runs)), snapshotIntervalMs);
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
  const boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    runs,
    close: async () => {
      clearInterval(ticker);
      for (const feed of feeds) feed.end();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    },
  };
}

interface ScriptedRunOptions {
  runId: string;
  question: string;
  timeScale: number;
  send(event: AgentEvent): void;
}

const answerWords = 'Ticket INC-4821 is In progress and assigned to Dana Reyes; the fix is being tested and you will be notified when it is resolved.'.split(' ');

/** The seed's parallel picture: classify, cache miss, fast model, three tools at once, streamed answer. */
async function scriptedRun({ runId, timeScale, send }: ScriptedRunOptions): Promise<RunResult> {
  const started = performance.now();
  const now = () => performance.now() - started;
  const wait = (ms: number) => new Promise((resolveWait) => setTimeout(resolveWait, ms * timeScale));
  const spans: StageSpan[] = [];
  send({ type: 'run-start', runId, at: Date.now() });
  const classifyStart = now();
  await wait(30);
  spans.push({ stage: 'classify', name: 'classify route', startMs: classifyStart, endMs: now(), attributes: { tier: 'fast' } });
  const cacheStart = now();
  await wait(8);
  spans.push({ stage: 'cache', name: 'cache semantic', startMs: cacheStart, endMs: now(), attributes: { hit: false } });
  send({ type: 'model-call-start', model: 'sim-fast', tier: 'fast', step: 0 });
  const firstModelStart = now();
  await wait(400);
  const firstModelMs = now() - firstModelStart;
  spans.push({ stage: 'model', name: 'model sim-fast', startMs: firstModelStart, endMs: now(), attributes: { step: 0, tier: 'fast', ttftMs: Math.round(firstModelMs * 0.4) } });
  send({ type: 'model-call-end', model: 'sim-fast', tier: 'fast', step: 0, ttftMs: firstModelMs * 0.4, totalMs: firstModelMs, finishReason: 'tool-calls' });
  const tools = [{ name: 'lookup_user', ms: 800 }, { name: 'get_ticket_status', ms: 1200 }, { name: 'check_permissions', ms: 600 }];
  const toolCalls = await Promise.all(tools.map(async ({ name, ms }, index) => {
    const callId = `call-${index}`;
    send({ type: 'tool-call-start', callId, toolName: name, input: {} });
    send({ type: 'progress', message: `Running ${name}…`, toolName: name });
    const startMs = now();
    await wait(ms);
    const endMs = now();
    spans.push({ stage: 'tool', name: `tool ${name}`, startMs, endMs, attributes: { ok: true } });
    send({ type: 'tool-call-end', callId, toolName: name, output: { ok: true }, durationMs: endMs - startMs });
    return { id: callId, toolName: name, input: {}, output: { ok: true }, startMs, endMs };
  }));
  send({ type: 'model-call-start', model: 'sim-fast', tier: 'fast', step: 1 });
  const answerStart = now();
  await wait(150);
  const ttftMs = now() - answerStart;
  const firstTokenMs = now();
  let text = '';
  for (const [index, word] of answerWords.entries()) {
    const delta = index === 0 ? word : ` ${word}`;
    text += delta;
    send({ type: 'text-delta', delta });
    await wait(40);
  }
  spans.push({ stage: 'model', name: 'model sim-fast', startMs: answerStart, endMs: now(), attributes: { step: 1, tier: 'fast', ttftMs: Math.round(ttftMs) } });
  send({ type: 'model-call-end', model: 'sim-fast', tier: 'fast', step: 1, ttftMs, totalMs: now() - answerStart, finishReason: 'stop' });
  return {
    runId,
    text,
    toolCalls,
    finishReason: 'stop',
    usage: { inputTokens: 420, outputTokens: answerWords.length },
    timings: { totalMs: now(), firstEventMs: 0, firstTokenMs, spans: spans.sort((first, second) => first.startMs - second.startMs) },
    modelCalls: [{ model: 'sim-fast', tier: 'fast', ttftMs: firstModelMs * 0.4, totalMs: firstModelMs }, { model: 'sim-fast', tier: 'fast', ttftMs, totalMs: now() - answerStart }],
  };
}

function summary(result: RunResult) {
  return {
    totalMs: result.timings.totalMs,
    firstTokenMs: result.timings.firstTokenMs,
    ...(result.cache ? { cache: result.cache } : {}),
    modelCalls: result.modelCalls,
    spans: result.timings.spans,
  };
}

function quantile(sorted: number[], share: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

function snapshot(runs: StandInRun[]) {
  const latencies = runs.map((run) => run.result.timings.totalMs).sort((first, second) => first - second);
  const ttfts = runs.flatMap((run) => (run.result.timings.firstTokenMs === undefined ? [] : [run.result.timings.firstTokenMs])).sort((first, second) => first - second);
  const boundsMs = [250, 500, 1000, 2000, 3000, 5000, 10_000, null];
  const counts = boundsMs.map((bound, index) => latencies.filter((ms) => (bound === null || ms <= bound) && (index === 0 || ms > boundsMs[index - 1]!)).length);
  const share = (limit: number) => (latencies.length === 0 ? undefined : latencies.filter((ms) => ms <= limit).length / latencies.length);
  return {
    at: Date.now(),
    requests: runs.length,
    latency: { p50: quantile(latencies, 0.5), p80: quantile(latencies, 0.8), p95: quantile(latencies, 0.95), p99: quantile(latencies, 0.99) },
    shareUnder3s: share(3000),
    shareUnder5s: share(5000),
    ttft: { p50: quantile(ttfts, 0.5), p95: quantile(ttfts, 0.95) },
    histogram: { boundsMs, counts },
    cache: { exact: { hits: 0, lookups: runs.length }, semantic: { hits: 0, lookups: runs.length } },
    modelCalls: { fast: runs.length * 2, powerful: 0 },
    errors: 0,
    hedges: 0,
    escalations: 0,
  };
}

async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
  const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(dashboardDirectory, relative);
  if (!file.startsWith(dashboardDirectory)) return sendJson(response, 404, { error: { message: 'not found' } });
  try {
    const content = await readFile(file);
    response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
    response.end(content);
  } catch {
    sendJson(response, 404, { error: { message: 'not found' } });
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
