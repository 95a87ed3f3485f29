import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Simulator } from '../../sim/index.js';
import { HotpathError } from '../../src/index.js';
import { benchAgentRegistry, createSystemPrompt, loadBenchAgentFactory, type BenchAgent, type BenchAgentRegistry } from '../agents/index.js';
import { applyScenarioOverrides, loadScenario, modelsByTier, type LoadedScenario, type Scenario, type ScenarioOverrides } from '../scenario/index.js';
import { scoreAnswer } from '../scoring/index.js';
import { percentileMethod, summarizeLatency } from '../stats/index.js';
import { generateWorkload } from '../workload/index.js';
import { agentRatios } from './agent-ratios.js';
import type { BenchResult } from './bench-result.js';
import { buildWaterfall } from './build-waterfall.js';
import { criticalPathBound, estimateTokens } from './critical-path-bound.js';
import { driveWorkload } from './drive-workload.js';
import type { RequestOutcome, ScoredOutcome } from './request-outcome.js';
import { startScenarioSimulator } from './start-scenario-simulator.js';
import { summarizeAgent } from './summarize-agent.js';

export interface BenchProgress {
  /** Requests finished, over all agents. */
  done: number;
  total: number;
  outcome: RequestOutcome;
}

export interface RunBenchOptions extends ScenarioOverrides {
  /** Scenario name (scenarios/<name>.yaml), path, or an already loaded scenario. */
  scenario: string | Scenario;
  /** Agents to compare; the first is the reference for ratios. */
  agents: readonly string[];
  /** Where scenario names resolve; the repository's scenarios/ by default. */
  scenariosDirectory?: string;
  /** Agent factories by name; the built-in registry by default. */
  registry?: BenchAgentRegistry;
  /**
   * A running simulator to use instead of starting one from the scenario (the caller closes it).
   * Its own configuration (time scale, seed, models) then wins over the scenario's.
   */
  simulator?: Simulator;
  onProgress?(progress: BenchProgress): void;
}

const agentNamePattern = /^[a-z0-9][a-z0-9-]*$/i;

/** Runs the agents side by side on the scenario's workload and measures them. */
export async function runBench(options: RunBenchOptions): Promise<BenchResult> {
  const agentNames = validateAgentNames(options.agents);
  const loaded = typeof options.scenario === 'string'
    ? loadScenario(options.scenario, { directory: options.scenariosDirectory })
    : options.scenario;
  const scenario = applyScenarioOverrides(loaded, options);
  const simulator = options.simulator ?? (await startScenarioSimulator(scenario.simulator));
  try {
    return await benchOnSimulator({ scenario, simulator, agentNames, registry: options.registry ?? benchAgentRegistry, onProgress: options.onProgress });
  } finally {
    if (options.simulator === undefined) await simulator.close();
  }
}

interface BenchOnSimulatorOptions {
  scenario: Scenario;
  simulator: Simulator;
  agentNames: string[];
  registry: BenchAgentRegistry;
  onProgress?: RunBenchOptions['onProgress'];
}

