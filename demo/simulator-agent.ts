// hotpath over the simulator as the gateway runs it — the same configuration and runtime, in process
// (no HTTP in front): providers on warm pools, the domain's tools, caches, router, change feed.

import type { Simulator } from '../sim/index.js';
import { createGatewayRuntime, parseGatewayConfig, type Agent, type GatewayRuntime } from '../src/index.js';
import { demoGatewayConfig, type DemoFeatures } from './demo-gateway-config.js';

export interface SimulatorAgentOptions {
  simulator: Simulator;
  /** Who is calling: warm-up requests and change events are scoped to this namespace in the simulator. */
  name: string;
  features?: Partial<DemoFeatures>;
  /** Connections kept open per origin. Default 64. */
  connections?: number;
  /** Model calls per request. Default: the gateway's default (8). */
  maxSteps?: number;
}

export interface SimulatorAgent {
  agent: Agent;
  runtime: GatewayRuntime;
  /** Opens the pools and wakes the models, so no user request pays connection setup or a cold start. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export function createSimulatorAgent(options: SimulatorAgentOptions): SimulatorAgent {
  const { simulator, name, features, connections = 64, maxSteps } = options;
  const agentName = 'agent';
  const config = parseGatewayConfig(demoGatewayConfig({ simulator, agentName, connections, namespace: name, ...(features === undefined ? {} : { features }), ...(maxSteps === undefined ? {} : { maxSteps }) }), { source: `demo agent ${name}` });
  const runtime = createGatewayRuntime(config);
  const agent = runtime.agents.get(agentName)!.agent;
  return {
    agent,
    runtime,
    async warmUp() {
      const report = await runtime.warmUp({ headers: { 'x-request-id': `warmup#${name}` } });
      const failed = Object.entries(report.failed);
      if (failed.length > 0) throw new Error(`warm-up of ${name} failed: ${failed.map(([what, why]) => `${what}: ${why}`).join('; ')}`);
    },
    close: () => runtime.close(),
  };
}
