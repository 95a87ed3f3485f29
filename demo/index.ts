// The demo: hotpath running the simulator's domains. Used by `hotpath start` and the benchmark;
// nothing in src/ imports it.
export { demoInstructions, type DemoDomain } from './instructions.js';
export { createSimulatorAgent, type SimulatorAgent, type SimulatorAgentOptions } from './simulator-agent.js';
export { createSimulatorTools, type SimulatorToolsOptions } from './simulator-tools.js';
