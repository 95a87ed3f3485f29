import { describe, expect, it } from 'vitest';
import { measureHitLatency } from './hit-latency.js';

// The micro-benchmark behind the README's cache-hit figures still measures what it claims: exact hits
// on repeats, semantic hits on paraphrases, and the encoder on its own.

describe('measureHitLatency', () => {
  it('finds exact hits on every repeat and semantic hits on paraphrases', async () => {
    const result = await measureHitLatency({ tickets: 4, exactRuns: 260 });
    expect(result.exact.samples).toBe(60);
    expect(result.semantic.paraphrases).toBeGreaterThan(0);
    expect(result.semantic.hits).toBeGreaterThan(0);
    expect(result.semanticWithoutEmbedding.samples).toBe(result.semantic.hits);
    expect(result.embedding.samples).toBeGreaterThan(0);
    expect(result.missWithLayers.samples).toBeGreaterThan(0);
  }, 120_000);
});
