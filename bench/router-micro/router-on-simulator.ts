// Runs router variants side by side on a scenario through the benchmark runner and prints what the
// router changes: latency (scenario ms), correct answers by complexity, the share of model calls on
// the fast tier, escalations, hedges and what holding text back cost.
// `npx tsx bench/router-micro/router-on-simulator.ts --scenario seed-heavy-tail --requests 200
//  --time-scale 0.5 --agents router,router-nohedge,powerful-only [--classifier] [--json file]`

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { EmbeddingModel } from '../../src/index.js';
import * as hotpath from '../../src/index.js';
import { runBench, type BenchResult } from '../run/index.js';
import { resolveRouterBenchApi, type RouterBenchApi, type RouterBenchRouter } from './public-api.js';
import { routedAgentFactory, routedVariants, type RoutedVariant } from './routed-agent.js';

export interface RouterOnSimulatorOptions {
  scenario: string;
  agents: RoutedVariant[];
  requests?: number;
  timeScale?: number;
  concurrency?: number;
  /** Route with the classifier on Universal Sentence Encoder embeddings (else the text heuristic). */
  classifier?: boolean;
  api?: Partial<RouterBenchApi>;
}

export interface RouterOnSimulatorResult {
  bench: BenchResult;
  routers: Record<string, ReturnType<RouterBenchRouter['stats']>>;
}

export async function runRouterOnSimulator(options: RouterOnSimulatorOptions): Promise<RouterOnSimulatorResult> {
  const api = resolveRouterBenchApi(options.api, ['createRouter', 'createComplexityClassifier']);
  const routers = new Map<string, RouterBenchRouter>();
  let embeddings: (EmbeddingModel & { close(): Promise<void> }) | undefined;
  if (options.classifier) embeddings = (hotpath as unknown as { createUniversalSentenceEncoder(): EmbeddingModel & { close(): Promise<void> } }).createUniversalSentenceEncoder();
  try {
    const registry = Object.fromEntries(
      options.agents.map((variant) => [
        variant,
        async () => routedAgentFactory({ api, variant, ...(embeddings ? { embeddings } : {}), onRouter: (name, router) => routers.set(name, router) }),
      ]),
    );
    const bench = await runBench({
      scenario: options.scenario,
      agents: options.agents,
      registry,
      ...(options.requests === undefined ? {} : { requests: options.requests }),
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    });
    return { bench, routers: Object.fromEntries([...routers].map(([name, router]) => [name, router.stats()])) };
  } finally {
    await embeddings?.close();
  }
}

const round = (value: number | null | undefined) => (value === null || value === undefined ? '–' : String(Math.round(value)));
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function renderRouterOnSimulator({ bench, routers }: RouterOnSimulatorResult): string {
  const lines = [
    `Router on ${bench.scenario}: ${bench.requests} requests, time scale ${bench.timeScale}, load average ${bench.machine.loadAverage.join(' ')}`,
    '',
    '| agent | p50 ms | p95 ms | p99 ms | first token p50 | correct simple | correct complex | fast-tier calls | escalations | hedges (rate) | hold-back mean / p95 ms | decision p99 ms |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const agent of bench.agents) {
    const stats = routers[agent.name];
    const byComplexity = (complexity: 'simple' | 'complex') => {
      const kinds = agent.byKind.filter((kind) => kind.complexity === complexity);
      return `${kinds.reduce((sum, kind) => sum + kind.correct, 0)}/${kinds.reduce((sum, kind) => sum + kind.requests, 0)}`;
    };
    const calls = agent.llmCalls.fast + agent.llmCalls.powerful;
    lines.push(
      `| ${agent.name} | ${round(agent.latencyMs.p50)} | ${round(agent.latencyMs.p95)} | ${round(agent.latencyMs.p99)} | ${round(agent.firstTokenMs.p50)} | ${byComplexity('simple')} | ${byComplexity('complex')} | ` +
        `${calls === 0 ? '–' : percent(agent.llmCalls.fast / calls)} | ${stats?.escalations ?? '–'} | ${stats ? `${stats.hedges} (${percent(stats.hedgeRate)})` : '–'} | ` +
        `${stats ? `${stats.holdBack.meanMs.toFixed(0)} / ${stats.holdBack.p95Ms.toFixed(0)}` : '–'} | ${stats ? stats.decision.p99Ms.toFixed(3) : '–'} |`,
    );
  }
  lines.push('', 'Escalations by kind and late failures:');
  for (const [name, stats] of Object.entries(routers)) {
    lines.push(`- ${name}: ${JSON.stringify(stats.escalationsByKind)}; late failures ${stats.lateFailures}; starts ${JSON.stringify(stats.startsBySource)}; answered ${JSON.stringify(stats.answeredByTier)}`);
  }
  lines.push('', `(${Object.entries(routedVariants).map(([name, description]) => `${name}: ${description}`).join('; ')})`, '');
  return lines.join('\n');
}

function option(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index === -1 ? undefined : argv[index + 1];
}

export async function main(argv: readonly string[] = process.argv.slice(2), api?: Partial<RouterBenchApi>): Promise<void> {
  const agents = (option(argv, 'agents') ?? 'router,router-nohedge,powerful-only').split(',') as RoutedVariant[];
  for (const agent of agents) if (!(agent in routedVariants)) throw new Error(`unknown variant "${agent}" (known: ${Object.keys(routedVariants).join(', ')})`);
  const number = (name: string) => (option(argv, name) === undefined ? undefined : Number(option(argv, name)));
  const result = await runRouterOnSimulator({
    scenario: option(argv, 'scenario') ?? 'seed-heavy-tail',
    agents,
    requests: number('requests'),
    timeScale: number('time-scale'),
    concurrency: number('concurrency'),
    classifier: argv.includes('--classifier'),
    ...(api ? { api } : {}),
  });
  process.stdout.write(renderRouterOnSimulator(result));
  const json = option(argv, 'json');
  if (json !== undefined) await writeFile(json, `${JSON.stringify({ ...result, bench: { ...result.bench, agents: result.bench.agents.map(({ perRequest: _rows, ...agent }) => agent) } }, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
