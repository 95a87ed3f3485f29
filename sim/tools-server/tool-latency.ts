// One formula for a tool call's simulated latency, used by the tool server when it serves the call
// and by `Simulator.sampleToolLatencyMs` when the benchmark computes its bounds: both must agree.

import type { SimulatorConfig, ToolProfile } from '../config/index.js';
import { logNormalFromQuantiles, sampleKey, type LogNormal } from '../random/index.js';
import { canonicalJson } from './canonical-json.js';

export interface ToolLatencySampler {
  profile(tool: string): ToolProfile;
  /** Scenario ms the call takes (same seed, key, tool and arguments: same value). */
  latencyMs(key: string, tool: string, args: Record<string, unknown>): number;
  /** Whether this attempt of the call fails with a 503 (the attempt number makes retries independent). */
  fails(key: string, tool: string, args: Record<string, unknown>, attempt: number): boolean;
  /** Scenario ms a new connection costs, drawn per request key and tool. */
  connectionSetupMs(key: string, tool: string): number;
}

export function createToolLatencySampler(config: Pick<SimulatorConfig, 'seed' | 'tools' | 'connectionSetupMs'>): ToolLatencySampler {
  const distributions = new Map<string, LogNormal>();
  const connectionSetup = logNormalFromQuantiles(config.connectionSetupMs);
  const profile = (tool: string): ToolProfile => config.tools.byName[tool] ?? config.tools.defaults;
  const distribution = (tool: string): LogNormal => {
    let found = distributions.get(tool);
    if (!found) {
      found = logNormalFromQuantiles(profile(tool).latencyMs);
      distributions.set(tool, found);
    }
    return found;
  };
  return {
    profile,
    latencyMs: (key, tool, args) =>
      distribution(tool).quantile(sampleKey({ seed: config.seed, what: 'tool-latency', key, detail: [tool, canonicalJson(args)] })),
    fails: (key, tool, args, attempt) => {
      const rate = profile(tool).errorRate;
      if (rate <= 0) return false;
      return sampleKey({ seed: config.seed, what: 'tool-error', key, detail: [tool, canonicalJson(args), attempt] }) < rate;
    },
    connectionSetupMs: (key, tool) =>
      connectionSetup.quantile(sampleKey({ seed: config.seed, what: 'tool-connection-setup', key, detail: [tool] })),
  };
}
