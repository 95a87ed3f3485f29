// createAgent: composes the model/tool loop with the layers around it (caches, plan reuse,
// speculation) and runs each request with a deadline, an abort signal, a stage recorder and a typed
// event stream. Everything option-dependent is worked out here, once, not per request.

import { randomUUID } from 'node:crypto';
import type { AgentEvent, LanguageModel, ModelMessage, RunResult } from '../spec/index.js';
import { EventChannel } from '../streaming/index.js';
import { RunRecorder } from '../telemetry/index.js';
import { createToolExecutor, type ToolExecutor } from '../tools/index.js';
import { deadlineSignal, HotpathError } from '../util/index.js';
import type { Agent, AgentOptions, AgentStream, RunOptions } from './agent-options.js';
import { singleModelCaller, type WarmUpOptions } from './model-step-caller.js';
import { modelToolLoop } from './model-tool-loop.js';
import type { RunContext, RunHandler } from './run-context.js';

const defaultTimeoutMs = 30_000;
const defaultMaxSteps = 8;

export function createAgent(options: AgentOptions): Agent {
  const settings = resolveOptions(options);
  const handler = [...settings.layers].reverse().reduce<RunHandler>((next, layer) => layer(next), modelToolLoop({ caller: settings.caller, maxSteps: settings.maxSteps }));

  const execute = async (input: string, runOptions: RunOptions, emit: (event: AgentEvent) => void): Promise<RunResult> => {
    if (typeof input !== 'string' || input.trim() === '') {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'agent.run: input must be a non-empty string');
    }
    const runId = randomUUID();
    const requestId = runOptions.requestId ?? runId;
    const deadline = runOptions.deadline ?? Date.now() + (runOptions.timeoutMs ?? settings.timeoutMs);
    const recorder = new RunRecorder(runId, { 'hotpath.agent': settings.name, 'hotpath.request_id': requestId });
    const limit = deadlineSignal({ ...(runOptions.signal === undefined ? {} : { signal: runOptions.signal }), deadline, what: `run ${requestId}` });
    const instructions = settings.instructions({ user: runOptions.user, tenant: runOptions.tenant });
    const conversation: ModelMessage[] = [
      ...(instructions === '' ? [] : [{ role: 'system' as const, content: instructions }]),
      ...(runOptions.history ?? []),
      { role: 'user', content: input },
    ];
    let firstEventMs: number | undefined;
    let firstTokenMs: number | undefined;
    const send = (event: AgentEvent) => {
      if (event.type !== 'run-start' && firstEventMs === undefined) firstEventMs = recorder.elapsed();
      if (event.type === 'text-delta' && firstTokenMs === undefined) firstTokenMs = recorder.elapsed();
      emit(event);
    };
    let embedding: Promise<Float32Array> | undefined;
    const run: RunContext = {
      runId,
      requestId,
      input,
      conversation,
      user: runOptions.user,
      tenant: runOptions.tenant,
      signal: limit.signal,
      deadline,
      recorder,
      tools: settings.tools,
      emit: send,
      modelCalls: [],
      toolCalls: [],
      requestEmbedding: () => {
        if (!settings.embeddings) return undefined;
        embedding ??= (async () => {
          const span = recorder.start('embed', `embed ${settings.embeddings!.modelId}`);
          try {
            const [vector] = await settings.embeddings!.embed([input], { signal: limit.signal });
            return vector!;
          } finally {
            span.end();
          }
        })();
        return embedding;
      },
    };
    send({ type: 'run-start', runId, at: Date.now() });
    try {
      const outcome = await handler(run);
      const format = recorder.start('format', 'result');
      const result: RunResult = {
        runId,
        ...outcome,
        toolCalls: [...run.toolCalls],
        modelCalls: [...run.modelCalls],
        timings: { totalMs: 0, firstEventMs: 0, spans: [] },
      };
      format.end();
      const totalMs = recorder.elapsed();
      result.timings = {
        totalMs,
        firstEventMs: firstEventMs ?? totalMs,
        ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
        spans: recorder.spans(),
      };
      recorder.finish({ 'hotpath.total_ms': totalMs });
      send({ type: 'run-finish', result });
      return result;
    } catch (caught) {
      const error = toRunError(caught, limit.signal);
      recorder.finish({}, error);
      send({ type: 'error', error: { code: error.code, message: error.message, isRetryable: error.isRetryable } });
      throw error;
    } finally {
      limit.dispose();
      settings.tools.forgetRun(requestId);
    }
  };

  return Object.freeze({
    name: settings.name,
    tools: settings.tools,
    run: (input: string, runOptions: RunOptions = {}) => execute(input, runOptions, runOptions.onEvent ?? (() => {})),
    stream: (input: string, runOptions: Omit<RunOptions, 'onEvent'> = {}): AgentStream => {
      const controller = new AbortController();
      const channel = new EventChannel<AgentEvent>({ onCancel: () => controller.abort(new HotpathError('HOTPATH_ABORTED', 'the event stream was closed by its consumer')) });
      const signal = runOptions.signal === undefined ? controller.signal : AbortSignal.any([runOptions.signal, controller.signal]);
      const result = execute(input, { ...runOptions, signal }, (event) => channel.push(event));
      result.then(() => channel.close(), () => channel.close());
      result.catch(() => {});
      return Object.assign(channel, { result });
    },
    warmUp: async (warmUpOptions?: WarmUpOptions) => {
      await settings.caller.warmUp?.(warmUpOptions);
    },
  });
}

