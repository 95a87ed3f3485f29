export { canonicalJson } from '../util/index.js';
export { httpStatusError, httpTransportError, parseRetryAfter, upstreamMessage } from './http-error.js';
export { httpTool } from './http-tool.js';
export { httpMethods, type HttpMethod, type HttpToolDefinition } from './http-tool-config.js';
export { readPath, renderTags, renderTemplate, templateKeys } from '../util/index.js';
export { inputJsonSchema, toModelDeclaration, type ToolDeclaration } from './to-model-declaration.js';
export { tool, type AnyTool, type ToolDefinition, type ToolExecutionContext } from './tool.js';
export { createToolExecutor } from './tool-executor.js';
export type {
  ToolCallHandle,
  ToolCallRequest,
  ToolCallResult,
  ToolExecutor,
  ToolExecutorEvent,
  ToolExecutorLimits,
  ToolExecutorOptions,
  ToolGraphNode,
  ToolOutputReference,
  ToolRunContext,
} from './tool-executor-types.js';
export { isOutputReference, planToolGraph, resolveReferences, type ToolGraphPlan } from './tool-graph.js';
export { defaultUpstreamConcurrency } from './upstream-guards.js';
export { toolNamePattern, validateTool } from './validate-tool.js';
