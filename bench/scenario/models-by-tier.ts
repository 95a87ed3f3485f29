import type { SimulatorConfig } from '../../sim/index.js';

export interface ModelsByTier {
  fast: string;
  powerful: string;
}

/** The first served model of each tier, in the order the scenario lists them. */
export function modelsByTier(config: SimulatorConfig): ModelsByTier {
  const served = new Set(config.providers.flatMap((provider) => provider.models));
  const pick = (tier: 'fast' | 'powerful'): string => {
    const model = Object.entries(config.models).find(([name, profile]) => profile.tier === tier && served.has(name))?.[0];
    if (model === undefined) throw new RangeError(`simulator.models: needs a model of tier "${tier}" served by a provider`);
    return model;
  };
  return { fast: pick('fast'), powerful: pick('powerful') };
}
