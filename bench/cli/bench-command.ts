import { HotpathError } from '../../src/index.js';
import { writeBenchReport } from '../report/index.js';
import type { Simulator } from '../../sim/index.js';
import type { BenchAgentRegistry } from '../agents/index.js';
import { runBench, type BenchResult } from '../run/index.js';
import { createProgressReporter } from './bench-progress-bar.js';
import { summaryText } from './summary-text.js';

/** `hotpath bench` options as commander hands them over. */
export interface BenchCommandOptions {
  scenario?: string;
  /** Comma-separated agent names; the first is the reference for ratios. */
  agents?: string;
  requests?: number;
  concurrency?: number;
  /** Open-loop arrivals per scenario second (wins over concurrency). */
  rate?: number;
  timeScale?: number;
  seed?: number | string;
  json?: string;
  report?: string;
  /** false with --no-progress. */
  progress?: boolean;
}

/** What the command runs on; tests inject a simulator and agents, the CLI starts the scenario's simulator. */
export interface BenchCommandDependencies {
  simulator?: Simulator;
  registry?: BenchAgentRegistry;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WriteStream;
}

export async function runBenchCommand(options: BenchCommandOptions, dependencies: BenchCommandDependencies = {}): Promise<BenchResult | undefined> {
  const stdout = dependencies.stdout ?? process.stdout;
  const stderr = dependencies.stderr ?? process.stderr;
  const progress = createProgressReporter(options.progress !== false, stderr);
  try {
    const result = await runBench({
      scenario: options.scenario ?? 'seed',
      agents: (options.agents ?? 'baseline,ai-sdk,langgraph').split(',').map((name) => name.trim()).filter((name) => name !== ''),
      requests: options.requests,
      concurrency: options.concurrency,
      ratePerSecond: options.rate,
      timeScale: options.timeScale,
      seed: options.seed,
      simulator: dependencies.simulator,
      registry: dependencies.registry,
      onProgress: (update) => progress.update(update),
    });
    progress.stop();
    const written = await writeBenchReport({ result, jsonPath: options.json, reportPath: options.report });
    stdout.write(`${summaryText(result)}\n`);
    for (const file of [written.json, written.report, written.latencyChart, written.waterfallChart]) {
      if (file !== undefined) stdout.write(`wrote ${file}\n`);
    }
    return result;
  } catch (error) {
    progress.stop();
    // Bad input is the user's to fix: say what is wrong without a stack trace.
    if (HotpathError.isInstance(error) && (error.code === 'HOTPATH_INVALID_CONFIG' || error.code === 'HOTPATH_INVALID_ARGUMENT')) {
      stderr.write(`hotpath bench: ${error.message}\n`);
      process.exitCode = 1;
      return undefined;
    }
    throw error;
  }
}
