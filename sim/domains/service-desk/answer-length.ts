// Answers are as long as a model's would be: 30–60 tokens for simple requests, 100–150 for complex
// ones, times the model's verbosity. Padding sentences carry no facts, ids or names.

import type { RandomSource } from '../../random/index.js';

/** Token count of English text the way the simulated providers count it: up to four characters of each word a token. */
export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const word of text.split(/\s+/)) if (word.length > 0) tokens += Math.ceil(word.length / 4);
  return tokens;
}

export function targetAnswerTokens(random: RandomSource, complexity: 'simple' | 'complex', verbosity: number): number {
  const [low, high] = complexity === 'simple' ? [30, 60] : [100, 150];
  return Math.round((low + random.next() * (high - low)) * verbosity);
}

/** Appends filler sentences (starting at a random one) until the text reaches `target` tokens. */
export function padAnswer(core: string, target: number, fillers: readonly string[], random: RandomSource): string {
  let text = core;
  if (fillers.length === 0) return text;
  const start = random.integer(fillers.length);
  for (let index = 0; index < fillers.length && estimateTokens(text) < target; index++) {
    text = `${text} ${fillers[(start + index) % fillers.length]}`;
  }
  return text;
}
