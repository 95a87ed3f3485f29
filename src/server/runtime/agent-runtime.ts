// An agent from its configuration: HTTP tools on keep-alive pools per origin, its models (one, or
// tiers behind the router with each model's fallbacks as standby deployments), the tool-result cache
// on the shared store and bus, and the request embedding the router and caches share.

import { Pool } from 'undici';
import { createAgent, type Agent, type AgentLayer } from '../../agent/index.js';
import { planLayer, responseCacheLayer } from '../../agent/layers/index.js';
import {
  createPlanCache,
  createResponseCache,
  createThresholdCalibrator,
  createToolResultCache,
  type DefaultToolResultCache,
  type PlanCache,
  type ResponseCache,
  type ResponseEntry,
  type ToolResultEntry,
} from '../../cache/index.js';
import { createComplexityClassifier } from '../../classifier/index.js';
import type { AgentConfig, GatewayConfig } from '../../config/index.js';
import { createRouter, type ModelRouter, type RouterTierOptions } from '../../router/index.js';
import type { EmbeddingModel, LanguageModel } from '../../spec/index.js';
import { httpTool, type AnyTool } from '../../tools/index.js';
import type { CacheRuntime } from './cache-runtime.js';
import type { ModelRuntime } from './model-runtime.js';
import { renderInstructions } from './render-instructions.js';

export interface AgentRuntime {
  readonly name: string;
  readonly description: string | undefined;
  readonly agent: Agent;
  readonly router: ModelRouter | undefined;
  readonly toolResults: DefaultToolResultCache | undefined;
  readonly responses: ResponseCache | undefined;
  readonly plans: PlanCache | undefined;
  /** Opens tool and model connections (and indexes shared cached answers). */
  warmUp(options?: RuntimeWarmUpOptions): Promise<void>;
  close(): Promise<void>;
}

export interface RuntimeWarmUpOptions {
  /** Headers of the warm-up requests. Default: `x-request-id: warmup#<agent>`. */
  headers?: Record<string, string>;
}

export interface AgentRuntimeOptions {
  name: string;
  config: AgentConfig;
  gateway: GatewayConfig;
  models: ReadonlyMap<string, ModelRuntime>;
  cache: CacheRuntime;
  /** The request embedding model shared by router and caches, when there is one. */
  embeddings: EmbeddingModel | undefined;
  /** Whether `embeddings` is the encoder the shipped classifier was trained on. */
  embeddingsFitClassifier: boolean;
  /** Extra layers around the model/tool loop, outside the configured caches, outermost first. */
  layers?: readonly AgentLayer[];
}

/** Tier order: the router section's, else fast-like tiers before powerful-like ones, else as given. */
export function orderTiers(tiers: readonly string[], configured: readonly string[] | undefined): string[] {
  if (configured !== undefined) return [...configured.filter((tier) => tiers.includes(tier)), ...tiers.filter((tier) => !configured.includes(tier))];
  const rank = (tier: string) => (/fast|small|mini|cheap|light/i.test(tier) ? 0 : /powerful|large|big|strong|smart/i.test(tier) ? 2 : 1);
  return [...tiers].sort((first, second) => rank(first) - rank(second));
}

/** Router tiers: each tier's model, its fallbacks as standby deployments (hedges and failover). */
export function routerTiers(modelsByTier: Readonly<Record<string, string>>, order: readonly string[], models: ReadonlyMap<string, ModelRuntime>): RouterTierOptions[] {
  return order.map((tier) => {
    const primary = models.get(modelsByTier[tier]!)!;
    const standby = primary.fallbacks.map((name) => models.get(name)!).filter((model) => model.name !== primary.name);
    return {
      name: tier,
      deployments: [primary, ...standby].map((model, index) => ({
        // Deployment names are unique across tiers; a fallback may stand by in several.
        name: index === 0 ? model.name : `${model.name}@${tier}`,
        model: model.model,
        weight: index === 0 ? 1 : 0,
        ...(model.costPer1kInputTokens === undefined ? {} : { costPer1kInputTokens: model.costPer1kInputTokens }),
        ...(model.costPer1kOutputTokens === undefined ? {} : { costPer1kOutputTokens: model.costPer1kOutputTokens }),
      })),
    };
  });
}

