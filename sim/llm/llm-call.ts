// One model call on a provider server, whichever protocol carries it: read and check the request,
// draw its failure and timing from the request's key, ask the brain, then answer after the
// simulated delay — streamed token by token, or whole when the last token would have been.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from '../calls/index.js';
import type { ProviderConfig } from '../config/index.js';
import { parseRequestIdentity, requestIdHeader, type ConnectionTracker, type RequestIdentity } from '../http/index.js';
import { createRandom } from '../random/index.js';
import { outputTokenOffsetMs, sampleCallTiming, type CallTiming } from './call-timing.js';
import { connectionPenaltyMs } from './connection-penalty.js';
import { assistantTurns, conversationKey, countInputTokens } from './conversation.js';
import { drawInjectedFailure } from './injected-failure.js';
import type { LlmError, LlmProtocol, ResponseContext } from './llm-protocol.js';
import type { LlmServerState } from './llm-server-state.js';
import { planOutput, type OutputPlan } from './output-plan.js';
import { readJsonBody, type RequestBodyResult } from './request-body.js';
import { minTickForLoad, paceUnits } from './token-pacer.js';
import { wireId } from './wire-id.js';

export interface LlmCallOptions {
  state: LlmServerState;
  provider: ProviderConfig;
  connections: ConnectionTracker;
  protocol: LlmProtocol;
  request: IncomingMessage;
  response: ServerResponse;
}

/** Key of requests whose body could not be read (no conversation to derive one from). */
const unparsedKey = 'unparsed';
/** Status recorded when the client left before any status was sent (nginx's convention). */
const clientClosedStatus = 499;

export async function serveLlmCall(options: LlmCallOptions): Promise<void> {
  await new LlmCall(options).serve();
}

class LlmCall {
  private readonly controller = new AbortController();
  private readonly record: CallRecord;
  private identity: RequestIdentity;
  private readonly newConnection: boolean;
  private connectionMs: number | undefined;
  private warmedModel: string | undefined;

  constructor(private readonly options: LlmCallOptions) {
    const { state, provider, protocol, request, response, connections } = options;
    this.newConnection = connections.isNewConnection(request);
    this.identity = parseRequestIdentity(request.headers[requestIdHeader], unparsedKey);
    this.record = {
      kind: 'llm',
      requestId: this.identity.requestId,
      key: this.identity.key,
      namespace: this.identity.namespace,
      name: '',
      provider: provider.name,
      protocol: protocol.name,
      startedAt: state.clock.now(),
      endedAt: 0,
      status: 0,
      connectionPenaltyMs: 0,
      coldStartMs: 0,
    };
    const abort = () => {
      if (!response.writableFinished) this.controller.abort(new Error('the client closed the connection'));
    };
    response.on('close', abort);
    response.on('error', abort);
  }

  async serve(): Promise<void> {
    const { state } = this.options;
    state.active.add(this.controller);
    try {
      await this.run();
    } catch (error) {
      if (this.controller.signal.aborted) {
        this.record.aborted = true;
        if (this.record.status === 0) this.record.status = clientClosedStatus;
        if (!this.options.response.destroyed) this.options.response.destroy();
      } else {
        // A bug in the brain or here must not take the server down: answer 500 and say why.
        console.error('[sim/llm] model call failed:', error);
        this.sendError({ kind: 'server-error', message: `The simulated model failed: ${String(error)}`, overloaded: false });
      }
    } finally {
      state.active.delete(this.controller);
      if (this.warmedModel !== undefined) {
        state.coldStarts.touch({ namespace: this.identity.namespace, provider: this.options.provider.name, model: this.warmedModel });
      }
      this.record.endedAt = state.clock.now();
      state.calls.add(this.record);
    }
  }

  private async run(): Promise<void> {
    const { state, provider, protocol } = this.options;
    const { config, clock } = state;
    const signal = this.controller.signal;

    const body = await readJsonBody(this.options.request);
    if (!body.ok) {
      if (body.reason === 'aborted') throw new Error('the client closed the connection');
      return this.failAfter(this.chargeConnection(['', 0]), bodyError(body.reason));
    }
    const parsed = protocol.parseRequest(body.value);
    if (!parsed.ok) return this.failAfter(this.chargeConnection(['', 0]), parsed.error);
    const request = parsed.request;
    this.record.name = request.model;
    this.record.stream = request.stream;
    const profile = config.models[request.model];
    if (!profile || !provider.models.includes(request.model)) {
      return this.failAfter(this.chargeConnection(['', 0]), { kind: 'model-not-found', model: request.model });
    }
    this.record.tier = profile.tier;

    const turn = assistantTurns(request.messages);
    this.setIdentity(parseRequestIdentity(this.options.request.headers[requestIdHeader], conversationKey(request.messages)));
    const { key, namespace } = this.identity;
    const connectionMs = this.chargeConnection([request.model, turn]);
    const attempt = state.attempts.next({ namespace, key, model: request.model, turn });
    const failure = drawInjectedFailure({ config, key, model: request.model, turn, provider: provider.name, attempt });
    if (failure?.kind === 'rate-limit') {
      // Rejected at the gateway: quickly, and without touching (or warming) the model.
      return this.failAfter(connectionMs, { kind: 'rate-limit', message: `Rate limit reached for ${request.model} on ${provider.name}. Please try again later.` }, retryAfterHeaders(clock.toWall(failure.retryAfterMs)));
    }

    const inputTokens = countInputTokens(request.messages, request.tools);
    this.record.inputTokens = inputTokens;
    this.warmedModel = request.model;
    const coldStartMs = state.coldStarts.admit({ namespace, provider: provider.name, model: request.model, key, turn });
    this.record.coldStartMs = coldStartMs;
    const timing = sampleCallTiming({ config, key, model: request.model, turn, provider: provider.name, inputTokens });
    const firstTokenDelayMs = connectionMs + coldStartMs + timing.firstTokenMs;
    if (failure?.kind === 'server-error') {
      // The failure shows after the time the model spent before failing.
      return this.failAfter(firstTokenDelayMs, { kind: 'server-error', message: 'The server had an error while processing your request.', overloaded: failure.overloaded });
    }

    const output = state.brain.respond({
      model: request.model,
      tier: profile.tier,
      failureRate: profile.failureRate,
      verbosity: profile.verbosity,
      messages: request.messages,
      tools: request.callableTools,
      random: createRandom(config.seed, 'brain', key, request.model, turn),
    });
    const plan = planOutput({
      output,
      ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
      parallelToolCalls: request.parallelToolCalls,
      toolCallId: (index) => wireId(protocol.toolCallIdPrefix, key, request.model, turn, index),
    });
    const context: ResponseContext = {
      id: wireId(protocol.responseIdPrefix, this.identity.requestId, request.model, turn, attempt, state.nextSequence()),
      model: request.model,
      created: Math.floor(this.record.startedAt / 1000),
      inputTokens,
      includeUsage: request.includeUsage,
    };
    await clock.sleep(firstTokenDelayMs, signal);
    if (request.stream) await this.stream(plan, timing, context);
    else await this.complete(plan, timing, context);
  }

