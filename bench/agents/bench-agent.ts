import type { Simulator } from '../../sim/index.js';
import type { StageSpan } from '../../src/index.js';
import type { ModelsByTier } from '../scenario/index.js';
import type { BenchRequest } from '../workload/index.js';

// The contract every implementation under test fulfils: a plain client of the simulator that gets
// a request and returns an answer, telling the runner when the user could first see something.

/**
 * Model calls per request every agent may make, the same for all so none is cut short where another is
 * not: a tau-bench retail task chains up to nine, and a tool the backend fails once costs one more.
 */
export const benchMaxSteps = 12;

export interface BenchAgentContext {
  /** Providers, tool API, domain catalog, configuration and call log. */
  simulator: Simulator;
  /** Model ids by tier, from the scenario. */
  models: ModelsByTier;
  /** Shared system prompt: the domain's role plus `Current user: <userId>`. */
  systemPrompt(userId: string): string;
  /** The agent's name: its namespace in the simulator (`x-request-id: <key>#<name>`). */
  agentName: string;
}

export interface BenchRunOptions {
  /** Full request id to send as x-request-id on every call, e.g. 'w17#ai-sdk'. */
  requestId: string;
  /** Aborted on timeout: stop every call of the request. */
  signal: AbortSignal;
  /** Call when the user could first see something (progress, tool activity or text). */
  onFirstEvent(): void;
  /**
   * Call at the first token of the answer: text of the model's final turn, not a preamble such as
   * "Let me look that up." before tool calls (that is a first event). When it is only known later
   * that a turn was the final one, pass the moment its first token arrived (epoch ms).
   */
  onFirstToken(at?: number): void;
}

export interface BenchAgentResult {
  text: string;
  /** Whether a cache answered (fully or partly) instead of the backends. */
  cacheServed?: boolean;
  cacheLayer?: string;
  /** The agent's own account of its stages (classification, cache, formatting), ms since the run started. */
  spans?: StageSpan[];
}

export interface BenchAgent {
  readonly name: string;
  /** Framework or library versions the agent runs on, for the report. */
  readonly versions?: Readonly<Record<string, string>>;
  /** Not timed: start-up and warm-up. */
  setup?(): Promise<void>;
  run(request: BenchRequest, options: BenchRunOptions): Promise<BenchAgentResult>;
  close?(): Promise<void>;
}

export type BenchAgentFactory = (context: BenchAgentContext) => BenchAgent | Promise<BenchAgent>;
