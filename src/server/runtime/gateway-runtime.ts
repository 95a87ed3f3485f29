// Everything a configuration describes, built once at start-up: providers on warm pools, the model
// names clients use, the router behind model "auto", the agents, the caches and change feeds, and
// the embedding model. `warmUp()` opens every pool and wakes every model; `close()` releases all.

import type { AgentLayer } from '../../agent/index.js';
import { createComplexityClassifier } from '../../classifier/index.js';
import type { GatewayConfig } from '../../config/index.js';
import type { InvalidationBus } from '../../spec/index.js';
import { createRouter, type ModelRouter } from '../../router/index.js';
import { createAgentRuntime, orderTiers, routerTiers, type AgentRuntime, type RuntimeWarmUpOptions } from './agent-runtime.js';
import { createCacheRuntime, type CacheRuntime } from './cache-runtime.js';
import { createGatewayEmbeddings, type GatewayEmbeddings } from './lazy-embeddings.js';
import { createModelRuntimes, type ModelRuntime } from './model-runtime.js';
import { createProviderRuntime, type ProviderRuntime } from './provider-runtime.js';

export interface WarmUpReport {
  /** Names of what was warmed ("model gpt-4o", "agent desk", "cache"). */
  warmed: string[];
  /** What failed, with the error message. */
  failed: Record<string, string>;
}

export interface GatewayRuntime {
  readonly config: GatewayConfig;
  readonly providers: ReadonlyMap<string, ProviderRuntime>;
  readonly models: ReadonlyMap<string, ModelRuntime>;
  readonly agents: ReadonlyMap<string, AgentRuntime>;
  /** The agent model "hotpath" runs. */
  readonly defaultAgent: string | undefined;
  /** Routes model "auto" across the tiers of `models`; undefined when no model has a tier. */
  readonly autoRouter: ModelRouter | undefined;
  readonly cache: CacheRuntime;
  readonly embeddings: GatewayEmbeddings;
  warmUp(options?: RuntimeWarmUpOptions): Promise<WarmUpReport>;
  close(): Promise<void>;
}

export interface GatewayRuntimeOptions {
  /** Invalidation bus for in-memory caches (default: this process only; Redis brings its own). */
  bus?: InvalidationBus;
  /** Extra layers per agent (caches, plans), built by the caller with the runtime's cache machinery. */
  agentLayers?: (agent: string, cache: CacheRuntime) => readonly AgentLayer[];
}

export function createGatewayRuntime(config: GatewayConfig, options: GatewayRuntimeOptions = {}): GatewayRuntime {
  const providers = new Map(Object.entries(config.providers).map(([name, provider]) => [name, createProviderRuntime(name, provider)]));
  const models = createModelRuntimes(config, providers);
  const cache = createCacheRuntime(config, options.bus === undefined ? {} : { bus: options.bus });
  const embeddings = createGatewayEmbeddings(config, providers);
  const agents = new Map<string, AgentRuntime>();
  for (const [name, agent] of Object.entries(config.agents)) {
    const layers = options.agentLayers?.(name, cache);
    agents.set(name, createAgentRuntime({
      name,
      config: agent,
      gateway: config,
      models,
      cache,
      embeddings,
      embeddingsFitClassifier: embeddings.embedded,
      ...(layers === undefined ? {} : { layers }),
    }));
  }
  const autoRouter = createAutoRouter(config, models, embeddings.embedded);

  return {
    config,
    providers,
    models,
    agents,
    defaultAgent: config.defaultAgent ?? agents.keys().next().value,
    autoRouter,
    cache,
    embeddings,
    async warmUp(warmUpOptions: RuntimeWarmUpOptions = {}) {
      const headers = warmUpOptions.headers ?? { 'x-request-id': 'warmup#gateway' };
      const report: WarmUpReport = { warmed: [], failed: {} };
      const step = async (label: string, work: () => Promise<unknown>) => {
        try {
          await work();
          report.warmed.push(label);
        } catch (error) {
          report.failed[label] = error instanceof Error ? error.message : String(error);
        }
      };
      await Promise.all([
        step('cache', async () => {
          if (!(await cache.whenConnected(5000))) throw new Error('Redis is not reachable');
        }),
        ...[...models.values()]
          .filter((model) => model.warm)
          .map((model) => step(`model ${model.name}`, () => model.model.warmUp?.({ connections: Math.max(1, model.provider.config.warmConnections), headers }) ?? Promise.resolve())),
        ...[...agents.values()].map((agent) => step(`agent ${agent.name}`, () => agent.warmUp(warmUpOptions))),
        ...(usesEmbeddings(agents, autoRouter) ? [step('embeddings', () => embeddings.warmUp())] : []),
      ]);
      return report;
    },
    async close() {
      await Promise.allSettled([...agents.values()].map((agent) => agent.close()));
      await Promise.allSettled([...providers.values()].map((provider) => provider.close()));
      await cache.close();
      await embeddings.close();
    },
  };
}

function usesEmbeddings(agents: ReadonlyMap<string, AgentRuntime>, autoRouter: ModelRouter | undefined): boolean {
  return autoRouter !== undefined || [...agents.values()].some((agent) => agent.router !== undefined || agent.responses !== undefined);
}

/** Tiers of every model that names one; the first model of a tier leads, the others stand by. */
function createAutoRouter(config: GatewayConfig, models: ReadonlyMap<string, ModelRuntime>, embeddingsFitClassifier: boolean): ModelRouter | undefined {
  const firstByTier: Record<string, string> = {};
  for (const model of models.values()) if (model.tier !== undefined) firstByTier[model.tier] ??= model.name;
  const tiers = orderTiers(Object.keys(firstByTier), config.router.tiers);
  if (tiers.length === 0) return undefined;
  const tierOptions = routerTiers(firstByTier, tiers, models).map((tier) => {
    const others = [...models.values()].filter((model) => model.tier === tier.name && !tier.deployments.some((deployment) => deployment.model === model.model));
    return { ...tier, deployments: [...tier.deployments, ...others.map((model) => ({ name: model.name, model: model.model, weight: 0 }))] };
  });
  return createRouter({
    tiers: tierOptions,
    ...(config.router.classifier && embeddingsFitClassifier && tiers.length > 1 ? { classifier: createComplexityClassifier() } : {}),
    hedging: config.router.hedging ? {} : false,
    escalation: config.router.escalation ? {} : false,
    failover: { order: config.router.failover },
    learning: false,
  });
}
