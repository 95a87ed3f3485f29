// A benchmark agent that runs hotpath's agent with the router over the simulator: one deployment per
// simulator provider and tier, the domain's tools as HTTP tools (the demo's), the shared system prompt.
// Variants switch the router's tiers and hedging so their effects are measured side by side.

import { Pool } from 'undici';
import { createSimulatorTools, demoInstructions } from '../../demo/index.js';
import { createAgent, createOpenAICompatible, type AgentEvent, type EmbeddingModel, type ModelStepCaller } from '../../src/index.js';
import type { BenchAgent, BenchAgentContext, BenchAgentFactory } from '../agents/index.js';
import type { RouterBenchApi, RouterBenchRouter } from './public-api.js';

export const routedVariants = {
  router: 'fast and powerful tiers, hedging on',
  'router-nohedge': 'fast and powerful tiers, hedging off',
  'powerful-only': 'powerful tier only, hedging off',
  'powerful-hedge': 'powerful tier only, hedging on',
} as const;

export type RoutedVariant = keyof typeof routedVariants;

export interface RoutedAgentOptions {
  api: Pick<RouterBenchApi, 'createRouter' | 'createComplexityClassifier'>;
  variant: RoutedVariant;
  /** Request embeddings for the classifier; without them the router routes on its text heuristic. */
  embeddings?: EmbeddingModel;
  /** Receives each agent's router (to read its stats after the run). */
  onRouter?(agentName: string, router: RouterBenchRouter): void;
}

export function routedAgentFactory(options: RoutedAgentOptions): BenchAgentFactory {
  return (context: BenchAgentContext): BenchAgent => {
    const { simulator, models, agentName } = context;
    const providers = simulator.providers.map((endpoint) => ({
      endpoint,
      // The router owns retries and failover, so the adapters send each call once.
      provider: createOpenAICompatible({ name: endpoint.name, baseURL: `${endpoint.url}/v1`, apiKey: 'sim', connections: 64, retries: 0 }),
    }));
    const deployments = (modelId: string) =>
      providers
        .filter(({ endpoint }) => endpoint.models.includes(modelId))
        .map(({ endpoint, provider }) => ({ name: `${endpoint.name}/${modelId}`, model: provider.languageModel(modelId) }));
    const powerfulOnly = options.variant === 'powerful-only' || options.variant === 'powerful-hedge';
    const hedged = options.variant === 'router' || options.variant === 'powerful-hedge';
    const tiers = powerfulOnly
      ? [{ name: 'powerful', deployments: deployments(models.powerful) }]
      : [{ name: 'fast', deployments: deployments(models.fast) }, { name: 'powerful', deployments: deployments(models.powerful) }];
    const classifier = options.embeddings === undefined || powerfulOnly ? undefined : options.api.createComplexityClassifier();
    const router = options.api.createRouter({ tiers, hedging: hedged ? {} : false, ...(classifier ? { classifier } : {}) });
    options.onRouter?.(agentName, router);
    const toolsPool = new Pool(simulator.toolsUrl, { connections: 64, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
    const instructions = demoInstructions(simulator.domain.name as 'service-desk');
    const agent = createAgent({
      name: agentName,
      models: Object.fromEntries(tiers.map((tier) => [tier.name, tier.deployments[0]!.model])),
      modelCaller: router as unknown as ModelStepCaller,
      tools: createSimulatorTools({ catalog: simulator.domain.catalog, toolsUrl: simulator.toolsUrl, dispatcher: toolsPool }),
      instructions: ({ user }) => instructions(user),
      ...(options.embeddings && classifier ? { embeddings: options.embeddings } : {}),
      maxSteps: 8,
      timeoutMs: 120_000,
    });
    const warmHeaders = { 'x-request-id': `warmup#${agentName}` };
    return {
      name: agentName,
      versions: { variant: options.variant },
      async setup() {
        await agent.warmUp({ connections: 16, headers: warmHeaders });
        await Promise.all(
          Array.from({ length: 16 }, async () => (await toolsPool.request({ path: '/healthz', method: 'GET', headers: warmHeaders })).body.dump()),
        );
      },
      async run(request, { requestId, signal, onFirstEvent, onFirstToken }) {
        const onEvent = (event: AgentEvent) => {
          if (event.type === 'progress' || event.type === 'tool-call-start') onFirstEvent();
          if (event.type === 'text-delta') {
            onFirstEvent();
            onFirstToken();
          }
        };
        const result = await agent.run(request.text, { user: request.userId, requestId, signal, onEvent });
        return { text: result.text, spans: result.timings.spans };
      },
      async close() {
        await Promise.all([...providers.map(({ provider }) => provider.close()), toolsPool.close()]);
      },
    };
  };
}