export function createAgentRuntime(options: AgentRuntimeOptions): AgentRuntime {
  const { name, config, gateway, models, cache } = options;
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string) => {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, { connections: config.toolConnections, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
      pools.set(origin, pool);
    }
    return pool;
  };
  const tools: AnyTool[] = config.tools.map((tool) => {
    const baseUrl = tool.baseUrl ?? config.toolsBaseUrl;
    const origin = new URL(tool.url, baseUrl).origin;
    const headers = { ...config.toolHeaders, ...tool.headers };
    return httpTool({
      ...tool,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(Object.keys(headers).length === 0 ? {} : { headers }),
      dispatcher: poolFor(origin),
    }) as AnyTool;
  });

  const byTier: Record<string, string> = typeof config.models === 'string' ? { default: config.models } : { ...config.models };
  const languageModels: Record<string, LanguageModel> = Object.fromEntries(Object.entries(byTier).map(([tier, model]) => [tier, models.get(model)!.model]));
  const tierNames = orderTiers(Object.keys(byTier), gateway.router.tiers);
  const needsRouter = tierNames.length > 1 || tierNames.some((tier) => models.get(byTier[tier]!)!.fallbacks.length > 0);
  const router = needsRouter
    ? createRouter({
        tiers: routerTiers(byTier, tierNames, models),
        ...(gateway.router.classifier && options.embeddingsFitClassifier && tierNames.length > 1 ? { classifier: createComplexityClassifier() } : {}),
        hedging: gateway.router.hedging ? {} : false,
        escalation: gateway.router.escalation ? {} : false,
        failover: { order: gateway.router.failover },
        learning: false,
      })
    : undefined;

  const toolResults = config.cache.toolResults ? createToolResultCache({ store: cache.store<ToolResultEntry>(`tools:${name}`), bus: cache.bus, name: `tool-results:${name}` }) : undefined;
  const unregisters = toolResults === undefined ? [] : [cache.invalidator.register(toolResults)];
  // Cached answers and plans are per agent configuration: the key names its models.
  const agentKey = `${name}:${Object.values(byTier).map((model) => models.get(model)!.upstreamId).join(',')}`;
  const plans = config.cache.plans ? createPlanCache() : undefined;
  const { maxFalseHitRate, priorThreshold } = config.cache.semantic;
  const responses = config.cache.responses
    ? createResponseCache({
        store: cache.store<ResponseEntry>(`responses:${name}`),
        bus: cache.bus,
        calibrator: createThresholdCalibrator({ maxFalseHitRate, ...(priorThreshold === undefined ? {} : { priorThreshold }) }),
      })
    : undefined;
  if (responses !== undefined) unregisters.push(cache.invalidator.register(responses));
  const layers: AgentLayer[] = [
    ...(options.layers ?? []),
    ...(responses === undefined ? [] : [responseCacheLayer(responses, { agentKey, ...(plans === undefined ? {} : { planCache: plans }) })]),
    ...(plans === undefined ? [] : [
          planLayer(plans, {
            agentKey,
            ...(config.cache.speculation ? {} : { speculation: false as const }),
            // Template vectors let a new phrasing borrow a paraphrase's plan.
            ...(options.embeddings === undefined ? {} : { embeddings: options.embeddings }),
          }),
        ]),
  ];

  const agent = createAgent({
    name,
    models: languageModels,
    ...(tierNames.length > 0 ? { defaultTier: tierNames[tierNames.length - 1]! } : {}),
    instructions: renderInstructions(config.instructions),
    tools,
    ...(toolResults === undefined ? {} : { toolExecutor: { cache: toolResults } }),
    maxSteps: config.maxSteps,
    timeoutMs: config.timeoutMs,
    ...(options.embeddings === undefined ? {} : { embeddings: options.embeddings }),
    ...(layers.length === 0 ? {} : { layers }),
    ...(router === undefined ? {} : { modelCaller: router }),
  });

  return {
    name,
    description: config.description,
    agent,
    router,
    toolResults,
    responses,
    plans,
    async warmUp(warmUpOptions: RuntimeWarmUpOptions = {}) {
      const headers = warmUpOptions.headers ?? { 'x-request-id': `warmup#${name}` };
      // Tool pools: concurrent requests open the connections a burst of parallel calls needs (any
      // answer opens one; the status does not matter). An unreachable tool API fails its calls
      // later with a clear error; warm-up carries on.
      const connections = Math.min(config.toolConnections, 16);
      await Promise.all(
        [...pools.values()].flatMap((pool) =>
          Array.from({ length: connections }, async () => {
            const response = await pool.request({ path: '/', method: 'GET', headers }).catch(() => undefined);
            await response?.body.dump();
          }),
        ),
      );
      await Promise.all([agent.warmUp({ headers }), responses?.warm()]);
    },
    async close() {
      for (const unregister of unregisters) unregister();
      toolResults?.close();
      await responses?.close();
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
