// The latency a model call gets, in scenario ms, drawn from the model's profile with the request's
// common-random-number key: the same request (key, model, turn) gets the same numbers whichever
// client sends it. Connection setup and cold start are added by the server, not here.

import type { ModelProfile, SimulatorConfig } from '../config/index.js';
import { logNormalFromQuantiles, sampleKey, type LogNormal, type Quantiles } from '../random/index.js';

export interface CallTimingRequest {
  config: SimulatorConfig;
  key: string;
  model: string;
  turn: number;
  /** The provider deployment serving the call: its slow tail applies (drawn per provider). */
  provider?: string;
  inputTokens: number;
}

export interface CallTiming {
  /** Prompt processing: input tokens × msPerInputToken. */
  promptMs: number;
  /** Time to first token after prompt processing (slow tail included). */
  ttftMs: number;
  /** Mean time between output tokens for this call (slow tail included). */
  msPerOutputToken: number;
  /** Whether the provider's slow tail hit this call. */
  slowTail: boolean;
  /** promptMs + ttftMs. */
  firstTokenMs: number;
}

const distributions = new WeakMap<Quantiles, LogNormal>();

/** The log-normal for a p50/p95 pair, built once per config object. */
export function distributionOf(quantiles: Quantiles): LogNormal {
  let distribution = distributions.get(quantiles);
  if (!distribution) {
    distribution = logNormalFromQuantiles(quantiles);
    distributions.set(quantiles, distribution);
  }
  return distribution;
}

export function modelProfileOf(config: SimulatorConfig, model: string): ModelProfile {
  const profile = config.models[model];
  if (!profile) throw new RangeError(`unknown model "${model}" (known: ${Object.keys(config.models).join(', ')})`);
  return profile;
}

export function sampleCallTiming(request: CallTimingRequest): CallTiming {
  const { config, key, model, turn, provider, inputTokens } = request;
  const profile = modelProfileOf(config, model);
  const draw = (what: string) => sampleKey({ seed: config.seed, what, key, detail: [model, turn] });
  let ttftMs = distributionOf(profile.ttftMs).quantile(draw('ttft'));
  let msPerOutputToken = distributionOf(profile.msPerOutputToken).quantile(draw('ms-per-output-token'));
  const slowTail = provider === undefined ? undefined : config.providers.find((entry) => entry.name === provider)?.slowTail;
  // The provider name is part of the draw, so a replica of the same model is slow independently.
  const isSlow = slowTail !== undefined &&
    sampleKey({ seed: config.seed, what: 'slow-tail', key, detail: [model, turn, provider as string] }) < slowTail.probability;
  if (isSlow) {
    ttftMs *= slowTail.factor;
    msPerOutputToken *= slowTail.factor;
  }
  const promptMs = Math.max(0, inputTokens) * profile.msPerInputToken;
  return { promptMs, ttftMs, msPerOutputToken, slowTail: isSlow, firstTokenMs: promptMs + ttftMs };
}

/** Scenario ms from the first token to output token `index` (0-based). */
export function outputTokenOffsetMs(timing: CallTiming, index: number): number {
  return Math.max(0, index) * timing.msPerOutputToken;
}
