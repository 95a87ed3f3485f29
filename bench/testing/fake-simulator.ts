import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CallLog, createSimClock, parseRequestIdentity, parseSimulatorConfig, requestIdHeader, trackConnections,
  type SimDomain, type Simulator, type SimulatorConfigInput,
} from '../../sim/index.js';
import { createFakeDomain } from './fake-domain.js';
import { FakeWorld } from './fake-world.js';

// A stand-in for the simulator in unit tests: an OpenAI Chat Completions endpoint (streaming and
// not) with a scripted brain, and the fake domain's tools over HTTP. Every call lands in a real
// CallLog with the same attribution as the simulator's (x-request-id, tier, connection penalty).
//
// Script: the first model call asks get_ticket for every ticket the user names (in parallel), plus
// reset_password when the user asks for it; once tool results are in, it answers "T<n>: status <s>".

export interface FakeSimulatorOptions {
  domain?: SimDomain;
  /** Ticket statuses the tools return (default "open"). */
  statuses?: Record<string, string>;
  /** Wall ms each model call / tool call takes. */
  modelDelayMs?: number;
  toolDelayMs?: number;
  /** Text the model writes before its tool calls ("Let me look that up."). */
  preamble?: string;
  /** Scenario ms charged (in the record only) to the first call on each connection. */
  connectionPenaltyMs?: number;
  timeScale?: number;
}

export interface FakeSimulator extends Simulator {
  /** Connections accepted by the model server and the tool server. */
  readonly connections: { llm: number; tools: number };
}

const fakeConfig: SimulatorConfigInput = {
  timeScale: 1,
  models: {
    'fake-fast': { tier: 'fast', ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 1, p95: 2 } },
    'fake-powerful': { tier: 'powerful', ttftMs: { p50: 300, p95: 500 }, msPerOutputToken: { p50: 3, p95: 4 } },
  },
  providers: [{ name: 'primary', models: ['fake-fast', 'fake-powerful'] }],
};

export async function startFakeSimulator(options: FakeSimulatorOptions = {}): Promise<FakeSimulator> {
  const { domain = createFakeDomain(), statuses = {}, modelDelayMs = 20, toolDelayMs = 40, connectionPenaltyMs = 200, preamble } = options;
  const config = parseSimulatorConfig({ ...fakeConfig, timeScale: options.timeScale ?? 1 });
  const calls = new CallLog();
  const llmServer = createServer();
  const toolServer = createServer();
  const llmConnections = trackConnections(llmServer);
  const toolConnections = trackConnections(toolServer);

  llmServer.on('request', (request, response) => {
    void handleModelCall({ request, response, calls, isNew: llmConnections.isNewConnection(request), modelDelayMs, connectionPenaltyMs, config, preamble });
  });
  toolServer.on('request', (request, response) => {
    void handleToolCall({ request, response, calls, domain, isNew: toolConnections.isNewConnection(request), toolDelayMs, connectionPenaltyMs, statuses });
  });
  const llmUrl = await listen(llmServer);
  const toolsUrl = await listen(toolServer);

  return {
    config,
    clock: createSimClock(config.timeScale),
    domain,
    calls,
    providers: [{ name: 'primary', url: llmUrl, models: ['fake-fast', 'fake-powerful'] }],
    toolsUrl,
    connections: {
      get llm() { return llmConnections.accepted; },
      get tools() { return toolConnections.accepted; },
    },
    sampleToolLatencyMs: (_key, tool) => (tool === 'reset_password' ? 500 : 1000),
    sampleModelCall: ({ model, outputTokens }) => {
      const firstTokenMs = model === 'fake-fast' ? 100 : 300;
      return { firstTokenMs, totalMs: firstTokenMs + outputTokens * (model === 'fake-fast' ? 1 : 3) };
    },
    mutateOnce: () => undefined,
    close: async () => {
      await Promise.all([closeServer(llmServer), closeServer(toolServer)]);
    },
  };
}

let completions = 0;

interface ModelCallContext {
  request: IncomingMessage;
  response: ServerResponse;
  calls: CallLog;
  isNew: boolean;
  modelDelayMs: number;
  connectionPenaltyMs: number;
  config: ReturnType<typeof parseSimulatorConfig>;
  preamble: string | undefined;
}

interface ChatBody {
  model: string;
  stream?: boolean;
  messages: Array<{ role: string; content?: unknown; tool_call_id?: string }>;
}

