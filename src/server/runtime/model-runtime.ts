// A model name clients may ask for, resolved to its provider's model once at start-up.

import type { GatewayConfig } from '../../config/index.js';
import type { LanguageModel } from '../../spec/index.js';
import type { ProviderRuntime } from './provider-runtime.js';

export interface ModelRuntime {
  /** The name clients use. */
  readonly name: string;
  /** The provider's id of the model. */
  readonly upstreamId: string;
  readonly provider: ProviderRuntime;
  readonly model: LanguageModel;
  readonly tier: string | undefined;
  readonly fallbacks: readonly string[];
  readonly hedgeAfterMs: number | undefined;
  readonly warm: boolean;
  readonly costPer1kInputTokens: number | undefined;
  readonly costPer1kOutputTokens: number | undefined;
}

export function createModelRuntimes(config: GatewayConfig, providers: ReadonlyMap<string, ProviderRuntime>): Map<string, ModelRuntime> {
  const models = new Map<string, ModelRuntime>();
  for (const [name, model] of Object.entries(config.models)) {
    const provider = providers.get(model.provider)!;
    const upstreamId = model.model ?? name;
    models.set(name, Object.freeze({
      name,
      upstreamId,
      provider,
      model: provider.languageModel(upstreamId),
      tier: model.tier,
      fallbacks: model.fallbacks,
      hedgeAfterMs: model.hedgeAfterMs,
      warm: model.warm,
      costPer1kInputTokens: model.costPer1kInputTokens,
      costPer1kOutputTokens: model.costPer1kOutputTokens,
    }));
  }
  return models;
}
