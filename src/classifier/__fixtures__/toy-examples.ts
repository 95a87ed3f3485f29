// A small, separable toy data set for tests: "simple" embeddings cluster around one axis, "complex"
// ones around another, and the texts differ the way real requests do.

import type { EmbeddedExample } from '../classifier-types.js';
import { createSeededRandom, normalSample } from '../seeded-random.js';

export const toyDimensions = 8;
export const toyModelId = 'toy-encoder';

export function toyEmbedding(axis: number, options: { noise?: number; seed?: number } = {}): Float32Array {
  const random = createSeededRandom(options.seed ?? 1);
  const noise = options.noise ?? 0.35;
  const vector = new Float32Array(toyDimensions);
  for (let index = 0; index < toyDimensions; index++) vector[index] = normalSample(random) * noise + (index === axis ? 1 : 0);
  let norm = 0;
  for (const value of vector) norm += value * value;
  for (let index = 0; index < toyDimensions; index++) vector[index] = (vector[index] as number) / Math.sqrt(norm);
  return vector;
}

const simpleTexts = ["What's the status of INC-4821?", 'Reset my password', 'Who is my manager?', 'How do I set up the VPN?', 'Close INC-1002 please'];
const complexTexts = [
  'Analyze the trend in P1 incidents this quarter and compare it with last quarter',
  'Debug ERR-5521 across auth, api-gateway and billing, then find the change that caused it',
  'Explain why checkout latency spiked after the deploy and correlate it with the logs',
  'Summarize every open P1, assess the impact on billing and recommend an order to fix them',
];

export function toyExamples(count: number, seed = 1): EmbeddedExample[] {
  const examples: EmbeddedExample[] = [];
  for (let index = 0; index < count; index++) {
    const complex = index % 2 === 1;
    const texts = complex ? complexTexts : simpleTexts;
    examples.push({
      text: texts[index % texts.length] as string,
      embedding: toyEmbedding(complex ? 1 : 0, { seed: seed * 10_000 + index }),
      tier: complex ? 'complex' : 'simple',
    });
  }
  return examples;
}
