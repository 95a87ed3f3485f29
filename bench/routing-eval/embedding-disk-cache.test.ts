import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingModel } from '../../src/index.js';
import { embedWithDiskCache } from './embedding-disk-cache.js';

// A deterministic stand-in encoder that counts the texts it was asked to embed.
function countingEncoder(): EmbeddingModel & { embedded: string[] } {
  const embedded: string[] = [];
  return {
    modelId: 'counting/encoder',
    dimensions: 3,
    embedded,
    async embed(texts) {
      embedded.push(...texts);
      return texts.map((text) => Float32Array.from([text.length, text.charCodeAt(0), 1]));
    },
  };
}

let directory: string;
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hotpath-embedding-cache-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('embedWithDiskCache', () => {
  it('embeds each distinct text once and serves repeats and later runs from disk', async () => {
    const first = countingEncoder();
    const vectors = await embedWithDiskCache({ texts: ['alpha', 'be', 'alpha', 'gamma\nline'], encoder: first, directory, batchSize: 2 });
    expect(first.embedded).toEqual(['alpha', 'be', 'gamma\nline']);
    expect(Array.from(vectors[2]!)).toEqual([5, 97, 1]);

    const second = countingEncoder();
    const progress: number[] = [];
    const again = await embedWithDiskCache({
      texts: ['gamma\nline', 'delta', 'be'],
      encoder: second,
      directory,
      onProgress: ({ done }) => progress.push(done),
    });
    expect(second.embedded).toEqual(['delta']);
    expect(Array.from(again[0]!)).toEqual([10, 103, 1]);
    expect(Array.from(again[2]!)).toEqual([2, 98, 1]);
    expect(progress).toEqual([2, 3]);
  });
});
