// The demo: hotpath running the simulator's domains. Used by `hotpath start` and the benchmark;
// nothing in src/ imports it.
export { allDemoFeatures, demoGatewayConfig, demoToolConfig, type DemoFeatures, type DemoGatewayConfigOptions } from './demo-gateway-config.js';
export { demoInstructions, type DemoDomain } from './instructions.js';
export { createSimulatorAgent, type SimulatorAgent, type SimulatorAgentOptions } from './simulator-agent.js';
