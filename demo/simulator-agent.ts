// hotpath over the simulator: providers on keep-alive pools, the domain's tools as HTTP tools, and
// the agent the demo and the benchmark run. Features are switched on one by one so the benchmark
// can measure each alone.

import { Pool } from 'undici';
import type { Simulator } from '../sim/index.js';
import { createAgent, createOpenAICompatible, type Agent, type LanguageModel, type OpenAICompatibleProvider } from '../src/index.js';
import { demoInstructions } from './instructions.js';
import { createSimulatorTools } from './simulator-tools.js';

export interface SimulatorAgentOptions {
  simulator: Simulator;
  /** Agent name; also the namespace its warm-up requests use in the simulator. */
  name: string;
  /** Model ids by tier. */
  models: { fast: string; powerful: string };
  /** Connections kept open per origin. Default 64. */
  connections?: number;
}

export interface SimulatorAgent {
  agent: Agent;
  /** Opens the pools and wakes the models, so no user request pays connection setup or a cold start. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export function createSimulatorAgent(options: SimulatorAgentOptions): SimulatorAgent {
  const { simulator, name, models, connections = 64 } = options;
  const providers = simulator.providers.map((endpoint) => ({
    endpoint,
    provider: createOpenAICompatible({ name: endpoint.name, baseURL: `${endpoint.url}/v1`, apiKey: 'sim', connections }),
  }));
  const modelFor = (modelId: string): { model: LanguageModel; provider: OpenAICompatibleProvider } => {
    const entry = providers.find(({ endpoint }) => endpoint.models.includes(modelId));
    if (!entry) throw new Error(`no simulator provider serves model "${modelId}"`);
    return { model: entry.provider.languageModel(modelId), provider: entry.provider };
  };
  const toolsPool = new Pool(simulator.toolsUrl, { connections, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
  const tools = createSimulatorTools({ catalog: simulator.domain.catalog, toolsUrl: simulator.toolsUrl, dispatcher: toolsPool });
  const powerful = modelFor(models.powerful);
  const instructions = demoInstructions(simulator.domain.name);
  const agent = createAgent({
    name,
    models: { powerful: powerful.model },
    tools,
    instructions: ({ user }) => instructions(user),
    maxSteps: 8,
    timeoutMs: 120_000,
  });
  const warmHeaders = { 'x-request-id': `warmup#${name}` };
  return {
    agent,
    async warmUp() {
      await Promise.all([
        agent.warmUp({ connections: Math.min(connections, 16), headers: warmHeaders }),
        warmPool(toolsPool, Math.min(connections, 16), warmHeaders),
      ]);
    },
    async close() {
      await Promise.all([...providers.map(({ provider }) => provider.close()), toolsPool.close()]);
    },
  };
}

/** Opens `count` connections with concurrent cheap requests (the answer's status does not matter). */
async function warmPool(pool: Pool, count: number, headers: Record<string, string>): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async () => {
      const response = await pool.request({ path: '/healthz', method: 'GET', headers });
      await response.body.dump();
    }),
  );
}
