// The state shipped in the repository, trained by `hotpath train-classifier` on the examples in
// ./data/*.jsonl with the offline Universal Sentence Encoder. Read once, on first use.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HotpathError } from '../util/index.js';
import type { ClassifierState } from './classifier-state.js';
import { parseClassifierState } from './classifier-state.js';

/** Folder of the shipped training examples (*.jsonl, one `{text, tier}` per line). */
export const defaultTrainingDataDirectory = fileURLToPath(new URL('./data/', import.meta.url));
/** The shipped trained state. */
export const defaultClassifierStatePath = fileURLToPath(new URL('./data/default-state.json', import.meta.url));

let cached: ClassifierState | undefined;

export function loadDefaultClassifierState(): ClassifierState {
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(defaultClassifierStatePath, 'utf8');
  } catch (error) {
    throw new HotpathError(
      'HOTPATH_INVALID_CONFIG',
      `The default classifier state is missing (${defaultClassifierStatePath}); create it with \`hotpath train-classifier\``,
      { cause: error },
    );
  }
  cached = parseClassifierState(text);
  return cached;
}
