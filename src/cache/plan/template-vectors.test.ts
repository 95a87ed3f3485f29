import { describe, expect, it } from 'vitest';
import type { EmbeddingModel } from '../../spec/index.js';
import { createTemplateVectors } from './template-vectors.js';

function countingEmbeddings(options: { failFirst?: boolean } = {}): EmbeddingModel & { texts: string[] } {
  const texts: string[] = [];
  let failures = options.failFirst ? 1 : 0;
  return {
    modelId: 'counting',
    dimensions: 2,
    texts,
    async embed(batch) {
      texts.push(...batch);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (failures-- > 0) throw new Error('embedding service down');
      return batch.map((text) => new Float32Array([text.length, 1]));
    },
  };
}

describe('createTemplateVectors', () => {
  it('embeds each template once, sharing the call among concurrent asks', async () => {
    const embeddings = countingEmbeddings();
    const vectors = createTemplateVectors({ embeddings });
    expect(vectors.peek("what's the status of {id}")).toBeUndefined();
    const [first, second] = await Promise.all([vectors.vector("what's the status of {id}"), vectors.vector("what's the status of {id}")]);
    expect(first).toBe(second);
    expect(vectors.peek("what's the status of {id}")).toBe(first);
    await vectors.vector("what's the status of {id}");
    expect(embeddings.texts).toEqual(["what's the status of {id}"]);
    expect(vectors.stats()).toMatchObject({ templates: 1, embedded: 1, hits: 2 });
  });

  it('forgets the least recently used template beyond maxEntries', async () => {
    const embeddings = countingEmbeddings();
    const vectors = createTemplateVectors({ embeddings, maxEntries: 2 });
    await vectors.vector('a');
    await vectors.vector('b');
    await vectors.vector('a');
    await vectors.vector('c');
    expect(vectors.peek('a')).toBeDefined();
    expect(vectors.peek('b')).toBeUndefined();
  });

  it('does not remember a failed embedding', async () => {
    const embeddings = countingEmbeddings({ failFirst: true });
    const vectors = createTemplateVectors({ embeddings });
    await expect(vectors.vector('a')).rejects.toThrow(/down/);
    await expect(vectors.vector('a')).resolves.toBeInstanceOf(Float32Array);
    expect(vectors.stats()).toMatchObject({ embedded: 2, failed: 1 });
  });

  it('validates its options', () => {
    expect(() => createTemplateVectors({ embeddings: {} as never })).toThrow(/"embeddings"/);
    expect(() => createTemplateVectors({ embeddings: countingEmbeddings(), maxEntries: 0 })).toThrow(/"maxEntries"/);
  });
});
