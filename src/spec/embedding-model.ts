export interface EmbeddingModel {
  readonly modelId: string;
  readonly dimensions: number;
  /** One vector per text, L2-normalised. */
  embed(texts: readonly string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}
