export type { Agent, AgentOptions, AgentStream, InstructionsContext, RunOptions } from './agent-options.js';
export { createAgent } from './create-agent.js';
export { singleModelCaller, type ModelStepCaller, type ModelStepRequest, type WarmUpOptions } from './model-step-caller.js';
export { modelToolLoop, type ModelToolLoopOptions } from './model-tool-loop.js';
export type { AgentLayer, RunContext, RunHandler, RunOutcome } from './run-context.js';
export { timedModelStream, type TimedModelStreamOptions } from './timed-model-stream.js';
export * from './layers/index.js';
