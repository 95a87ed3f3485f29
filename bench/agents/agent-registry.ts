import { HotpathError } from '../../src/index.js';
import type { BenchAgentFactory } from './bench-agent.js';

/** Agents by name; each module is imported only when a run asks for it (frameworks load slowly). */
export type BenchAgentRegistry = Readonly<Record<string, () => Promise<BenchAgentFactory>>>;

export const benchAgentRegistry: BenchAgentRegistry = {
  baseline: async () => (await import('./baseline-agent.js')).createBaselineAgent,
  'ai-sdk': async () => (await import('./ai-sdk-agent.js')).createAiSdkAgent,
  langgraph: async () => (await import('./langgraph-agent.js')).createLangGraphAgent,
  hotpath: async () => (await import('./hotpath-agent.js')).hotpathAgentFactory('hotpath'),
  'hotpath-parallel': async () => (await import('./hotpath-agent.js')).hotpathAgentFactory('hotpath-parallel'),
  'hotpath-nocache': async () => (await import('./hotpath-agent.js')).hotpathAgentFactory('hotpath-nocache'),
  'hotpath-norouter': async () => (await import('./hotpath-agent.js')).hotpathAgentFactory('hotpath-norouter'),
  'hotpath-nohedge': async () => (await import('./hotpath-agent.js')).hotpathAgentFactory('hotpath-nohedge'),
  'hotpath-gateway': async () => (await import('./hotpath-gateway-agent.js')).createHotpathGatewayAgent,
};

/** The factory registered under `name`; the error lists the known names. */
export async function loadBenchAgentFactory(name: string, registry: BenchAgentRegistry = benchAgentRegistry): Promise<BenchAgentFactory> {
  const load = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (load === undefined) {
    throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `agents: unknown agent "${name}" (known: ${Object.keys(registry).join(', ')})`, {
      details: { option: 'agents', value: name },
    });
  }
  return load();
}
