import type { AgentEvent, EmbeddingModel, LanguageModel, ModelMessage, RunResult } from '../spec/index.js';
import type { AnyTool, ToolExecutor, ToolExecutorOptions } from '../tools/index.js';
import type { ModelStepCaller, WarmUpOptions } from './model-step-caller.js';
import type { AgentLayer } from './run-context.js';

export interface InstructionsContext {
  user: string | undefined;
  tenant: string | undefined;
}

export interface AgentOptions {
  /** Shown in telemetry and by the gateway. Default "agent". */
  name?: string;
  /** One model, or models by tier name (`{ fast, powerful }`). Not needed when `modelCaller` is given. */
  models?: LanguageModel | Readonly<Record<string, LanguageModel>>;
  /** Tier used when no router chooses. Default: "powerful" if present, else the first tier. */
  defaultTier?: string;
  /** The system prompt, fixed or per user/tenant. */
  instructions?: string | ((context: InstructionsContext) => string);
  tools?: readonly AnyTool[];
  /** Executor settings (limits, breakers, retries, a tool-result cache), or a shared executor. */
  toolExecutor?: ToolExecutor | Omit<ToolExecutorOptions, 'tools'>;
  /** Model calls per run at most. Default 8. */
  maxSteps?: number;
  /** Budget per run when the caller gives no deadline. Default 30 000 ms. */
  timeoutMs?: number;
  /** Computes the request embedding that caches and classifiers share (once per run). */
  embeddings?: EmbeddingModel;
  /** Layers around the model/tool loop, outermost first (response cache, plan reuse, speculation). */
  layers?: readonly AgentLayer[];
  /** Replaces the single-model caller (a router). */
  modelCaller?: ModelStepCaller;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms). */
  deadline?: number;
  /** Budget for this run (ms); ignored when `deadline` is given. */
  timeoutMs?: number;
  /** The end user: scopes caches and is forwarded to providers and tools. */
  user?: string;
  tenant?: string;
  /** Correlation id for every upstream call (x-request-id). Generated when omitted. */
  requestId?: string;
  /** Earlier turns of the conversation (user and assistant messages). */
  history?: readonly ModelMessage[];
  /** Receives every event as it happens (for `run()`; `stream()` yields them). */
  onEvent?: (event: AgentEvent) => void;
}

export interface AgentStream extends AsyncIterable<AgentEvent> {
  /** Settles with the run's result (rejects with a HotpathError when the run fails). */
  readonly result: Promise<RunResult>;
}

export interface Agent {
  readonly name: string;
  readonly tools: ToolExecutor;
  run(input: string, options?: RunOptions): Promise<RunResult>;
  stream(input: string, options?: Omit<RunOptions, 'onEvent'>): AgentStream;
  /** Opens connections and wakes every model so the first request pays no cold start. */
  warmUp(options?: WarmUpOptions): Promise<void>;
}
