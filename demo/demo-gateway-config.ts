// hotpath's gateway configuration for a running simulator: its providers and models (fast and
// powerful tiers, replicas as fallbacks), the domain's tool APIs as HTTP tools with the metadata
// hotpath acts on, in-memory caches, and the simulator's change events as a change feed. Features
// can be switched off one by one, so the benchmark can measure each alone.

import { z } from 'zod';
import type { Simulator, ToolCatalogEntry } from '../sim/index.js';
import type { GatewayConfigInput } from '../src/index.js';
import { demoInstructions } from './instructions.js';

export interface DemoFeatures {
  /** Fast and powerful tiers behind the router; otherwise the powerful model only. */
  router: boolean;
  /** Hedge slow first tokens on a replica (when the simulator has one). */
  hedging: boolean;
  /** Check the fast tier's answers and redo failed steps on the powerful one. */
  escalation: boolean;
  responses: boolean;
  toolResults: boolean;
  plans: boolean;
  speculation: boolean;
}

export const allDemoFeatures: Readonly<DemoFeatures> = Object.freeze({
  router: true, hedging: true, escalation: true, responses: true, toolResults: true, plans: true, speculation: true,
});

export interface DemoGatewayConfigOptions {
  simulator: Simulator;
  /** Name of the agent in the configuration. Default: the simulator's domain name. */
  agentName?: string;
  features?: Partial<DemoFeatures>;
  server?: { host?: string; port?: number };
  /** Keep-alive connections per origin. Default 64. */
  connections?: number;
  /** Lifetime of cached tool results; change events evict them sooner. Default 5 minutes. */
  cacheTtlMs?: number;
  /** Subscribe to the simulator's Redis announcements (when it publishes them). Default true. */
  redisChangeFeed?: boolean;
  /** Writes announced for other namespaces (other clients of the simulator) are ignored. */
  namespace?: string;
  /** Model calls per request. Default: the gateway's default (8). */
  maxSteps?: number;
}

export function demoGatewayConfig(options: DemoGatewayConfigOptions): GatewayConfigInput {
  const { simulator, connections = 64, cacheTtlMs = 300_000 } = options;
  const features = { ...allDemoFeatures, ...options.features };
  const agentName = options.agentName ?? simulator.domain.name;
  const providers = Object.fromEntries(
    simulator.providers.map((endpoint) => [endpoint.name, { type: 'openai-compatible' as const, baseURL: `${endpoint.url}/v1`, apiKey: 'simulator', connections }]),
  );
  // The first provider serving a model is its primary; the others serve replicas, tried on failure
  // and used for hedges.
  const models: NonNullable<GatewayConfigInput['models']> = {};
  for (const [modelId, profile] of Object.entries(simulator.config.models)) {
    const serving = simulator.providers.filter((endpoint) => endpoint.models.includes(modelId));
    if (serving.length === 0) continue;
    const replicas = serving.slice(1).map((endpoint) => `${modelId}-${endpoint.name}`);
    models[modelId] = { provider: serving[0]!.name, tier: profile.tier, fallbacks: replicas };
    for (const [index, endpoint] of serving.slice(1).entries()) {
      models[replicas[index]!] = { provider: endpoint.name, model: modelId, warm: true };
    }
  }
  const tierModel = (tier: 'fast' | 'powerful') => Object.keys(simulator.config.models).find((id) => simulator.config.models[id]!.tier === tier && models[id] !== undefined);
  const fast = tierModel('fast');
  const powerful = tierModel('powerful');
  if (powerful === undefined) throw new Error('demoGatewayConfig: the simulator serves no powerful-tier model');
  const role = demoInstructions(simulator.domain.name)(undefined);
  const redisUrl = simulator.config.mutations.redisUrl;
  return {
    server: { host: options.server?.host ?? '127.0.0.1', port: options.server?.port ?? 8700 },
    providers,
    models,
    router: { hedging: features.hedging, escalation: features.escalation },
    defaultAgent: agentName,
    agents: {
      [agentName]: {
        description: `${simulator.domain.name === 'service-desk' ? 'IT service desk' : 'Retail customer service'} assistant over the simulated backend`,
        instructions: `${role}\n\nCurrent user: {user}`,
        models: features.router && fast !== undefined ? { fast, powerful } : powerful,
        toolsBaseUrl: simulator.toolsUrl,
        toolConnections: connections,
        tools: simulator.domain.catalog.map((entry) => demoToolConfig(entry, cacheTtlMs)),
        timeoutMs: 120_000,
        ...(options.maxSteps === undefined ? {} : { maxSteps: options.maxSteps }),
        cache: {
          responses: features.responses,
          toolResults: features.toolResults,
          plans: features.plans,
          speculation: features.speculation,
          // At most 5% wrong answers among semantic hits, starting from the threshold the offline
          // evaluation certified for that bound on Banking77 (0.925, the stricter of the two intent
          // sets; bench/cache-eval/results/cache-eval.md); online observations refine it per pattern.
          semantic: { maxFalseHitRate: 0.05, priorThreshold: 0.925 },
        },
      },
    },
    changeFeeds: {
      ...(options.namespace === undefined ? {} : { namespace: options.namespace }),
      redis: options.redisChangeFeed !== false && redisUrl !== undefined ? [{ url: redisUrl, channel: simulator.config.mutations.redisChannel }] : [],
    },
  };
}

type DemoToolConfig = NonNullable<NonNullable<GatewayConfigInput['agents']>[string]['tools']>[number];

/** A catalog entry as a configuration tool: JSON Schema input, data tags, cache policy, progress text. */
export function demoToolConfig(entry: ToolCatalogEntry, cacheTtlMs = 300_000): DemoToolConfig {
  const fields = Object.keys(entry.input.shape);
  return {
    name: entry.name,
    description: entry.description,
    method: entry.http.method,
    url: entry.http.path,
    input: z.toJSONSchema(entry.input) as Record<string, unknown>,
    readOnly: entry.readOnly,
    idempotent: entry.idempotent,
    reads: entry.reads,
    writes: entry.writes,
    upstream: 'tools-api',
    retries: entry.idempotent ? 1 : 0,
    progress: `${entry.name.replaceAll('_', ' ')}${fields.length > 0 ? ` {${fields[0]}}` : ''}…`,
    ...(entry.readOnly ? { cache: { ttlMs: cacheTtlMs, scope: entry.userScoped ? ('user' as const) : ('tenant' as const) } } : {}),
  };
}
