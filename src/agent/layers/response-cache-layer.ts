// The response cache as an agent layer: answer from the cache when it is safe (exact text first, no
// embedding needed; then the request embedding the run shares with other layers), streaming the hit
// like a live answer; otherwise run the rest of the agent and hand the run to the cache, which stores
// it only when it is safe to. Own writes invalidate at once: the moment a side-effecting call
// succeeds, the cached answers built from what it changed are gone.

import type { PlanCache, ResponseCache, ResponseHit } from '../../cache/index.js';
import type { AgentEvent } from '../../spec/index.js';
import { createBoundedWait, HotpathError, renderTags } from '../../util/index.js';
import type { AgentLayer, RunContext } from '../run-context.js';
import { agentNamespace } from './agent-namespace.js';
import { streamCachedAnswer } from './stream-cached-answer.js';
import { toolCallEvidence } from './tool-call-evidence.js';

export interface ResponseCacheLayerOptions {
  /** Distinguishes this agent's configuration beyond its prompt and tools (model ids, a version). */
  agentKey?: string;
  /** Requests whose pattern the plan cache saw act are never answered from cache. */
  planCache?: PlanCache;
  /** Characters per streamed chunk of a cached answer (at least). Default 24. */
  chunkSize?: number;
  /**
   * How long a run waits for its request embedding before treating the lookup as a miss (the lookup
   * still learns from the candidate when the embedding arrives). A semantic hit is rare; a long or
   * queued embedding must not sit on every request's critical path: while embeddings have lately
   * arrived later than this, runs do not wait for them at all. Default 100 ms.
   */
  maxEmbeddingWaitMs?: number;
}

/** Invalidates what a side-effecting call changed as soon as it succeeds. */
function watchWrites(run: RunContext, cache: ResponseCache): (event: AgentEvent) => void {
  const inputs = new Map<string, unknown>();
  return (event) => {
    if (event.type === 'tool-call-start') {
      inputs.set(event.callId, event.input);
      return;
    }
    if (event.type !== 'tool-call-end' || event.error !== undefined) return;
    const tool = run.tools.tools.get(event.toolName);
    if (!tool || tool.readOnly) return;
    const tags = renderTags(tool.writes, inputs.get(event.callId));
    if (tags.length === 0) return;
    cache.invalidate({ tags, source: 'write', ...(run.tenant === undefined ? {} : { tenant: run.tenant }) }).catch(() => undefined);
  };
}

export function responseCacheLayer(cache: ResponseCache, options: ResponseCacheLayerOptions = {}): AgentLayer {
  const chunkSize = options.chunkSize ?? 24;
  const maxEmbeddingWaitMs = options.maxEmbeddingWaitMs ?? 100;
  if (!(maxEmbeddingWaitMs >= 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `responseCacheLayer: option "maxEmbeddingWaitMs" must be a non-negative number (got ${String(maxEmbeddingWaitMs)})`, {
      details: { option: 'maxEmbeddingWaitMs' },
    });
  }
  const embeddingWait = createBoundedWait({ maxWaitMs: maxEmbeddingWaitMs });
  const { planCache } = options;
  return (next) => async (run) => {
    const namespace = agentNamespace(run, options.agentKey === undefined ? {} : { agentKey: options.agentKey });
    const span = run.recorder.start('cache', 'response cache');
    let predictsSideEffects = false;
    try {
      predictsSideEffects = planCache?.knowsSideEffects({ namespace: agentNamespace(run, { ...(options.agentKey === undefined ? {} : { agentKey: options.agentKey }), abstractUser: true }), text: run.input }) ?? false;
    } catch {
      predictsSideEffects = false;
    }
    const lookup = cache.begin({
      namespace,
      text: run.input,
      ...(run.tenant === undefined ? {} : { tenant: run.tenant }),
      ...(run.user === undefined ? {} : { user: run.user }),
      ...(predictsSideEffects ? { predictsSideEffects } : {}),
    });
    let hit: ResponseHit | undefined;
    let embedding: Float32Array | undefined;
    // Until a threshold is certified no semantic hit can be served: the run does not wait for the
    // embedding, and the lookup learns from the candidate in the background.
    let learning: Promise<unknown> | undefined;
    try {
      const exact = lookup.exact();
      hit = exact instanceof Promise ? await exact : exact;
      if (!hit && !lookup.bypass) {
        const pending = run.requestEmbedding();
        const arrived = pending && cache.servesSemanticHits() ? await embeddingWait.value(pending) : undefined;
        if (arrived !== undefined) {
          embedding = arrived;
          const semantic = lookup.semantic(embedding);
          hit = semantic instanceof Promise ? await semantic : semantic;
        } else if (pending) {
          learning = pending.then((vector) => {
            embedding = vector;
            return lookup.semantic(vector, { serve: false });
          }).catch(() => undefined);
        }
      }
    } catch {
      // A cache or embedding failure costs the hit, never the answer.
      run.signal.throwIfAborted();
      hit = undefined;
    }
    span.end({ outcome: hit?.layer ?? lookup.bypass ?? 'miss', ...(hit ? { similarity: Number(hit.similarity.toFixed(4)) } : {}) });
    if (hit) return streamCachedAnswer(run, hit, chunkSize);

    const onWrite = watchWrites(run, cache);
    const outcome = await next({
      ...run,
      emit: (event) => {
        onWrite(event);
        run.emit(event);
      },
    });
    const evidence = () => ({ text: outcome.text, finishReason: outcome.finishReason, toolCalls: toolCallEvidence(run), ...(embedding ? { embedding } : {}) });
    lookup.complete(learning === undefined ? evidence() : learning.then(evidence)).catch(() => undefined);
    return outcome;
  };
}
