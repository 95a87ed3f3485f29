export {
  defaultSimulatorConfig,
  modelProfileSchema,
  parseSimulatorConfig,
  providerSchema,
  simulatorConfigSchema,
  SimulatorConfigError,
  toolProfileSchema,
  type ModelProfile,
  type ProviderConfig,
  type SimulatorConfig,
  type SimulatorConfigInput,
  type ToolProfile,
} from './simulator-config.js';
