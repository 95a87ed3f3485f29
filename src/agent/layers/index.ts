export { agentNamespace, type AgentNamespaceOptions } from './agent-namespace.js';
export { planLayer, type PlanLayerOptions } from './plan-layer.js';
export { responseCacheLayer, type ResponseCacheLayerOptions } from './response-cache-layer.js';
export { createStepRecorder, type StepRecorder } from './step-recorder.js';
export { splitIntoChunks, streamCachedAnswer } from './stream-cached-answer.js';
export { toolCallEvidence } from './tool-call-evidence.js';
