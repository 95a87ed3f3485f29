export { abstractPlan, planLeaves, renderSlot } from './abstract-plan.js';
export { instantiatePlan } from './instantiate-plan.js';
export { createPlanCache, type PlanCache, type PlanCacheOptions, type PlanObservation, type PlanRequest, type PlanRunMode } from './plan-cache.js';
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
