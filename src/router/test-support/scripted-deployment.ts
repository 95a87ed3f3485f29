// A LanguageModel test double for router tests: each call plays a script — a delay before the
// response starts (or a rejection, like a 429), then parts with delays between them, or an error
// mid-stream. It records every call and whether its signal aborted it, so tests can prove that a
// hedge's loser or an escalated call was really cancelled.

import type { LanguageModel, ModelCallOptions, ModelStreamPart } from '../../spec/index.js';

export type ScriptedPart = ModelStreamPart | { type: 'delay'; ms: number } | { type: 'throw'; error: unknown };

export interface CallScript {
  /** Wait before the response starts (stream() resolves). */
  headersDelayMs?: number;
  /** stream() rejects with this after the headers delay. */
  reject?: unknown;
  parts?: ScriptedPart[];
}

export interface ScriptedCall {
  options: ModelCallOptions;
  /** Whether the call's signal aborted it before it finished. */
  aborted: boolean;
  abortReason?: unknown;
  finished: boolean;
}

export interface ScriptedDeployment extends LanguageModel {
  readonly calls: ScriptedCall[];
  /** The options of each warm-up request. */
  readonly warmUps: Array<Parameters<NonNullable<LanguageModel['warmUp']>>[0]>;
}

export type ScriptSource = CallScript[] | ((call: { index: number; options: ModelCallOptions }) => CallScript);

export function scriptedDeployment(options: { modelId: string; provider?: string; script: ScriptSource }): ScriptedDeployment {
  const calls: ScriptedCall[] = [];
  const scriptFor = (index: number, callOptions: ModelCallOptions): CallScript => {
    const { script } = options;
    if (typeof script === 'function') return script({ index, options: callOptions });
    const chosen = script[Math.min(index, script.length - 1)];
    if (chosen === undefined) throw new Error(`${options.modelId} has no script`);
    return chosen;
  };
  const model: ScriptedDeployment = {
    provider: options.provider ?? 'test',
    modelId: options.modelId,
    calls,
    warmUps: [],
    async stream(callOptions) {
      const call: ScriptedCall = { options: callOptions, aborted: false, finished: false };
      const index = calls.push(call) - 1;
      const signal = callOptions.signal;
      signal?.addEventListener('abort', () => {
        if (call.finished) return;
        call.aborted = true;
        call.abortReason = signal.reason;
      }, { once: true });
      const script = scriptFor(index, callOptions);
      if (script.headersDelayMs) await wait(script.headersDelayMs, signal);
      if (script.reject !== undefined) {
        call.finished = true;
        throw script.reject;
      }
      const parts = script.parts ?? [];
      return (async function* () {
        try {
          for (const part of parts) {
            if (part.type === 'delay') await wait(part.ms, signal);
            else if (part.type === 'throw') throw part.error;
            else {
              signal?.throwIfAborted();
              yield part;
            }
          }
        } finally {
          call.finished = true;
        }
      })();
    },
    async generate() {
      throw new Error('scripted deployments only stream');
    },
    async warmUp(warmUpOptions) {
      model.warmUps.push(warmUpOptions);
    },
  };
  return model;
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const usage = { inputTokens: 20, outputTokens: 10 };

/** An answer streamed word by word, `tokenMs` apart, after `firstTokenMs`. */
export function textAnswer(text: string, timing: { firstTokenMs?: number; tokenMs?: number; headersDelayMs?: number } = {}): CallScript {
  const words = text.split(/(?<= )/);
  const parts: ScriptedPart[] = [{ type: 'response-start', modelId: 'scripted' }];
  if (timing.firstTokenMs) parts.push({ type: 'delay', ms: timing.firstTokenMs });
  words.forEach((word, index) => {
    if (index > 0 && timing.tokenMs) parts.push({ type: 'delay', ms: timing.tokenMs });
    parts.push({ type: 'text-delta', delta: word });
  });
  parts.push({ type: 'finish', finishReason: 'stop', usage: { inputTokens: 20, outputTokens: words.length } });
  return { ...(timing.headersDelayMs ? { headersDelayMs: timing.headersDelayMs } : {}), parts };
}

/** Tool calls (optionally after a short text), with raw argument text so tests can break the JSON. */
export function toolCallAnswer(calls: Array<{ id?: string; name: string; input: string | object }>, timing: { firstTokenMs?: number; text?: string } = {}): CallScript {
  const parts: ScriptedPart[] = [{ type: 'response-start', modelId: 'scripted' }];
  if (timing.firstTokenMs) parts.push({ type: 'delay', ms: timing.firstTokenMs });
  if (timing.text) parts.push({ type: 'text-delta', delta: timing.text });
  calls.forEach((call, index) => {
    const id = call.id ?? `call_${index + 1}`;
    const input = typeof call.input === 'string' ? call.input : JSON.stringify(call.input);
    parts.push({ type: 'tool-input-start', id, toolName: call.name }, { type: 'tool-input-delta', id, delta: input }, { type: 'tool-call', toolCall: { id, name: call.name, input } });
  });
  parts.push({ type: 'finish', finishReason: 'tool-calls', usage });
  return { parts };
}
