// The simulator's public face: one call starts the LLM providers and the domain's tool APIs.

import type { CallLog } from './calls/index.js';
import type { SimClock } from './clock/index.js';
import type { SimulatorConfig, SimulatorConfigInput } from './config/index.js';
import type { SimDomain } from './domain/index.js';
import type { ChangeEvent } from './world/index.js';

export interface SimulatorProviderEndpoint {
  name: string;
  /** Base URL: OpenAI at `${url}/v1/chat/completions`, Anthropic at `${url}/v1/messages`. */
  url: string;
  models: string[];
}

export interface ModelCallSampleRequest {
  key: string;
  model: string;
  provider?: string;
  /** How many assistant messages precede this call in the conversation (0 for the first call). */
  turn: number;
  inputTokens: number;
  outputTokens: number;
}

export interface ModelCallSample {
  /** Scenario ms from request to first token (prompt processing + TTFT, slow tail included). */
  firstTokenMs: number;
  /** Scenario ms from request to the last token. */
  totalMs: number;
}

export interface Simulator {
  readonly config: SimulatorConfig;
  readonly clock: SimClock;
  readonly domain: SimDomain;
  readonly calls: CallLog;
  readonly providers: readonly SimulatorProviderEndpoint[];
  /** Base URL of the domain's tool APIs; the admin API is under `${toolsUrl}/admin`. */
  readonly toolsUrl: string;
  /** The latency (scenario ms) the simulator gives this tool call, without making it. */
  sampleToolLatencyMs(key: string, tool: string, args: Record<string, unknown>): number;
  /** The timing the simulator gives this model call (warm connection, warm model), without making it. */
  sampleModelCall(request: ModelCallSampleRequest): ModelCallSample;
  /** Applies one background mutation now and announces it (webhooks, Redis). */
  mutateOnce(): ChangeEvent | undefined;
  /** Stops the mutation timer and closes every server. */
  close(): Promise<void>;
}

export interface StartSimulatorOptions {
  /** Simulator configuration; the calibrated default when omitted. */
  config?: SimulatorConfigInput;
}
