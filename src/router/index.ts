// Public API of the model router.
export { createRouter, type ModelRouter, type RouteDecision, type RouteDecisionInput } from './create-router.js';
export type {
  FailoverOrder,
  RouterClassifier,
  RouterDeploymentOptions,
  RouterOptions,
  RouterTierOptions,
} from './router-options.js';
export type { LatencySummary, RouterStats } from './router-stats.js';
export type { QualityFailure, QualityFailureKind, RouterRun, RouterStepCaller, RouterStepRequest, RouterWarmUpOptions } from './router-types.js';
export type { DeploymentPrior, DeploymentEstimateSnapshot } from './deployment-estimates.js';
export { checkToolCall } from './tool-call-check.js';
export { checkRefusal } from './refusal-check.js';
export { heuristicComplexityScore } from './complexity-heuristic.js';
export { reportModelCall, type ReportModelCallOptions } from './report-model-call.js';
