import type { SimulatorConfig } from '../config/index.js';
import type { ModelCallSample, ModelCallSampleRequest } from '../simulator.js';
import { outputTokenOffsetMs, sampleCallTiming } from './call-timing.js';

/**
 * Pure: the timing a warm call would get (warm connection, warm model), in scenario ms. The
 * benchmark uses it for the critical-path bound; the server adds connection setup and cold start.
 */
export function sampleModelCall(config: SimulatorConfig, request: ModelCallSampleRequest): ModelCallSample {
  const timing = sampleCallTiming({ config, ...request });
  const lastTokenIndex = Math.max(0, request.outputTokens - 1);
  return { firstTokenMs: timing.firstTokenMs, totalMs: timing.firstTokenMs + outputTokenOffsetMs(timing, lastTokenIndex) };
}