interface ResolvedOptions {
  name: string;
  caller: ReturnType<typeof singleModelCaller>;
  tools: ToolExecutor;
  instructions: (context: { user: string | undefined; tenant: string | undefined }) => string;
  maxSteps: number;
  timeoutMs: number;
  embeddings: AgentOptions['embeddings'];
  layers: NonNullable<AgentOptions['layers']>;
}

function resolveOptions(options: AgentOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options', 'must be an object');
  const { maxSteps = defaultMaxSteps, timeoutMs = defaultTimeoutMs } = options;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw invalid('maxSteps', `must be a positive integer (got ${String(maxSteps)})`);
  if (!(typeof timeoutMs === 'number' && timeoutMs > 0)) throw invalid('timeoutMs', `must be a positive number (got ${String(timeoutMs)})`);
  if (options.tools !== undefined && options.toolExecutor !== undefined && isExecutor(options.toolExecutor)) {
    throw invalid('tools', 'give tools either in "tools" or through a shared "toolExecutor", not both');
  }
  const instructions = options.instructions;
  if (instructions !== undefined && typeof instructions !== 'string' && typeof instructions !== 'function') {
    throw invalid('instructions', 'must be a string or a function of { user, tenant }');
  }
  const tools = isExecutor(options.toolExecutor)
    ? options.toolExecutor
    : createToolExecutor({ ...options.toolExecutor, tools: options.tools ?? [] });
  return {
    name: options.name ?? 'agent',
    caller: options.modelCaller ?? defaultCaller(options),
    tools,
    instructions: typeof instructions === 'function' ? instructions : () => instructions ?? '',
    maxSteps,
    timeoutMs,
    embeddings: options.embeddings,
    layers: options.layers ?? [],
  };
}

function defaultCaller(options: AgentOptions) {
  const models = options.models;
  if (models === undefined || models === null || typeof models !== 'object') throw invalid('models', 'is required: a LanguageModel or { tier: LanguageModel }');
  if (isLanguageModel(models)) return singleModelCaller(models);
  const tiers = Object.keys(models);
  if (tiers.length === 0) throw invalid('models', 'names no model');
  const tier = options.defaultTier ?? (tiers.includes('powerful') ? 'powerful' : tiers[0]!);
  const model = (models as Record<string, LanguageModel>)[tier];
  if (!model) throw invalid('defaultTier', `"${tier}" is not one of the tiers in "models" (${tiers.join(', ')})`);
  return singleModelCaller(model, tier);
}

function isLanguageModel(value: unknown): value is LanguageModel {
  return typeof (value as LanguageModel).stream === 'function' && typeof (value as LanguageModel).modelId === 'string';
}

function isExecutor(value: unknown): value is ToolExecutor {
  return typeof value === 'object' && value !== null && typeof (value as ToolExecutor).start === 'function' && typeof (value as ToolExecutor).declarations === 'function';
}

function invalid(option: string, problem: string): HotpathError {
  return new HotpathError('HOTPATH_INVALID_CONFIG', `createAgent: option "${option}" ${problem}`, { details: { option } });
}

function toRunError(caught: unknown, signal: AbortSignal): HotpathError {
  if (HotpathError.isInstance(caught)) return caught;
  if (signal.aborted && HotpathError.isInstance(signal.reason)) return signal.reason;
  if (signal.aborted) return new HotpathError('HOTPATH_ABORTED', 'the run was aborted', { cause: caught });
  const message = caught instanceof Error ? caught.message : String(caught);
  return new HotpathError('HOTPATH_INTERNAL', `the run failed: ${message}`, { cause: caught });
}
