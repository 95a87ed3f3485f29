// The parts of hotpath's public API (src/index.ts) the micro-benchmarks measure, resolved at run time
// so that a benchmark names exactly what it needs and fails with a clear message when it is missing.

import * as hotpath from '../../src/index.js';
import type { EmbeddingModel, VectorIndex } from '../../src/index.js';

export interface MicroBenchApi {
  createExactVectorIndex(options: { dimensions: number; kernel?: 'js' | 'native' }): VectorIndex;
  createHnswVectorIndex(options: { dimensions: number; connectivity?: number; expansionAdd?: number; expansionSearch?: number; quantization?: 'f32' | 'f16' | 'i8' }): VectorIndex;
  createVectorIndex(options: { dimensions: number; exactBelow?: number; migrationStep?: number; exactKernel?: 'js' | 'native' }): VectorIndex & { readonly mode: string };
  createUniversalSentenceEncoder(options?: { worker?: boolean; cacheSize?: number; batchWindowMs?: number; maxBatchSize?: number }): EmbeddingModel & {
    ready(): Promise<{ loadMs: number }>;
    close(): Promise<void>;
    stats(): { batches: number; batchedTexts: number };
  };
}

export function publicApi<Name extends keyof MicroBenchApi>(...names: Name[]): Pick<MicroBenchApi, Name> {
  const exported = hotpath as unknown as Partial<MicroBenchApi>;
  const missing = names.filter((name) => typeof exported[name] !== 'function');
  if (missing.length > 0) throw new Error(`src/index.ts does not export ${missing.join(', ')}`);
  return exported as Pick<MicroBenchApi, Name>;
}
