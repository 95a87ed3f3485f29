export { applyScenarioOverrides, type ScenarioOverrides } from './apply-scenario-overrides.js';
export { defaultScenariosDirectory, loadScenario, parseScenario, type LoadedScenario, type LoadScenarioOptions } from './load-scenario.js';
export { modelsByTier, type ModelsByTier } from './models-by-tier.js';
export {
  arrivalSchema, closedArrivalSchema, openArrivalSchema, scenarioSchema, workloadSchema,
  type Arrival, type Scenario, type ScenarioInput, type Workload,
} from './scenario-schema.js';
