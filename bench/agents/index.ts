export { benchAgentRegistry, loadBenchAgentFactory, type BenchAgentRegistry } from './agent-registry.js';
export type { BenchAgent, BenchAgentContext, BenchAgentFactory, BenchAgentResult, BenchRunOptions } from './bench-agent.js';
export { callCatalogTool, type CallCatalogToolOptions } from './call-catalog-tool.js';
export {
  createKeepAliveClient, freshConnectionTransport, keepAliveTransport, type HttpRequest, type HttpResponse, type HttpTransport, type KeepAliveClient,
} from './http-transport.js';
export { packageVersion } from './package-version.js';
export { providerUrlFor } from './provider-url.js';
export { createRequestIdFetch, currentRequestScope, runInRequestScope, type RequestScope } from './request-scope.js';
export { createSystemPrompt } from './system-prompt.js';
export { toolJsonSchema } from './tool-json-schema.js';
