export interface VectorMatch {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

/** Approximate (or exact, when small) nearest-neighbour search over normalised vectors. */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  add(id: number, vector: Float32Array): void;
  remove(id: number): void;
  search(vector: Float32Array, limit: number): VectorMatch[];
}
