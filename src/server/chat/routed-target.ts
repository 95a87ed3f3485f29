// Model "auto": the router picks the tier (classifier on the request embedding, else a text
// heuristic), hedges slow first tokens, fails over and escalates a cheaper tier's bad answer, and the
// answer is re-encoded as Chat Completions. The router sees the request as a one-step run.

import { performance } from 'node:perf_hooks';
import type { ModelRouter } from '../../router/index.js';
import type { EmbeddingModel, RunResult } from '../../spec/index.js';
import { RunRecorder } from '../../telemetry/index.js';
import { linkedController } from '../http/linked-abort.js';
import type { ModelRuntime } from '../runtime/model-runtime.js';
import type { ProxyTarget } from './proxy-completion.js';
import { toModelCall } from './to-model-call.js';
import { encodeFromFirstPart } from './upstream-attempt.js';

export interface RoutedTargetOptions {
  name: string;
  router: ModelRouter;
  models: ReadonlyMap<string, ModelRuntime>;
  embeddings: EmbeddingModel | undefined;
  user: string | undefined;
}

export function routedTarget(options: RoutedTargetOptions): ProxyTarget {
  return {
    name: options.name,
    async start(request) {
      const call = toModelCall(request.chat);
      const input = [...call.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
      const recorder = new RunRecorder(request.requestId, { 'hotpath.route': options.name });
      // Aborting the run's signal stops the router's calls (client gone, stream broken).
      const controller = linkedController(request.signal);
      const modelCalls: RunResult['modelCalls'] = [];
      let embedding: Promise<Float32Array> | undefined;
      const run = {
        requestId: request.requestId,
        input,
        user: options.user,
        signal: controller.signal,
        deadline: request.deadline,
        recorder,
        emit: () => {},
        modelCalls,
        requestEmbedding: () => {
          if (options.embeddings === undefined || input === '') return undefined;
          embedding ??= options.embeddings.embed([input], { signal: controller.signal }).then((vectors) => vectors[0]!);
          return embedding;
        },
      };
      const started = performance.now();
      const startedAt = Date.now();
      const parts = await options.router.stream({ run, step: 0, messages: call.messages, tools: call.tools ?? [] });
      let servedBy: string | undefined;
      const encoded = await encodeFromFirstPart(parts, request, started, (part) => {
        if (part.type === 'response-start') servedBy = part.modelId;
      });
      const served = [...options.models.values()].find((model) => model.upstreamId === servedBy) ?? [...options.models.values()][0]!;
      return {
        started: { model: served, status: 200, ...encoded, startedAt, abort: (reason) => controller.abort(reason) },
        // The router fills these in as its calls end (hedges and escalations marked).
        modelCalls,
        fallbacks: 0,
      };
    },
  };
}
