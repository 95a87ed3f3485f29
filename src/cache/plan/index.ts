export { abstractPlan, planLeaves, renderSlot } from './abstract-plan.js';
export { comparablePlanKey, leftCallIds, markDataDependent, plansAgree } from './data-dependent-calls.js';
export { instantiatePlan, type InstantiatePlanOptions } from './instantiate-plan.js';
export {
  createPlanCache,
  type PlanCache,
  type PlanCacheOptions,
  type PlanCacheStats,
  type PlanGeneralizationOptions,
  type PlanObservation,
  type PlanRequest,
  type PlanRunMode,
} from './plan-cache.js';
export { createTemplateVectors, type TemplateVectors, type TemplateVectorsOptions } from './template-vectors.js';
export type {
  AbstractCall,
  AbstractPlan,
  AbstractValue,
  ObservedCall,
  ObservedStep,
  OutputReference,
  PlanConfidence,
  PlanPatternStats,
  PlanPrediction,
  PredictedCall,
  SlotForm,
} from './plan-types.js';
