// The plan cache as an agent layer. Before the model plans, it asks the plan cache what this request's
// pattern needed last time, with this request's values:
// - confident prediction, every call derivable and read-only: run those calls at once (as a graph, so
//   a call needing another's output starts when it can), prefill the conversation with the assistant
//   tool-call messages and their results, and let the model write the answer: the planning model call
//   is skipped. If the model wants more, the loop simply continues;
// - a less confident prediction: start its read-only calls speculatively while the model plans; the
//   model's matching calls get those results;
// - afterwards, tell the plan cache what the model actually did.
// With an embedding model, the request's slot template is embedded too (once per template), so a
// template met for the first time can borrow the plan of a known paraphrase.
// Calls the model picks from earlier results (left to the model) are never prefilled: the run
// prefills the derivable calls before them and the model makes the rest.

import { createTemplateVectors, extractSlots, type ObservedStep, type PlanCache, type PlanPrediction, type PredictedCall } from '../../cache/index.js';
import type { EmbeddingModel, ModelMessage } from '../../spec/index.js';
import type { Speculator } from '../../speculation/index.js';
import { createSpeculator } from '../../speculation/index.js';
import type { ToolCallResult } from '../../tools/index.js';
import { createBoundedWait, HotpathError } from '../../util/index.js';
import type { AgentLayer, RunContext } from '../run-context.js';
import { toolContext } from '../tool-context.js';
import { agentNamespace } from './agent-namespace.js';
import { createStepRecorder } from './step-recorder.js';

export interface PlanLayerOptions {
  /** Runs predicted calls ahead of the model; `false` turns speculation off. Default: a new speculator. */
  speculation?: Speculator | false;
  /** Share of reusable predictions run with speculation instead, to keep checking the model agrees. Default 0.1. */
  explorationRate?: number;
  /** Distinguishes this agent's configuration beyond its prompt and tools. */
  agentKey?: string;
  random?: () => number;
  /**
   * Embeds request templates so that a new phrasing can borrow a known paraphrase's plan (the run's
   * embedding model fits; the request embedding does not, it holds the slot values). Default: none,
   * plans are matched by exact template only.
   */
  embeddings?: EmbeddingModel;
  /** Template vectors kept (templates repeat). Default 4,096. */
  templateVectorCacheSize?: number;
  /**
   * How long a run waits for a new template's embedding before planning without it (not at all while
   * template embeddings have lately arrived later than this). Default 150 ms.
   */
  maxTemplateEmbeddingWaitMs?: number;
}