  private async stream(plan: OutputPlan, timing: CallTiming, context: ResponseContext): Promise<void> {
    const { state, protocol, response } = this.options;
    const encoder = protocol.createStreamEncoder(context);
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      [requestIdHeader]: this.identity.requestId,
    });
    this.record.status = 200;
    let emittedTokens = 0;
    try {
      await paceUnits({
        clock: state.clock,
        units: plan.units,
        msPerOutputToken: timing.msPerOutputToken,
        signal: this.controller.signal,
        minTickWallMs: minTickForLoad(state.active.size),
        write: (batch, last) => {
          let text = '';
          if (this.record.firstByteAt === undefined) {
            this.record.firstByteAt = state.clock.now();
            text = encoder.start(plan);
          }
          text += encoder.units(batch);
          emittedTokens = batch[batch.length - 1]?.endToken ?? emittedTokens;
          // The closing events go out with the last tokens: one socket write fewer per stream.
          if (last) response.end(text + encoder.finish(plan));
          else response.write(text);
        },
      });
    } finally {
      this.record.outputTokens = emittedTokens;
    }
  }

  private async complete(plan: OutputPlan, timing: CallTiming, context: ResponseContext): Promise<void> {
    const { state, protocol } = this.options;
    await state.clock.sleep(outputTokenOffsetMs(timing, plan.outputTokens - 1), this.controller.signal);
    this.record.outputTokens = plan.outputTokens;
    this.record.firstByteAt = state.clock.now();
    this.sendJson(200, protocol.completionBody(plan, context));
  }

  private setIdentity(identity: RequestIdentity): void {
    this.identity = identity;
    this.record.requestId = identity.requestId;
    this.record.key = identity.key;
    this.record.namespace = identity.namespace;
  }

  /** The connection-setup delay of this call (drawn once; zero on a reused connection). */
  private chargeConnection(detail: ReadonlyArray<string | number>): number {
    if (this.connectionMs === undefined) {
      this.connectionMs = connectionPenaltyMs({ config: this.options.state.config, newConnection: this.newConnection, key: this.identity.key, detail });
      this.record.connectionPenaltyMs = this.connectionMs;
    }
    return this.connectionMs;
  }

  private async failAfter(delayMs: number, error: LlmError, headers: Record<string, string> = {}): Promise<void> {
    await this.options.state.clock.sleep(delayMs, this.controller.signal);
    this.sendError(error, headers);
  }

  private sendError(error: LlmError, headers: Record<string, string> = {}): void {
    const { status, body } = this.options.protocol.errorResponse(error);
    if (this.options.response.headersSent) {
      // Too late for a status: cut the stream, the client sees a truncated response.
      this.options.response.destroy();
      return;
    }
    this.record.firstByteAt = this.options.state.clock.now();
    this.sendJson(status, body, headers);
  }

  private sendJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(body);
    this.record.status = status;
    this.options.response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      [requestIdHeader]: this.identity.requestId,
      ...headers,
    });
    this.options.response.end(text);
  }
}

function bodyError(reason: Exclude<RequestBodyResult, { ok: true }>['reason']): LlmError {
  switch (reason) {
    case 'too-large':
      return { kind: 'request-too-large', message: 'Request body is too large.' };
    case 'not-an-object':
      return { kind: 'invalid-request', message: 'The request body must be a JSON object.' };
    default:
      return { kind: 'invalid-request', message: 'We could not parse the JSON body of your request: it is not valid JSON.' };
  }
}

/**
 * Retry-After in whole seconds (at least 1, as HTTP requires) and retry-after-ms in wall ms, which
 * the OpenAI and Anthropic SDKs prefer, so a client waits the scaled time rather than a second.
 */
export function retryAfterHeaders(retryWallMs: number): Record<string, string> {
  // Trim float noise (1000 × 0.07 = 70.00000000000001) before rounding up to whole ms.
  const wallMs = Math.max(1, Math.ceil(retryWallMs - 1e-6));
  return { 'retry-after': String(Math.max(1, Math.ceil(wallMs / 1000))), 'retry-after-ms': String(wallMs) };
}