async function handleModelCall({ request, response, calls, isNew, modelDelayMs, connectionPenaltyMs, config, preamble }: ModelCallContext) {
  const startedAt = Date.now();
  const identity = parseRequestIdentity(request.headers[requestIdHeader], 'anonymous');
  const body = JSON.parse(await readBody(request)) as ChatBody;
  await delay(modelDelayMs);
  const reply = scriptedReply(body.messages);
  const firstByteAt = Date.now();
  const completionId = `chatcmpl-fake-${++completions}`;
  const base = { id: completionId, object: 'chat.completion.chunk', created: 0, model: body.model };
  if (body.stream) {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (payload: unknown) => response.write(`data: ${JSON.stringify(payload)}\n\n`);
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    if (reply.toolCalls.length > 0) {
      if (preamble !== undefined) {
        send({ ...base, choices: [{ index: 0, delta: { content: preamble }, finish_reason: null }] });
        await delay(modelDelayMs);
      }
      reply.toolCalls.forEach((call, index) =>
        send({ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] }, finish_reason: null }] }),
      );
    } else {
      for (const word of reply.text.split(/(?<= )/)) {
        send({ ...base, choices: [{ index: 0, delta: { content: word }, finish_reason: null }] });
        await delay(1);
      }
    }
    send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop' }] });
    send({ ...base, choices: [], usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 } });
    response.end('data: [DONE]\n\n');
  } else {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({
      id: completionId, object: 'chat.completion', created: 0, model: body.model,
      choices: [{
        index: 0,
        finish_reason: reply.toolCalls.length > 0 ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant',
          content: reply.toolCalls.length > 0 ? (preamble ?? null) : reply.text,
          ...(reply.toolCalls.length > 0
            ? { tool_calls: reply.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })) }
            : {}),
        },
      }],
      usage: { prompt_tokens: 50, completion_tokens: 10, total_tokens: 60 },
    }));
  }
  calls.add({
    kind: 'llm', requestId: identity.requestId, key: identity.key, namespace: identity.namespace, name: body.model,
    tier: config.models[body.model]?.tier, provider: 'primary', protocol: 'openai', stream: body.stream === true,
    startedAt, firstByteAt, endedAt: Date.now(), status: 200,
    connectionPenaltyMs: isNew ? connectionPenaltyMs : 0, coldStartMs: 0, inputTokens: 50, outputTokens: 10,
  });
}

interface ScriptedReply {
  toolCalls: Array<{ id: string; name: string; arguments: string }>;
  text: string;
}

function scriptedReply(messages: ChatBody['messages']): ScriptedReply {
  const user = [...messages].reverse().find((message) => message.role === 'user');
  const system = messages.find((message) => message.role === 'system');
  const userText = contentText(user?.content);
  const tickets = [...new Set(userText.match(/\bT\d+\b/g) ?? [])];
  const toolResults = messages.filter((message) => message.role === 'tool').map((message) => contentText(message.content));
  if (toolResults.length === 0) {
    const calls = tickets.map((ticketId, index) => ({ id: `call_${index}`, name: 'get_ticket', arguments: JSON.stringify({ ticketId }) }));
    const currentUser = /Current user: (\S+)/.exec(contentText(system?.content))?.[1];
    if (/reset my password/i.test(userText) && currentUser !== undefined) {
      calls.push({ id: `call_${calls.length}`, name: 'reset_password', arguments: JSON.stringify({ userId: currentUser }) });
    }
    if (calls.length > 0) return { toolCalls: calls, text: '' };
  }
  const facts = toolResults
    .map((result) => JSON.parse(result) as { ticketId?: string; status?: string })
    .filter((result) => result.ticketId !== undefined)
    .map((result) => `${result.ticketId}: status ${result.status}.`);
  return { toolCalls: [], text: facts.length > 0 ? `Here is what I found. ${facts.join(' ')}` : 'I could not find anything.' };
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '')).join('');
  return '';
}

interface ToolCallContext {
  request: IncomingMessage;
  response: ServerResponse;
  calls: CallLog;
  domain: SimDomain;
  isNew: boolean;
  toolDelayMs: number;
  connectionPenaltyMs: number;
  statuses: Record<string, string>;
}

async function handleToolCall({ request, response, calls, domain, isNew, toolDelayMs, connectionPenaltyMs, statuses }: ToolCallContext) {
  const startedAt = Date.now();
  const identity = parseRequestIdentity(request.headers[requestIdHeader], 'anonymous');
  const url = new URL(request.url ?? '/', 'http://fake');
  await readBody(request);
  await delay(toolDelayMs);
  let name = 'unknown';
  let status = 404;
  let payload: unknown = { error: { message: `no route ${request.method} ${url.pathname}` } };
  const ticket = /^\/api\/tickets\/([^/]+)$/.exec(url.pathname);
  const reset = /^\/api\/users\/([^/]+)\/reset-password$/.exec(url.pathname);
  if (request.method === 'GET' && ticket) {
    const ticketId = decodeURIComponent(ticket[1] as string);
    name = 'get_ticket';
    status = 200;
    payload = { ticketId, status: statuses[ticketId] ?? 'open' };
  } else if (request.method === 'POST' && reset) {
    const userId = decodeURIComponent(reset[1] as string);
    name = 'reset_password';
    status = 200;
    payload = { ok: true, userId };
    if (domain.world instanceof FakeWorld) {
      domain.world.addEffect({ kind: name, params: { userId }, requestId: identity.requestId, key: identity.key, namespace: identity.namespace, at: Date.now(), ok: true });
    }
  }
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(payload));
  calls.add({
    kind: 'tool', requestId: identity.requestId, key: identity.key, namespace: identity.namespace, name,
    startedAt, endedAt: Date.now(), status, connectionPenaltyMs: isNew ? connectionPenaltyMs : 0, coldStartMs: 0,
  });
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