/** Graph references point at prediction ids ("s0c0"); the run uses its own call ids. */
function renameReferences(value: unknown, rename: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameReferences(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (typeof record['$ref'] === 'string' && Object.keys(record).every((key) => key === '$ref' || key === 'path')) return { ...record, $ref: rename(record['$ref']) };
  return Object.fromEntries(Object.entries(record).map(([key, inner]) => [key, renameReferences(inner, rename)]));
}

function toolResultMessage(callId: string, toolName: string, result: ToolCallResult): ModelMessage {
  return result.ok
    ? { role: 'tool', toolCallId: callId, toolName, content: typeof result.output === 'string' ? result.output : JSON.stringify(result.output ?? null) }
    : { role: 'tool', toolCallId: callId, toolName, content: JSON.stringify({ error: result.error }), isError: true };
}

/** Runs the predicted calls and writes them into the conversation as if the model had asked for them. */
async function prefill(run: RunContext, prediction: PlanPrediction): Promise<ObservedStep[]> {
  const idOf = (id: string) => `plan_${run.runId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8)}_${id}`;
  // The derivable calls before any call left to the model (a reusable prediction has no gap before it).
  const steps = prediction.steps.map((step) => step.filter((call) => call.derivable && !call.leftToModel)).filter((step) => step.length > 0);
  const calls = steps.flat();
  const results = await run.tools.executeGraph(
    calls.map((call) => ({ id: idOf(call.id), toolName: call.toolName, input: renameReferences(call.input, idOf) })),
    toolContext(run),
  );
  const offset = run.recorder.startedAtEpoch;
  const observed: ObservedStep[] = [];
  let position = 0;
  for (const step of steps) {
    const stepResults = results.slice(position, position + step.length);
    position += step.length;
    run.conversation.push({
      role: 'assistant',
      content: '',
      toolCalls: step.map((call, index) => ({ id: idOf(call.id), name: call.toolName, input: JSON.stringify(stepResults[index]!.record.input ?? {}) })),
    });
    step.forEach((call: PredictedCall, index) => {
      const result = stepResults[index]!;
      run.conversation.push(toolResultMessage(idOf(call.id), call.toolName, result));
      run.toolCalls.push(result.record);
      run.recorder.record({
        stage: 'tool',
        name: `tool ${call.toolName}`,
        startMs: result.record.startMs - offset,
        endMs: result.record.endMs - offset,
        attributes: { ok: result.ok, source: result.record.source ?? 'call', plan: true },
      });
    });
    observed.push(
      step.map((call, index) => {
        const result = stepResults[index]!;
        return { toolName: call.toolName, input: result.record.input, ...(result.ok ? { output: result.output } : {}), failed: !result.ok, readOnly: true };
      }),
    );
  }
  return observed;
}

export function planLayer(planCache: PlanCache, options: PlanLayerOptions = {}): AgentLayer {
  const explorationRate = options.explorationRate ?? 0.1;
  if (!(explorationRate >= 0 && explorationRate <= 1)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `planLayer: option "explorationRate" must be between 0 and 1 (got ${String(explorationRate)})`, { details: { option: 'explorationRate' } });
  }
  if (typeof planCache?.predict !== 'function' || typeof planCache.observe !== 'function') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'planLayer: the first argument must be a PlanCache', { details: { option: 'planCache' } });
  }
  const maxTemplateEmbeddingWaitMs = options.maxTemplateEmbeddingWaitMs ?? 150;
  if (!(maxTemplateEmbeddingWaitMs >= 0)) {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', `planLayer: option "maxTemplateEmbeddingWaitMs" must be a non-negative number (got ${String(maxTemplateEmbeddingWaitMs)})`, {
      details: { option: 'maxTemplateEmbeddingWaitMs' },
    });
  }
  if (options.embeddings !== undefined && typeof options.embeddings?.embed !== 'function') {
    throw new HotpathError('HOTPATH_INVALID_CONFIG', 'planLayer: option "embeddings" must be an EmbeddingModel', { details: { option: 'embeddings' } });
  }
  const templateVectors = options.embeddings
    ? createTemplateVectors({ embeddings: options.embeddings, ...(options.templateVectorCacheSize === undefined ? {} : { maxEntries: options.templateVectorCacheSize }) })
    : undefined;
  const templateWait = createBoundedWait({ maxWaitMs: maxTemplateEmbeddingWaitMs });
  const speculator = options.speculation === false ? undefined : options.speculation ?? createSpeculator();
  const random = options.random ?? Math.random;

  return (next) => async (run) => {
    const namespace = agentNamespace(run, { ...(options.agentKey === undefined ? {} : { agentKey: options.agentKey }), abstractUser: true });
    const request = { namespace, text: run.input, ...(run.user === undefined ? {} : { user: run.user }) };
    const span = run.recorder.start('plan', 'plan cache');
    const template = templateVectors ? extractSlots(run.input).template : undefined;
    let templateVector: Float32Array | undefined;
    if (templateVectors && template !== undefined) {
      // Wait only when a similar template is known to borrow from; otherwise the vector is embedded in
      // the background and remembered with the run's plan for the paraphrases that come later.
      if (planCache.hasTemplatesLike(request)) templateVector = templateVectors.peek(template) ?? (await templateWait.value(templateVectors.vector(template)));
      else {
        templateVector = templateVectors.peek(template);
        if (templateVector === undefined) void templateVectors.vector(template).catch(() => undefined);
      }
    }
    let prediction: PlanPrediction | undefined;
    try {
      prediction = planCache.predict({ ...request, ...(templateVector ? { templateVector } : {}) });
    } catch {
      prediction = undefined;
    }
    // Now and then a reusable plan runs with speculation instead: the model's own choice keeps its confidence honest.
    const reuse = prediction?.reusable === true && !(explorationRate > 0 && random() < explorationRate);
    span.end({
      predicted: prediction !== undefined,
      reuse,
      ...(prediction
        ? { pattern: prediction.pattern, confidence: Number(prediction.confidence.score.toFixed(3)), ...(prediction.generalized ? { similarTo: prediction.matchedPattern, similarity: Number(prediction.similarity.toFixed(3)) } : {}) }
        : {}),
    });

    let prefilled: ObservedStep[] = [];
    if (reuse && prediction) {
      run.emit({ type: 'cache-hit', layer: 'plan', key: prediction.pattern });
      prefilled = await prefill(run, prediction);
    }
    const speculative =
      !reuse && prediction && speculator && prediction.readOnlyCalls.length > 0
        ? speculator.begin({
            executor: run.tools,
            context: toolContext(run),
            calls: prediction.readOnlyCalls.map((call) => ({ id: call.id, toolName: call.toolName, input: call.input })),
          })
        : undefined;
    const recorder = createStepRecorder(speculative?.executor ?? run.tools);
    try {
      const outcome = await next({
        ...run,
        tools: recorder.executor,
        emit: (event) => {
          recorder.onEvent(event);
          run.emit(event);
        },
      });
      const steps = [...prefilled, ...(await recorder.steps())];
      // A slow embedding may have arrived during the run: the pattern then remembers its vector.
      templateVector ??= templateVectors && template !== undefined ? templateVectors.peek(template) : undefined;
      try {
        planCache.observe({
          ...request,
          ...(templateVector ? { templateVector } : {}),
          steps,
          mode: reuse ? 'reused' : speculative ? 'speculated' : 'observed',
          ...(prediction ? { prediction } : {}),
        });
      } catch {
        // Learning is best effort; the answer stands.
      }
      return reuse && prediction ? { ...outcome, cache: outcome.cache ?? { layer: 'plan', key: prediction.pattern } } : outcome;
    } finally {
      speculative?.finish();
    }
  };
}
