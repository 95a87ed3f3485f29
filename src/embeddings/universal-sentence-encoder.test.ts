import { describe, expect, it } from 'vitest';
import { createUniversalSentenceEncoder } from './universal-sentence-encoder.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * (b[index] as number), 0);

describe('createUniversalSentenceEncoder', () => {
  it('loads the bundled model offline and returns normalised 512-d vectors', async () => {
    const encoder = createUniversalSentenceEncoder();
    const [first, second, third] = await encoder.embed([
      'How do I reset my password?',
      'I forgot my password, how can I reset it?',
      'What is the status of ticket INC-4821?',
    ]);
    expect(first).toHaveLength(512);
    expect(cosine(first!, first!)).toBeCloseTo(1, 4);
    // A paraphrase is closer than an unrelated question.
    expect(cosine(first!, second!)).toBeGreaterThan(cosine(first!, third!) + 0.2);
  });
});
