import { hashKey } from './random-source.js';

export interface SampleKeyParts {
  /** Scenario seed. */
  seed: number | string;
  /** What is sampled: 'ttft', 'tool-latency', 'error', ... */
  what: string;
  /** The common-random-number key of the request (see request-identity.ts). */
  key: string;
  /** Anything else that tells two samples of the same request apart (model, turn, tool, arguments). */
  detail?: ReadonlyArray<string | number>;
}

/** A uniform number in (0, 1) that depends only on the parts: the same call gets the same draw. */
export function sampleKey({ seed, what, key, detail = [] }: SampleKeyParts): number {
  return (hashKey(seed, what, key, ...detail) + 0.5) / 4294967296;
}
