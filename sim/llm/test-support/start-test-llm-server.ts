// Starts the LLM servers with a small, fast config for tests: models without random spread unless a
// test asks for it, no connection setup or cold start unless set.

import type { Brain } from '../../brain/index.js';
import { CallLog } from '../../calls/index.js';
import { createSimClock, type SimClock } from '../../clock/index.js';
import { parseSimulatorConfig, type SimulatorConfig, type SimulatorConfigInput } from '../../config/index.js';
import { startLlmServer, type LlmServer } from '../start-llm-server.js';

export interface TestLlmServer {
  server: LlmServer;
  config: SimulatorConfig;
  clock: SimClock;
  calls: CallLog;
  /** Base URL of the first provider. */
  url: string;
  close(): Promise<void>;
}

type ModelInput = SimulatorConfigInput['models'][string];

export const testModel = (overrides: Partial<ModelInput> = {}): ModelInput => ({
  tier: 'fast',
  ttftMs: { p50: 100, p95: 100 },
  msPerOutputToken: { p50: 5, p95: 5 },
  msPerInputToken: 0,
  coldStart: { afterIdleMs: 3_600_000, penaltyMs: { p50: 0.001, p95: 0.001 } },
  ...overrides,
});

export interface TestLlmServerOptions {
  brain: Brain;
  config?: Partial<SimulatorConfigInput>;
  /** A clock to use instead of one at the config's time scale. */
  clock?: SimClock;
}

export async function startTestLlmServer(options: TestLlmServerOptions): Promise<TestLlmServer> {
  const config = parseSimulatorConfig({
    seed: 11,
    timeScale: 0.05,
    models: { 'sim-fast': testModel(), 'sim-powerful': testModel({ tier: 'powerful' }) },
    providers: [{ name: 'primary', models: ['sim-fast', 'sim-powerful'] }],
    connectionSetupMs: { p50: 0.001, p95: 0.001 },
    ...options.config,
  });
  const clock = options.clock ?? createSimClock(config.timeScale);
  const calls = new CallLog();
  const server = await startLlmServer({ config, clock, brain: options.brain, calls });
  const url = server.providers[0]?.url;
  if (!url) throw new Error('startTestLlmServer: no provider started');
  return { server, config, clock, calls, url, close: () => server.close() };
}
