// Answers are as long as a model's would be: 30–60 tokens for simple requests, 100–150 for complex
// ones, times the model's verbosity. Padding sentences carry no facts, ids or names.

import type { RandomSource } from '../../random/index.js';

/** Rough token count of English text (about four characters a token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
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
