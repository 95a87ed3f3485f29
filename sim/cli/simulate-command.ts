// `hotpath simulate`: starts the simulator from a scenario's `simulator:` section (or the default
// configuration), prints where its providers and tool APIs listen, and runs until SIGINT/SIGTERM.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { defaultSimulatorConfig, parseSimulatorConfig, SimulatorConfigError, type SimulatorConfig, type SimulatorConfigInput } from '../config/index.js';
import type { Simulator } from '../simulator.js';
import { startSimulator } from '../start-simulator.js';

export interface SimulateCommandOptions {
  /** Scenario name (scenarios/<name>.yaml) or path to a YAML file. */
  scenario?: string;
  timeScale?: number;
  seed?: string | number;
  /** Port of the first provider; the other providers follow, then the tool APIs. */
  port?: number;
  webhook?: string[];
  redis?: string;
  mutationRate?: number;
}

export interface SimulateCommandIo {
  /** Where the URLs are printed; console.log when omitted. */
  log?: (line: string) => void;
  /** Stops the simulator when aborted (besides SIGINT/SIGTERM). */
  signal?: AbortSignal;
  /** Called once the simulator is up. */
  onStarted?: (simulator: Simulator) => void;
}

const scenariosDirectory = fileURLToPath(new URL('../../scenarios/', import.meta.url));

export async function runSimulateCommand(options: SimulateCommandOptions, io: SimulateCommandIo = {}): Promise<void> {
  const log = io.log ?? ((line: string) => console.log(line));
  const config = resolveSimulatorConfig(options);
  const simulator = await startSimulator({ config });
  log(`hotpath simulator (${simulator.config.domain}, seed ${String(simulator.config.seed)}, time scale ${simulator.config.timeScale})`);
  for (const provider of simulator.providers) {
    log(`  provider ${provider.name}: ${provider.url}/v1 (OpenAI chat completions, Anthropic messages) models ${provider.models.join(', ')}`);
  }
  log(`  tools: ${simulator.toolsUrl}`);
  log(`  admin: ${simulator.toolsUrl}/admin`);
  log(`  mutations: ${simulator.config.mutations.ratePerSecond}/s${simulator.config.mutations.webhookUrls.length > 0 ? `, webhooks ${simulator.config.mutations.webhookUrls.join(', ')}` : ''}${simulator.config.mutations.redisUrl ? `, Redis ${simulator.config.mutations.redisChannel}` : ''}`);
  io.onStarted?.(simulator);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await simulator.close();
  log('hotpath simulator stopped');
}

/** The scenario's simulator section (or the default) with the command-line overrides applied. */
export function resolveSimulatorConfig(options: SimulateCommandOptions): SimulatorConfig {
  const base = scenarioSimulatorSection(options.scenario ?? 'seed');
  const config = parseSimulatorConfig(base);
  if (options.timeScale !== undefined) config.timeScale = checkedNumber('--time-scale', options.timeScale, { min: Number.MIN_VALUE, max: 100 });
  if (options.seed !== undefined) config.seed = /^-?\d+$/.test(String(options.seed)) ? Number(options.seed) : String(options.seed);
  if (options.port !== undefined) {
    const port = checkedNumber('--port', options.port, { min: 1, max: 65535 - config.providers.length, integer: true });
    config.providers = config.providers.map((provider, index) => ({ ...provider, port: port + index }));
    config.tools = { ...config.tools, port: port + config.providers.length };
  }
  if (options.webhook !== undefined) config.mutations = { ...config.mutations, webhookUrls: options.webhook };
  if (options.redis !== undefined) config.mutations = { ...config.mutations, redisUrl: options.redis };
  if (options.mutationRate !== undefined) config.mutations = { ...config.mutations, ratePerSecond: checkedNumber('--mutation-rate', options.mutationRate, { min: 0 }) };
  // Validate the result as a whole (webhook URLs, ports).
  return parseSimulatorConfig(config);
}

function scenarioSimulatorSection(scenario: string): SimulatorConfigInput {
  const looksLikePath = /[/\\]|\.ya?ml$/i.test(scenario);
  const file = looksLikePath ? scenario : `${scenariosDirectory}${scenario}.yaml`;
  if (!existsSync(file)) {
    if (looksLikePath) throw new SimulatorConfigError(`--scenario: no such file ${scenario}`);
    return defaultSimulatorConfig;
  }
  let document: unknown;
  try {
    document = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SimulatorConfigError(`--scenario: ${file} is not valid YAML: ${(error as Error).message}`);
  }
  const section = typeof document === 'object' && document !== null ? (document as Record<string, unknown>).simulator : undefined;
  return (section ?? defaultSimulatorConfig) as SimulatorConfigInput;
}

function checkedNumber(option: string, value: number, bounds: { min: number; max?: number; integer?: boolean }): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < bounds.min || (bounds.max !== undefined && value > bounds.max) || (bounds.integer && !Number.isInteger(value))) {
    throw new SimulatorConfigError(`${option}: expected a${bounds.integer ? 'n integer' : ' number'} >= ${bounds.min}${bounds.max === undefined ? '' : ` and <= ${bounds.max}`}, got ${String(value)}`);
  }
  return value;
}
