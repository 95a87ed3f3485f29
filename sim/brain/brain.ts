// The simulated model's "brain": from a conversation it decides what a competent (or, for the fast
// tier on hard requests, a fallible) LLM would say next. The wire-protocol layer (sim/llm) turns
// the decision into OpenAI or Anthropic bytes and paces them by the model's latency profile.

import type { RandomSource } from '../random/index.js';

/** A conversation in protocol-neutral form (both wire protocols convert into it). */
export type BrainMessage =
  | { role: 'system'; text: string }
  | { role: 'user'; text: string }
  | { role: 'assistant'; text: string; toolCalls: BrainToolCall[] }
  | { role: 'tool'; toolCallId: string; name?: string; content: string; isError?: boolean };

export interface BrainToolCall {
  id: string;
  name: string;
  /** The arguments as JSON text, exactly as they appear on the wire. */
  arguments: string;
}

/** A tool as the client declared it in the request (`tools` parameter). */
export interface BrainToolSpec {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: unknown;
}

export interface BrainInput {
  /** The model id requested. */
  model: string;
  tier: 'fast' | 'powerful';
  /** Failure probabilities of this model, by request complexity. */
  failureRate: { simple: number; complex: number };
  /** Multiplier on answer length. */
  verbosity: number;
  messages: BrainMessage[];
  tools: BrainToolSpec[];
  /** Draws for this call only, derived from (seed, request key, model, turn): deterministic. */
  random: RandomSource;
}

export type BrainOutput =
  | {
      type: 'tool-calls';
      /** Independent calls all go in one message, the way models emit parallel tool calls. */
      calls: Array<{ name: string; arguments: string }>;
      /** Optional text before the calls ("Let me look that up."). */
      text?: string;
    }
  | {
      type: 'text';
      text: string;
      /** Why the answer ended: 'stop' normally, 'length' if cut. */
      finishReason?: 'stop' | 'length';
    };

export interface Brain {
  respond(input: BrainInput): BrainOutput;
}
