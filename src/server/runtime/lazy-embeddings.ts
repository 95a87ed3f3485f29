// The gateway's embedding model: the configured OpenAI-compatible endpoint, or the embedded encoder
// (Universal Sentence Encoder, offline), created on first use so a gateway that never embeds never
// loads it.

import { createOpenAICompatibleEmbeddings, createUniversalSentenceEncoder, type UniversalSentenceEncoder } from '../../embeddings/index.js';
import type { EmbeddingModel } from '../../spec/index.js';
import type { GatewayConfig } from '../../config/index.js';
import type { ProviderRuntime } from './provider-runtime.js';

export interface GatewayEmbeddings extends EmbeddingModel {
  /** True for the embedded encoder (the shipped classifier was trained on it). */
  readonly embedded: boolean;
  /** Loads the model (embedded) so the first request does not wait for it. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export function createGatewayEmbeddings(config: GatewayConfig, providers: ReadonlyMap<string, ProviderRuntime>): GatewayEmbeddings {
  const configured = config.embeddings;
  if (configured !== undefined) {
    const provider = providers.get(configured.provider)!;
    const model = createOpenAICompatibleEmbeddings({
      baseURL: provider.config.baseURL,
      modelId: configured.model,
      http: provider.http,
      ...(provider.config.apiKey === undefined ? {} : { apiKey: provider.config.apiKey }),
      ...(configured.dimensions === undefined ? {} : { dimensions: configured.dimensions }),
    });
    return {
      embedded: false,
      modelId: model.modelId,
      get dimensions() {
        return model.dimensions;
      },
      embed: (texts, options) => model.embed(texts, options),
      warmUp: async () => {},
      close: () => model.close(),
    };
  }
  let encoder: UniversalSentenceEncoder | undefined;
  const get = () => (encoder ??= createUniversalSentenceEncoder());
  return {
    embedded: true,
    modelId: 'universal-sentence-encoder-lite',
    dimensions: 512,
    embed: (texts, options) => get().embed(texts, options),
    warmUp: async () => {
      await get().ready();
    },
    close: async () => {
      await encoder?.close();
    },
  };
}
