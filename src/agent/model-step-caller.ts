// How the loop gets a model's answer for one step. The default calls one model; a router
// implements the same interface to pick a tier, hedge, fail over and escalate, invisibly to the loop.

import type { LanguageModel, ModelMessage, ModelStreamPart, ModelToolDeclaration } from '../spec/index.js';
import { HotpathError } from '../util/index.js';
import type { RunContext } from './run-context.js';
import { timedModelStream } from './timed-model-stream.js';

export interface ModelStepRequest {
  run: RunContext;
  /** 0 for the first model call of the run. */
  step: number;
  messages: ModelMessage[];
  tools: ModelToolDeclaration[];
}

export interface WarmUpOptions {
  /** Connections to open per model origin. */
  connections?: number;
  /** Headers for the warm-up requests (correlation ids). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ModelStepCaller {
  /** Streams the step's answer. Emits model-call events and records the call on the run. */
  stream(request: ModelStepRequest): Promise<AsyncIterable<ModelStreamPart>>;
  /** Warms every model it may call (connections opened, a minimal request sent). */
  warmUp?(options?: WarmUpOptions): Promise<void>;
}

/** Calls one model for every step. */
export function singleModelCaller(model: LanguageModel, tier?: string): ModelStepCaller {
  if (typeof model?.stream !== 'function') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'createAgent: option "models" must be a LanguageModel or a map of tier name to LanguageModel');
  }
  return {
    stream: (request) => timedModelStream({ model, ...(tier === undefined ? {} : { tier }), request }),
    warmUp: async (options) => {
      await model.warmUp?.(options);
    },
  };
}
