// Calls a model for one step and reports it exactly as the agent's single-model caller does:
// model-call-start/end events, a 'model' span with time to first token, a 'connection' span when the
// call opened a connection, and a modelCalls entry — marked escalated or hedged when the router made
// it for those reasons. Each call gets its own signal so a hedge's loser can be cancelled alone.

import { getModelCallTimings } from '../providers/index.js';
import type { FinishReason, LanguageModel, ModelStreamPart } from '../spec/index.js';
import type { RouterStepRequest } from './router-types.js';

export interface ReportModelCallOptions {
  model: LanguageModel;
  /** The tier the call was made on; omitted for an agent with a single model. */
  tier?: string;
  request: RouterStepRequest;
  escalated?: boolean;
  hedged?: boolean;
  /** This call only (a hedge's loser is cancelled alone); the run's signal by default. */
  signal?: AbortSignal;
  /** Adapter retries before the response starts (a router that fails over passes 0). */
  retries?: number;
}

const tokenParts = new Set<ModelStreamPart['type']>(['text-delta', 'tool-input-start', 'tool-call']);

export async function reportModelCall(options: ReportModelCallOptions): Promise<AsyncIterable<ModelStreamPart>> {
  const { model, tier, request } = options;
  const { run, step } = request;
  const tierField = tier === undefined ? {} : { tier };
  run.emit({ type: 'model-call-start', model: model.modelId, ...tierField, step });
  const attributes: Record<string, string | number | boolean> = { step };
  if (tier !== undefined) attributes.tier = tier;
  if (options.escalated) attributes.escalated = true;
  if (options.hedged) attributes.hedged = true;
  const span = run.recorder.start('model', `model ${model.modelId}`, attributes);
  const startedAt = performance.now();
  const callStartMs = run.recorder.elapsed();
  let stream: AsyncIterable<ModelStreamPart>;
  try {
    stream = await model.stream({
      messages: request.messages,
      ...(request.tools.length === 0 ? {} : { tools: request.tools }),
      signal: options.signal ?? run.signal,
      deadline: run.deadline,
      headers: { 'x-request-id': run.requestId },
      ...(run.user === undefined ? {} : { user: run.user }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
    });
  } catch (error) {
    span.end({ error: true });
    run.modelCalls.push(callRecord(options, undefined, performance.now() - startedAt));
    run.emit({ type: 'model-call-end', model: model.modelId, ...tierField, step, totalMs: performance.now() - startedAt, finishReason: 'error' });
    throw error;
  }
  return (async function* () {
    let firstTokenMs: number | undefined;
    let finishReason: FinishReason = 'other';
    let failed = false;
    try {
      for await (const part of stream) {
        if (firstTokenMs === undefined && tokenParts.has(part.type)) firstTokenMs = performance.now() - startedAt;
        if (part.type === 'finish') finishReason = part.finishReason;
        yield part;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      const totalMs = performance.now() - startedAt;
      const timings = getModelCallTimings(stream);
      if (timings?.connectionOpened) {
        const queueMs = timings.queueMs ?? 0;
        run.recorder.record({ stage: 'connection', name: `connect ${model.provider}`, startMs: callStartMs + queueMs, endMs: callStartMs + queueMs + (timings.connectMs ?? 0) });
      }
      span.end({ ...(firstTokenMs === undefined ? {} : { ttftMs: Math.round(firstTokenMs) }), finishReason, ...(failed ? { error: true } : {}) });
      run.modelCalls.push(callRecord(options, firstTokenMs, totalMs));
      run.emit({ type: 'model-call-end', model: model.modelId, ...tierField, step, ...(firstTokenMs === undefined ? {} : { ttftMs: firstTokenMs }), totalMs, finishReason });
    }
  })();
}

function callRecord(options: ReportModelCallOptions, ttftMs: number | undefined, totalMs: number) {
  return {
    model: options.model.modelId,
    ...(options.tier === undefined ? {} : { tier: options.tier }),
    ...(ttftMs === undefined ? {} : { ttftMs }),
    totalMs,
    ...(options.escalated ? { escalated: true } : {}),
    ...(options.hedged ? { hedged: true } : {}),
  };
}
