// The simulated LLM providers: OpenAI Chat Completions and Anthropic Messages over HTTP, paced by
// each model's latency profile.
export { startLlmServer, type LlmServer, type LlmServerOptions } from './start-llm-server.js';
export { sampleModelCall } from './sample-model-call.js';
