// A LanguageModel test double: each call plays the next scripted step, part by part, with delays.

import type { LanguageModel, ModelCallOptions, ModelMessage, ModelStreamPart } from '../../spec/index.js';

export type ScriptedPart = ModelStreamPart | { type: 'delay'; ms: number };
export type ScriptedStep = ScriptedPart[] | ((messages: ModelMessage[]) => ScriptedPart[]);

export interface ScriptedModel extends LanguageModel {
  readonly calls: ModelCallOptions[];
}

export function scriptedModel(steps: ScriptedStep[], modelId = 'scripted'): ScriptedModel {
  const calls: ModelCallOptions[] = [];
  return {
    provider: 'test',
    modelId,
    calls,
    async stream(options) {
      calls.push(options);
      const step = steps[calls.length - 1];
      if (!step) throw new Error(`scripted model has no step ${calls.length}`);
      const parts = typeof step === 'function' ? step(options.messages) : step;
      return (async function* () {
        for (const part of parts) {
          if (part.type === 'delay') {
            await new Promise<void>((resolve, reject) => {
              const timer = setTimeout(resolve, part.ms);
              options.signal?.addEventListener('abort', () => {
                clearTimeout(timer);
                reject(options.signal?.reason);
              }, { once: true });
            });
          } else {
            yield part;
          }
        }
      })();
    },
    async generate() {
      throw new Error('scripted model only streams');
    },
  };
}

export const textStep = (text: string): ScriptedPart[] => [
  { type: 'text-delta', delta: text },
  { type: 'finish', finishReason: 'stop', usage: { inputTokens: 10, outputTokens: 5 } },
];

export const toolCallPart = (id: string, name: string, input: object): ModelStreamPart => ({
  type: 'tool-call',
  toolCall: { id, name, input: JSON.stringify(input) },
});

export const toolCallsFinish: ModelStreamPart = { type: 'finish', finishReason: 'tool-calls', usage: { inputTokens: 10, outputTokens: 20 } };
