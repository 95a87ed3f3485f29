import type { Brain } from '../brain/index.js';
import type { CallLog } from '../calls/index.js';
import type { SimClock } from '../clock/index.js';
import type { SimulatorConfig } from '../config/index.js';
import type { SimulatorProviderEndpoint } from '../simulator.js';
import { ColdStartTracker } from './cold-start-tracker.js';
import { AttemptCounter } from './injected-failure.js';
import type { LlmServerState } from './llm-server-state.js';
import { startProviderServer, type ProviderServer } from './provider-server.js';

export interface LlmServerOptions {
  config: SimulatorConfig;
  clock: SimClock;
  brain: Brain;
  calls: CallLog;
}

export interface LlmServer {
  readonly providers: SimulatorProviderEndpoint[];
  close(): Promise<void>;
}

/** Starts one HTTP server per configured provider, each speaking the OpenAI and Anthropic protocols. */
export async function startLlmServer(options: LlmServerOptions): Promise<LlmServer> {
  validateOptions(options);
  const { config, clock, brain, calls } = options;
  let sequence = 0;
  const state: LlmServerState = {
    config,
    clock,
    brain,
    calls,
    coldStarts: new ColdStartTracker(config, clock),
    attempts: new AttemptCounter(),
    active: new Set(),
    nextSequence: () => sequence++,
  };
  const servers: ProviderServer[] = [];
  const closeAll = async () => {
    for (const controller of state.active) controller.abort(new Error('the simulator is shutting down'));
    await Promise.all(servers.map((server) => server.close()));
  };
  try {
    for (const provider of config.providers) servers.push(await startProviderServer({ state, provider, host: config.host }));
  } catch (error) {
    await closeAll();
    throw error;
  }
  let closed: Promise<void> | undefined;
  return {
    providers: servers.map((server) => server.endpoint),
    close: () => (closed ??= closeAll()),
  };
}

function validateOptions(options: LlmServerOptions): void {
  const { config, clock, brain, calls } = options;
  if (!config || !Array.isArray(config.providers) || config.providers.length === 0) {
    throw new TypeError('startLlmServer: options.config must be a parsed SimulatorConfig with at least one provider');
  }
  for (const provider of config.providers) {
    for (const model of provider.models) {
      if (!config.models[model]) throw new TypeError(`startLlmServer: options.config.providers "${provider.name}" serves unknown model "${model}"`);
    }
  }
  if (!clock || typeof clock.sleep !== 'function') throw new TypeError('startLlmServer: options.clock must be a SimClock');
  if (!brain || typeof brain.respond !== 'function') throw new TypeError('startLlmServer: options.brain must implement respond()');
  if (!calls || typeof calls.add !== 'function') throw new TypeError('startLlmServer: options.calls must be a CallLog');
}
