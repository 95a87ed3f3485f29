// Provider failures the scenario asks for: a share of calls is rate limited (429 + Retry-After) or
// fails (500; Anthropic also 529 overloaded). The draw includes the attempt number of the same
// call (namespace, key, model, turn), so a retry draws again and can succeed, deterministically.

import type { SimulatorConfig } from '../config/index.js';
import { sampleKey } from '../random/index.js';
import { modelProfileOf } from './call-timing.js';

export type InjectedFailure =
  | { kind: 'rate-limit'; retryAfterMs: number }
  | { kind: 'server-error'; /** Anthropic answers 529 overloaded_error instead of 500. */ overloaded: boolean };

export interface InjectedFailureRequest {
  config: SimulatorConfig;
  key: string;
  model: string;
  turn: number;
  provider: string;
  /** 0 for the first attempt of this call, 1 for the first retry, ... */
  attempt: number;
}

export function drawInjectedFailure(request: InjectedFailureRequest): InjectedFailure | undefined {
  const { config, key, model, turn, provider, attempt } = request;
  const profile = modelProfileOf(config, model);
  const draw = (what: string) => sampleKey({ seed: config.seed, what, key, detail: [model, turn, provider, attempt] });
  if (profile.rateLimitRate > 0 && draw('rate-limit') < profile.rateLimitRate) {
    return { kind: 'rate-limit', retryAfterMs: profile.retryAfterMs };
  }
  if (profile.errorRate > 0 && draw('server-error') < profile.errorRate) {
    return { kind: 'server-error', overloaded: draw('overloaded') < 0.5 };
  }
  return undefined;
}

/** Counts the attempts of each call, so the n-th retry draws its own failure. */
export class AttemptCounter {
  private readonly attempts = new Map<string, number>();

  /** Returns this attempt's number (0 first) and counts it. */
  next(call: { namespace: string; key: string; model: string; turn: number }): number {
    const id = `${call.namespace}\u241f${call.key}\u241f${call.model}\u241f${call.turn}`;
    const attempt = this.attempts.get(id) ?? 0;
    this.attempts.set(id, attempt + 1);
    return attempt;
  }
}
