import type { Simulator } from '../../sim/index.js';

/** Base URL of the first provider deployment serving `model` (what a single-endpoint client is given). */
export function providerUrlFor(simulator: Pick<Simulator, 'providers'>, model: string): string {
  const provider = simulator.providers.find((candidate) => candidate.models.includes(model));
  if (provider === undefined) throw new RangeError(`no provider serves model "${model}"`);
  return provider.url.replace(/\/$/, '');
}
