// POST /v1/agents/{name}/runs: runs an agent for clients that want its typed events (progress, model
// and tool calls, cache hits, timings with spans): server-sent events named after each AgentEvent
// type when `stream` is true (or the client accepts text/event-stream), else the RunResult as JSON.

import { z } from 'zod';
import type { AgentEvent, RunResult } from '../../spec/index.js';
import { fieldError } from '../chat/chat-request.js';
import type { GatewayServices, RouteHandler } from '../gateway-services.js';
import { GatewayHttpError, toGatewayHttpError } from '../http/gateway-http-error.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sendJson } from '../http/send-json.js';
import { openSse } from '../http/sse-writer.js';
import type { RequestRecord } from '../observability/request-record.js';
import { endUser } from './chat-completions-handler.js';

const runRequestSchema = z.strictObject({
  input: z.string({ error: 'is required: the user message' }).min(1, 'must not be empty'),
  user: z.string().max(256, 'must be at most 256 characters').optional(),
  history: z.array(z.strictObject({ role: z.enum(['user', 'assistant'], { error: 'must be "user" or "assistant"' }), content: z.string({ error: 'must be a string' }) })).max(256).optional(),
  stream: z.boolean({ error: 'must be true or false' }).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export function createAgentRunsHandler(services: GatewayServices): RouteHandler {
  const { runtime, config } = services;
  return async (context) => {
    const requested = context.params.name!;
    const agentName = requested === 'hotpath' ? runtime.defaultAgent : requested;
    const agentRuntime = agentName === undefined ? undefined : runtime.agents.get(agentName);
    if (agentRuntime === undefined) {
      throw new GatewayHttpError(404, `agent "${requested}" does not exist; available: ${[...runtime.agents.keys()].join(', ') || 'none'}`, { code: 'agent_not_found', param: 'name' });
    }
    const body = await readJsonBody(context.request, { limitBytes: config.server.bodyLimitBytes });
    const parsed = runRequestSchema.safeParse(body.value);
    if (!parsed.success) throw fieldError(parsed.error);
    const run = parsed.data;
    const tenant = context.caller!.tenant;
    const user = endUser(run.user, context.request.headers['x-hotpath-user']);
    const timeoutMs = Math.min(run.timeoutMs ?? config.limits.requestTimeoutMs, config.limits.requestTimeoutMs);
    const options = {
      requestId: context.requestId,
      signal: context.signal,
      deadline: context.startedAt + timeoutMs,
      tenant,
      ...(user === undefined ? {} : { user }),
      ...(run.history === undefined ? {} : { history: run.history }),
    };
    const wantsStream = run.stream ?? String(context.request.headers.accept ?? '').includes('text/event-stream');
    const record = (result: RunResult | undefined, status: number, error?: { code: string; message: string }): RequestRecord => ({
      id: result?.runId ?? context.requestId,
      kind: 'agent',
      target: agentRuntime.name,
      tenant,
      ...(user === undefined ? {} : { user }),
      startedAt: context.startedAt,
      status,
      totalMs: result?.timings.totalMs ?? performance.now() - context.startedPerf,
      ...(result?.timings.firstTokenMs === undefined ? {} : { firstTokenMs: result.timings.firstTokenMs }),
      spans: result?.timings.spans ?? [],
      ...(result?.cache === undefined ? {} : { cache: result.cache.layer }),
      toolCacheHits: result?.toolCalls.filter((call) => call.source === 'cache').length ?? 0,
      modelCalls: result?.modelCalls ?? [],
      ...(result === undefined ? {} : { toolCalls: result.toolCalls, text: result.text }),
      ...(error === undefined ? {} : { error }),
    });

    if (!wantsStream) {
      try {
        const result = await agentRuntime.agent.run(run.input, options);
        sendJson(context.response, 200, result, { 'x-request-id': context.requestId, 'x-hotpath-run-id': result.runId });
        services.finish(record(result, 200));
      } catch (error) {
        const failure = toGatewayHttpError(error);
        services.finish(record(undefined, failure.status, { code: failure.code ?? 'error', message: failure.message }));
        throw failure;
      }
      return;
    }
    const sse = openSse(context.response, { 'x-request-id': context.requestId });
    const stream = agentRuntime.agent.stream(run.input, options);
    let result: RunResult | undefined;
    let failure: Extract<AgentEvent, { type: 'error' }> | undefined;
    try {
      for await (const event of stream) {
        if (event.type === 'run-finish') result = event.result;
        if (event.type === 'error') failure = event;
        sse.send(JSON.stringify(event), event.type);
      }
    } catch (caught) {
      // The event stream broke without its own error event: the client still gets one.
      const error = toGatewayHttpError(caught);
      failure = { type: 'error', error: { code: error.code ?? 'error', message: error.message, isRetryable: false } };
      sse.send(JSON.stringify(failure), 'error');
    }
    sse.end();
    if (result !== undefined) {
      services.finish(record(result, 200));
      return;
    }
    const error = toGatewayHttpError(await stream.result.then(() => undefined, (caught: unknown) => caught));
    services.finish(record(undefined, error.status, failure?.error ?? { code: error.code ?? 'error', message: error.message }));
  };
}
