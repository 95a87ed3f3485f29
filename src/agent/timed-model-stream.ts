// Calls a model for one step and reports it: model-call-start/end events, a 'model' span with time
// to first token, a 'connection' span when the call had to open a connection, and a modelCalls entry.

import type { LanguageModel, ModelStreamPart } from '../spec/index.js';
import { getModelCallTimings } from '../providers/index.js';
import type { ModelStepRequest } from './model-step-caller.js';

export interface TimedModelStreamOptions {
  model: LanguageModel;
  tier?: string;
  request: ModelStepRequest;
  /** Marks the call in `modelCalls` (a router sets these). */
  escalated?: boolean;
  hedged?: boolean;
  /** Signal for this call only (a hedge cancels its loser); defaults to the run's. */
  signal?: AbortSignal;
}

export async function timedModelStream(options: TimedModelStreamOptions): Promise<AsyncIterable<ModelStreamPart>> {
  const { model, tier, request } = options;
  const { run, step } = request;
  const tierField = tier === undefined ? {} : { tier };
  run.emit({ type: 'model-call-start', model: model.modelId, ...tierField, step });
  const span = run.recorder.start('model', `model ${model.modelId}`, tier === undefined ? { step } : { step, tier });
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
    });
  } catch (error) {
    span.end({ error: true });
    throw error;
  }
  return (async function* () {
    let firstTokenMs: number | undefined;
    let finishReason: Extract<ModelStreamPart, { type: 'finish' }>['finishReason'] = 'other';
    let failed = false;
    try {
      for await (const part of stream) {
        if (firstTokenMs === undefined && (part.type === 'text-delta' || part.type === 'tool-input-start' || part.type === 'tool-call')) {
          firstTokenMs = performance.now() - startedAt;
        }
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
      run.modelCalls.push({
        model: model.modelId,
        ...tierField,
        ...(firstTokenMs === undefined ? {} : { ttftMs: firstTokenMs }),
        totalMs,
        ...(options.escalated ? { escalated: true } : {}),
        ...(options.hedged ? { hedged: true } : {}),
      });
      run.emit({ type: 'model-call-end', model: model.modelId, ...tierField, step, ...(firstTokenMs === undefined ? {} : { ttftMs: firstTokenMs }), totalMs, finishReason });
    }
  })();
}
