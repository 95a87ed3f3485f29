// How a fallible model gets a request wrong, detectably: it refuses, emits a broken tool call
// (invalid JSON, a missing argument, a tool that was not declared), or answers without using the
// tool results. The draw comes from the call's own random source, so it is reproducible.

import type { BrainInput, BrainOutput } from '../../brain/index.js';

export type FailureMode = 'refusal' | 'invalid-json' | 'missing-argument' | 'undeclared-tool' | 'ignore-results';

const modes: FailureMode[] = ['refusal', 'invalid-json', 'missing-argument', 'undeclared-tool', 'ignore-results'];

/** Always consumes one draw, so the rest of the call's randomness does not depend on the rate. */
export function drawFailure(input: BrainInput, complexity: 'simple' | 'complex'): FailureMode | undefined {
  const draw = input.random.next();
  if (!(draw < input.failureRate[complexity])) return undefined;
  return input.random.pick(modes);
}

export interface FailureContext {
  /** A call the model would make now (or the request's first call), to break. */
  call: { name: string; arguments: Record<string, unknown> } | undefined;
  declaredTools: readonly string[];
}

export const refusalText = "I'm not sure I can help with that. Could you rephrase it or contact the service desk directly?";
export const vagueAnswerText = "I've looked into it and everything appears to be in order on our side. Let me know if there's anything else you need.";

export function failureOutput(mode: FailureMode, context: FailureContext): BrainOutput {
  const call = context.call;
  if (mode === 'refusal' || !call) return { type: 'text', text: mode === 'ignore-results' ? vagueAnswerText : refusalText };
  switch (mode) {
    case 'invalid-json': {
      const json = JSON.stringify(call.arguments);
      return { type: 'tool-calls', calls: [{ name: call.name, arguments: json.slice(0, Math.max(1, json.length - 2)) }] };
    }
    case 'missing-argument':
      return { type: 'tool-calls', calls: [{ name: call.name, arguments: '{}' }] };
    case 'undeclared-tool': {
      let name = `${call.name}_v2`;
      while (context.declaredTools.includes(name)) name = `${name}x`;
      return { type: 'tool-calls', calls: [{ name, arguments: JSON.stringify(call.arguments) }] };
    }
    case 'ignore-results':
      return { type: 'text', text: vagueAnswerText };
  }
}
