// A Brain test double: answers from a script and remembers every input, so tests can check what the
// protocol layer handed to the brain.

import type { Brain, BrainInput, BrainOutput } from '../../brain/index.js';

export type BrainScript = (input: BrainInput) => BrainOutput;

export interface ScriptedBrain extends Brain {
  readonly inputs: BrainInput[];
}

/** A fixed answer, a list of answers by turn (the last repeats), or a function of the input. */
export function createScriptedBrain(script: BrainOutput | BrainOutput[] | BrainScript): ScriptedBrain {
  const inputs: BrainInput[] = [];
  const answer: BrainScript =
    typeof script === 'function'
      ? script
      : Array.isArray(script)
        ? (input) => {
            const turn = input.messages.filter((message) => message.role === 'assistant').length;
            const output = script[Math.min(turn, script.length - 1)];
            if (!output) throw new RangeError('createScriptedBrain: the script is empty');
            return output;
          }
        : () => script;
  return {
    inputs,
    respond(input) {
      inputs.push(input);
      return answer(input);
    },
  };
}
