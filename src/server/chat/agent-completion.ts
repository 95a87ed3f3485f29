// A chat completion answered by an agent (model "hotpath" or an agent's name). The agent runs its
// own server-side tools; the client sees an ordinary assistant answer. While streaming, progress
// ("Looking up INC-4821…") travels in the chunk's `hotpath` extension field with an empty delta, never
// in `content`, so clients that do not know it show nothing extra.

import type { Agent } from '../../agent/index.js';
import type { AgentEvent, ModelMessage, RunResult } from '../../spec/index.js';
import { badRequest, toGatewayHttpError } from '../http/gateway-http-error.js';
import type { RequestRecord } from '../observability/request-record.js';
import type { ChatCall } from './chat-call.js';
import { chunkEvent, completionBody, doneEvent, errorEvent, openAIFinishReason, usageEvent } from './completion-chunks.js';
import { contentText } from './to-model-call.js';
import { StepText } from './step-text.js';

/** The last user message and the conversation before it (the agent brings its own instructions). */
export function agentInput(call: ChatCall): { input: string; history: ModelMessage[] } {
  const { messages, tools } = call.chat;
  if (tools !== undefined && tools !== null && tools.length > 0) {
    throw badRequest(`tools: "${call.chat.model}" is an agent that runs its own tools; send tools only to a model`, 'tools');
  }
  const last = messages[messages.length - 1]!;
  if (last.role !== 'user') throw badRequest(`messages[${messages.length - 1}].role: an agent answers a user message last (got "${last.role}")`, `messages[${messages.length - 1}].role`);
  const history: ModelMessage[] = [];
  messages.slice(0, -1).forEach((message, index) => {
    if (message.role === 'system' || message.role === 'developer') return;
    if (message.role === 'tool' || (message.role === 'assistant' && (message.tool_calls?.length ?? 0) > 0)) {
      throw badRequest(`messages[${index}]: an agent's conversation holds no client tool calls`, `messages[${index}]`);
    }
    history.push({ role: message.role as 'user' | 'assistant', content: contentText(message.content, `messages[${index}].content`) });
  });
  const input = contentText(last.content, `messages[${messages.length - 1}].content`);
  if (input.trim() === '') throw badRequest(`messages[${messages.length - 1}].content: must not be empty`, `messages[${messages.length - 1}].content`);
  return { input, history };
}

/** What every record of an agent request carries. */
function agentRecordBase(call: ChatCall, agentName: string, id: string, status: number) {
  return {
    id,
    kind: 'agent' as const,
    target: agentName,
    tenant: call.caller.tenant,
    ...(call.user === undefined ? {} : { user: call.user }),
    startedAt: call.context.startedAt,
    status,
  };
}

export function recordOfRun(call: ChatCall, agentName: string, result: RunResult, status: number): RequestRecord {
  return {
    ...agentRecordBase(call, agentName, result.runId, status),
    totalMs: result.timings.totalMs,
    ...(result.timings.firstTokenMs === undefined ? {} : { firstTokenMs: result.timings.firstTokenMs }),
    spans: result.timings.spans,
    ...(result.cache === undefined ? {} : { cache: result.cache.layer }),
    toolCacheHits: result.toolCalls.filter((toolCall) => toolCall.source === 'cache').length,
    modelCalls: result.modelCalls,
    toolCalls: result.toolCalls,
    text: result.text,
  };
}

function failedRecord(call: ChatCall, agentName: string, runId: string | undefined, error: { code: string; message: string }, status: number): RequestRecord {
  return {
    ...agentRecordBase(call, agentName, runId ?? call.context.requestId, status),
    totalMs: performance.now() - call.context.startedPerf,
    spans: [],
    modelCalls: [],
    error,
  };
}

function extensionOf(result: RunResult) {
  return {
    runId: result.runId,
    timings: { totalMs: result.timings.totalMs, firstTokenMs: result.timings.firstTokenMs ?? null },
    cache: result.cache ?? null,
    toolCalls: result.toolCalls.map((toolCall) => ({ name: toolCall.toolName, source: toolCall.source ?? 'call', ok: toolCall.error === undefined })),
  };
}

export async function agentCompletion(call: ChatCall, agentName: string, agent: Agent): Promise<RequestRecord> {
  const { input, history } = agentInput(call);
  const runOptions = {
    history,
    requestId: call.context.requestId,
    signal: call.context.signal,
    deadline: call.deadline,
    tenant: call.caller.tenant,
    ...(call.user === undefined ? {} : { user: call.user }),
  };
  if (call.chat.stream !== true) {
    let result: RunResult;
    try {
      result = await agent.run(input, runOptions);
    } catch (error) {
      const failure = toGatewayHttpError(error);
      call.services.finish(failedRecord(call, agentName, undefined, { code: failure.code ?? 'error', message: failure.message }, failure.status));
      throw failure;
    }
    const body = completionBody({ identity: call.identity, text: result.text, toolCalls: [], finishReason: result.finishReason, usage: result.usage, extension: extensionOf(result) });
    const text = JSON.stringify(body);
    call.context.response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': call.context.requestId, 'x-hotpath-run-id': result.runId });
    call.context.response.end(text);
    return recordOfRun(call, agentName, result, 200);
  }
  return streamAgent(call, agentName, agent, input, runOptions);
}

async function streamAgent(call: ChatCall, agentName: string, agent: Agent, input: string, runOptions: Parameters<Agent['stream']>[1]): Promise<RequestRecord> {
  const { response } = call.context;
  const identity = call.identity;
  const stream = agent.stream(input, runOptions);
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', 'x-request-id': call.context.requestId });
  response.write(chunkEvent(identity, { role: 'assistant', content: '' }));
  const write = (text: string) => {
    if (!response.destroyed && !response.writableEnded) response.write(text);
  };
  let runId: string | undefined;
  let result: RunResult | undefined;
  let failure: AgentEvent & { type: 'error' } | undefined;
  const text = new StepText();
  try {
    for await (const event of stream) {
      switch (event.type) {
        case 'model-call-start':
          text.step(event.step);
          break;
        case 'run-start':
          runId = event.runId;
          write(chunkEvent(identity, {}, null, { type: 'run-start', runId: event.runId }));
          break;
        case 'text-delta':
          write(chunkEvent(identity, { content: text.delta(event.delta) }));
          break;
        case 'progress':
          write(chunkEvent(identity, {}, null, { type: 'progress', message: event.message, ...(event.toolName === undefined ? {} : { toolName: event.toolName }) }));
          break;
        case 'cache-hit':
          write(chunkEvent(identity, {}, null, { type: 'cache-hit', layer: event.layer }));
          break;
        case 'run-finish':
          result = event.result;
          break;
        case 'error':
          failure = event;
          break;
        default:
          break;
      }
    }
  } catch {
    // The event stream itself failed: the run's result says why, below.
  }
  if (result !== undefined) {
    write(chunkEvent(identity, {}, openAIFinishReason(result.finishReason), extensionOf(result)));
    if (call.chat.stream_options?.include_usage === true) write(usageEvent(identity, result.usage));
    write(doneEvent);
    response.end();
    return recordOfRun(call, agentName, result, 200);
  }
  const error = toGatewayHttpError(await stream.result.then(() => undefined, (caught: unknown) => caught));
  const code = failure?.error.code ?? error.code ?? 'error';
  write(errorEvent(error));
  write(doneEvent);
  response.end();
  return failedRecord(call, agentName, runId, { code, message: failure?.error.message ?? error.message }, error.status);
}
