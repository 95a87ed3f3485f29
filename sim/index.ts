// Public API of the simulator. The benchmark and tests import from here only.
export * from './brain/index.js';
export * from './calls/index.js';
export * from './clock/index.js';
export * from './config/index.js';
export * from './domain/index.js';
export * from './http/index.js';
export * from './random/index.js';
export * from './world/index.js';
export { startSimulator } from './start-simulator.js';
export type {
  ModelCallSample, ModelCallSampleRequest, Simulator, SimulatorProviderEndpoint, StartSimulatorOptions,
} from './simulator.js';
