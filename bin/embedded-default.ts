// The embedded default `hotpath start` / `hotpath serve` run without a configuration file: the
// simulator in this process (LLM providers and the service desk's tool APIs, no keys, no network),
// and a gateway configuration for it — the service-desk agent over the simulated models with the
// simulator's tools as HTTP tools, in-memory caches, and the simulator's change events wired to the
// gateway's webhook. Lives in bin/ because the product (src/) never imports the simulator.

import { fileURLToPath } from 'node:url';
import { demoGatewayConfig } from '../demo/index.js';
import { createRandom, defaultSimulatorConfig, startSimulator, type Simulator } from '../sim/index.js';
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
  const base = demoGatewayConfig({ simulator, agentName, namespace: 'default' });
  const config: GatewayConfigInput = {
    ...base,
    // The package's dashboard, wherever the command is run from.
    server: { host: options.host ?? '127.0.0.1', port: options.port ?? 8700, dashboardDirectory: fileURLToPath(new URL('../dashboard/public', import.meta.url)) },
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