async function benchOnSimulator({ scenario, simulator, agentNames, registry, onProgress }: BenchOnSimulatorOptions): Promise<BenchResult> {
  const { workload } = scenario;
  const timeScale = simulator.clock.timeScale;
  const seed = simulator.config.seed;
  const models = modelsByTier(simulator.config);
  const systemPrompt = createSystemPrompt(simulator.domain);
  const requests = workloadFor(scenario, simulator);

  const agents: BenchAgent[] = [];
  try {
    for (const name of agentNames) {
      const factory = await loadBenchAgentFactory(name, registry);
      const agent = await factory({ simulator, models, systemPrompt, agentName: name });
      if (agent.name !== name) throw new HotpathError('HOTPATH_INTERNAL', `agent "${name}" calls itself "${agent.name}": the name is its namespace and must match`);
      agents.push(agent);
    }
    // Start-up and warm-up are not timed.
    for (const agent of agents) await agent.setup?.();

    // How late the event loop ran during the timed phase: the noise the run was exposed to.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const timedFrom = Date.now();
    let done = 0;
    const total = requests.length * agents.length;
    const outcomes = await driveWorkload({
      agents, requests, arrival: workload.arrival, seed, timeScale, timeoutMs: workload.timeoutMs,
      onOutcome: (outcome) => onProgress?.({ done: ++done, total, outcome }),
    });
    const wallSeconds = (Date.now() - timedFrom) / 1000;
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuBefore);
    const delayMs = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;

    const boundsMs = new Map(requests.map((request) => [
      request.id,
      criticalPathBound({ simulator, request, models, inputTokens: estimateTokens(`${systemPrompt(request.userId)}\n${request.text}`) }).totalMs,
    ]));
    const perAgent = agents.map((agent) => {
      const scored: ScoredOutcome[] = (outcomes.get(agent.name) ?? []).map((outcome, index) => ({
        ...outcome,
        score: scoreAnswer({
          domain: simulator.domain,
          namespace: agent.name,
          request: requests[index]!,
          requestId: outcome.requestId,
          text: outcome.text,
          error: outcome.error,
          startedAt: outcome.startedAt,
          endedAt: outcome.endedAt,
        }),
      }));
      const calls = simulator.calls.list({ namespace: agent.name }).filter((call) => call.startedAt >= timedFrom);
      return { agent, scored, calls };
    });

    const summaries = perAgent.map(({ agent, scored, calls }) =>
      summarizeAgent({ name: agent.name, outcomes: scored, calls, boundsMs, config: simulator.config, timeScale, versions: agent.versions }),
    );
    const reference = summaries[0]!;
    const boundSummary = summarizeLatency([...boundsMs.values()]);
    return {
      scenario: scenario.name,
      timeScale,
      requests: requests.length,
      agents: summaries.map((summary) => ({ ...summary, ratios: agentRatios(summary, reference) })),
      seed,
      domain: simulator.domain.name,
      arrival: workload.arrival,
      timeoutMs: workload.timeoutMs,
      models,
      providers: simulator.config.providers.map(({ name, models: served, slowTail }) => ({ name, models: [...served], ...(slowTail ? { slowTail } : {}) })),
      percentileMethod,
      bound: { meanMs: boundSummary.mean, p50Ms: boundSummary.p50 },
      date: new Date().toISOString(),
      wallSeconds,
      machine: {
        platform: os.platform(), arch: os.arch(), cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown',
        node: process.version, loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
        processCpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
        eventLoopDelayMs: { p50: delayMs(loopDelay.percentile(50)), p99: delayMs(loopDelay.percentile(99)), max: delayMs(loopDelay.max) },
      },
      waterfall: buildWaterfall({
        requests,
        outcomes: perAgent.map(({ agent, scored, calls }) => ({ name: agent.name, outcomes: scored, calls })),
        timeScale,
      }),
    };
  } finally {
    await Promise.allSettled(agents.map(async (agent) => agent.close?.()));
  }
}

/** The scenario's requests; a mix naming kinds the domain lacks is reported against the scenario file. */
function workloadFor(scenario: Scenario, simulator: Simulator) {
  try {
    return generateWorkload({ domain: simulator.domain, workload: scenario.workload, seed: simulator.config.seed });
  } catch (error) {
    const file = (scenario as Partial<LoadedScenario>).file;
    if (!HotpathError.isInstance(error) || file === undefined) throw error;
    const label = path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);
    throw new HotpathError(error.code, `${label}: ${error.message}`, { cause: error, details: { ...error.details, file } });
  }
}

function validateAgentNames(names: readonly string[]): string[] {
  if (names.length === 0) throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'agents: expected at least one agent', { details: { option: 'agents' } });
  const seen = new Set<string>();
  for (const name of names) {
    if (!agentNamePattern.test(name)) {
      throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `agents: "${name}" is not a valid agent name (letters, digits, dashes)`, { details: { option: 'agents' } });
    }
    if (seen.has(name)) throw new HotpathError('HOTPATH_INVALID_ARGUMENT', `agents: "${name}" is listed twice`, { details: { option: 'agents' } });
    seen.add(name);
  }
  return [...names];
}
