// The embedded default `hotpath start` / `hotpath serve` run without a configuration file: the
// simulator in this process (LLM providers and the service desk's tool APIs, no keys, no network),
// and a gateway configuration for it — the service-desk agent over the simulated models with the
// simulator's tools as HTTP tools, in-memory caches, and the simulator's change events wired to the
// gateway's webhook. Lives in bin/ because the product (src/) never imports the simulator.

import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { demoInstructions } from '../demo/index.js';
import { createRandom, defaultSimulatorConfig, startSimulator, type Simulator, type ToolCatalogEntry } from '../sim/index.js';
import type { EmbeddedGatewayDefault } from '../src/cli/index.js';
import type { GatewayConfigInput } from '../src/config/index.js';

export interface EmbeddedDefault {
  simulator: Simulator;
  config: GatewayConfigInput;
  /** Tells the simulator where to POST its change events once the gateway listens. */
  connectWebhook(gatewayUrl: string): Promise<void>;
  close(): Promise<void>;
}

export interface EmbeddedDefaultOptions {
  /** Multiplies every simulated delay (1 = real time). */
  timeScale?: number;
  port?: number;
  host?: string;
  /** Background data changes per scenario second. Default 0.2. */
  mutationRate?: number;
}

const agentName = 'service-desk';

export async function startEmbeddedDefault(options: EmbeddedDefaultOptions = {}): Promise<EmbeddedDefault> {
  const simulator = await startSimulator({
    config: {
      ...defaultSimulatorConfig,
      timeScale: options.timeScale ?? 1,
      mutations: { ratePerSecond: options.mutationRate ?? 0.2, webhookUrls: [], redisChannel: 'hotpath-sim:changes' },
    },
  });
  const providers = Object.fromEntries(simulator.providers.map((endpoint) => [endpoint.name, { type: 'openai-compatible' as const, baseURL: `${endpoint.url}/v1`, apiKey: 'simulator', connections: 64 }]));
  const models: NonNullable<GatewayConfigInput['models']> = {};
  for (const endpoint of simulator.providers) {
    for (const model of endpoint.models) models[model] ??= { provider: endpoint.name, tier: simulator.config.models[model]?.tier };
  }
  const tierModel = (tier: 'fast' | 'powerful') => Object.keys(models).find((name) => models[name]!.tier === tier)!;
  const role = demoInstructions(simulator.domain.name)(undefined);
  const config: GatewayConfigInput = {
    // The package's dashboard, wherever the command is run from.
    server: { host: options.host ?? '127.0.0.1', port: options.port ?? 8700, dashboardDirectory: fileURLToPath(new URL('../dashboard/public', import.meta.url)) },
    providers,
    models,
    defaultAgent: agentName,
    agents: {
      [agentName]: {
        description: 'IT service desk assistant over the simulated backend',
        instructions: `${role}\n\nCurrent user: {user}`,
        models: { fast: tierModel('fast'), powerful: tierModel('powerful') },
        toolsBaseUrl: simulator.toolsUrl,
        toolConnections: 64,
        tools: simulator.domain.catalog.map(toolConfig),
      },
    },
    changeFeeds: { namespace: 'default' },
  };
  return {
    simulator,
    config,
    async connectWebhook(gatewayUrl) {
      const response = await fetch(`${simulator.toolsUrl}/admin/mutations`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ webhookUrls: [`${gatewayUrl}/v1/webhooks/changes`] }),
      });
      await response.body?.cancel();
    },
    close: () => simulator.close(),
  };
}

/** A catalog entry as a configuration tool: JSON Schema input, tags, cache policy, progress text. */
function toolConfig(entry: ToolCatalogEntry): NonNullable<NonNullable<GatewayConfigInput['agents']>[string]['tools']>[number] {
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
    ...(entry.readOnly ? { cache: { ttlMs: 300_000, scope: entry.userScoped ? ('user' as const) : ('tenant' as const) } } : {}),
  };
}

/** The embedded default in the shape `hotpath serve` takes (src/cli never imports the simulator). */
export async function embeddedGatewayDefault(options: EmbeddedDefaultOptions = {}): Promise<EmbeddedGatewayDefault> {
  const embedded = await startEmbeddedDefault(options);
  const { simulator } = embedded;
  // A real ticket and its requester, so the printed example gets a real answer.
  const example = simulator.domain.generateRequest({ random: createRandom('hotpath-start-example'), kind: 'ticket-status', entitySkew: 1, userSkew: 1 });
  return {
    example: { user: example.userId, question: example.text },
    config: embedded.config,
    connectWebhook: (url) => embedded.connectWebhook(url),
    describe: () => [
      `simulator:  ${simulator.domain.name} domain, time scale ${simulator.clock.timeScale}`,
      ...simulator.providers.map((provider) => `  LLM provider ${provider.name} at ${provider.url}/v1 (${provider.models.join(', ')})`),
      `  tool APIs at ${simulator.toolsUrl} (admin: ${simulator.toolsUrl}/admin)`,
    ],
    close: () => embedded.close(),
  };
}
