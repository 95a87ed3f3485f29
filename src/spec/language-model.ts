// The interface every model provider adapter implements. Adapters turn a wire protocol
// (OpenAI Chat Completions, Anthropic Messages) into this stream of parts; nothing above the
// providers layer knows which protocol answered.

/** A JSON Schema object, as sent to providers in tool declarations. */
export type JsonSchema = Record<string, unknown>;

export interface ModelToolCall {
  /** Provider-assigned id, echoed back with the result. */
  id: string;
  name: string;
  /** Arguments as the model produced them (JSON text; may be malformed). */
  input: string;
}

export type ModelMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ModelToolCall[] }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError?: boolean };

export interface ModelToolDeclaration {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export type ModelToolChoice = 'auto' | 'none' | 'required' | { toolName: string };

export interface ModelCallOptions {
  messages: ModelMessage[];
  tools?: ModelToolDeclaration[];
  toolChoice?: ModelToolChoice;
  maxOutputTokens?: number;
  temperature?: number;
  /** Cancels the call: the connection's request is aborted and nothing keeps running. */
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms). Retries never go past it. */
  deadline?: number;
  /** Extra request headers (request id for correlation, tracing). */
  headers?: Record<string, string>;
  /** End-user id forwarded to the provider where its protocol has a field for it. */
  user?: string;
  /**
   * Retries of retryable errors before the response starts; the adapter's setting when omitted. A
   * router that fails over to another deployment sets 0 so no adapter waits on a 429 first.
   */
  retries?: number;
}

export type FinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

export interface ModelUsage {
  inputTokens: number;
  outputTokens: number;
}

/** Parts of a model's streamed response. Names read noun-verb and end in start/delta/end. */
export type ModelStreamPart =
  | { type: 'response-start'; modelId: string; requestId?: string }
  | { type: 'text-start' }
  | { type: 'text-delta'; delta: string }
  | { type: 'text-end' }
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  /** The call's arguments are complete: it can be dispatched before the message ends. */
  | { type: 'tool-call'; toolCall: ModelToolCall }
  | { type: 'finish'; finishReason: FinishReason; usage: ModelUsage; rawFinishReason?: string }
  | { type: 'error'; error: unknown };

export interface ModelCallResult {
  text: string;
  toolCalls: ModelToolCall[];
  finishReason: FinishReason;
  usage: ModelUsage;
  modelId: string;
}

export interface LanguageModel {
  /** Provider name from configuration ("openai", "anthropic", "groq"...). */
  readonly provider: string;
  readonly modelId: string;
  /** Streams the response. Resolves once the response headers arrived (errors before that reject). */
  stream(options: ModelCallOptions): Promise<AsyncIterable<ModelStreamPart>>;
  /** Non-streaming call. */
  generate(options: ModelCallOptions): Promise<ModelCallResult>;
  /** Opens connections and sends a minimal request so the first user request pays no cold start. */
  warmUp?(options?: { signal?: AbortSignal; connections?: number; headers?: Record<string, string> }): Promise<void>;
}
