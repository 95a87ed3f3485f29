// Micro-benchmark of the router's decision: starting tier (classifier on a precomputed embedding, or
// the text heuristic without one) plus the deadline-aware deployment choice, as `router.decide()` makes it.
// `npx tsx bench/router-micro/decision-latency.ts [--iterations 50000] [--json file]`.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { LanguageModel } from '../../src/index.js';
import { resolveRouterBenchApi, type RouterBenchApi, type RouterBenchRouter } from './public-api.js';

export interface DecisionLatencyOptions {
  iterations?: number;
  warmup?: number;
  api?: Partial<RouterBenchApi>;
}

export interface LatencyStats {
  calls: number;
  meanMicroseconds: number;
  p50Microseconds: number;
  p99Microseconds: number;
  p999Microseconds: number;
  maxMicroseconds: number;
}

export interface RouterDecisionLatency {
  node: string;
  heuristicShortText: LatencyStats;
  classifierShortText: LatencyStats;
  classifierLongText: LatencyStats;
}

export const shortTexts = [
  "What's the status of INC-4821?",
  'Reset my password',
  'Who is my manager?',
  'Analyze the trend in P1 incidents this quarter',
  'Debug ERR-5521 across auth, api-gateway and billing, then tell me which change caused it',
];

// A long request (~2,500 characters: a pasted log and a multi-part question) bounds the text-feature cost.
export const longText = `${'2026-11-16T10:42:17Z auth ERR-5521 token validation failed for user u0042 after 30001 ms (upstream api-gateway)\n'.repeat(18)}
Why does this keep happening since CHG-2291, which of auth, api-gateway or billing is the root cause, and what should we roll back first?`;

/** A model the decision never calls. */
const idleModel = (modelId: string, provider: string): LanguageModel => ({
  provider,
  modelId,
  stream: () => Promise.reject(new Error('the decision benchmark never calls a model')),
  generate: () => Promise.reject(new Error('the decision benchmark never calls a model')),
});

export function measure(calls: number, warmup: number, run: (iteration: number) => void): LatencyStats {
  for (let iteration = 0; iteration < warmup; iteration++) run(iteration);
  const samples = new Float64Array(calls);
  for (let iteration = 0; iteration < calls; iteration++) {
    const started = process.hrtime.bigint();
    run(iteration);
    samples[iteration] = Number(process.hrtime.bigint() - started) / 1000;
  }
  samples.sort();
  const at = (quantile: number) => samples[Math.min(calls - 1, Math.floor(quantile * calls))] as number;
  return {
    calls,
    meanMicroseconds: samples.reduce((sum, value) => sum + value, 0) / calls,
    p50Microseconds: at(0.5),
    p99Microseconds: at(0.99),
    p999Microseconds: at(0.999),
    maxMicroseconds: samples[calls - 1] as number,
  };
}

function unitVectors(count: number, dimensions: number): Float32Array[] {
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: count }, () => {
    const vector = Float32Array.from({ length: dimensions }, random);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  });
}

export function runRouterDecisionLatency(options: DecisionLatencyOptions = {}): RouterDecisionLatency {
  const iterations = options.iterations ?? 50_000;
  const warmup = options.warmup ?? 5_000;
  const api = resolveRouterBenchApi(options.api, ['createRouter', 'createComplexityClassifier']);
  const classifier = api.createComplexityClassifier();
  // Two deployments per tier, as on the heavy-tail scenario, so the weighted choice has work to do.
  const tiers = ['fast', 'powerful'].map((name) => ({
    name,
    deployments: ['primary', 'replica'].map((provider) => ({ name: `${provider}/${name}`, model: idleModel(`sim-${name}`, provider) })),
  }));
  const withClassifier: RouterBenchRouter = api.createRouter({ tiers, classifier });
  const heuristicOnly: RouterBenchRouter = api.createRouter({ tiers });
  const embeddings = unitVectors(64, classifier.dimensions);
  const deadline = () => Date.now() + 30_000;
  return {
    node: process.version,
    heuristicShortText: measure(iterations, warmup, (iteration) => {
      heuristicOnly.decide({ text: shortTexts[iteration % shortTexts.length]!, deadline: deadline() });
    }),
    classifierShortText: measure(iterations, warmup, (iteration) => {
      withClassifier.decide({ text: shortTexts[iteration % shortTexts.length]!, embedding: embeddings[iteration % embeddings.length]!, deadline: deadline() });
    }),
    classifierLongText: measure(iterations, warmup, (iteration) => {
      withClassifier.decide({ text: longText, embedding: embeddings[iteration % embeddings.length]!, deadline: deadline() });
    }),
  };
}

export function renderRouterDecisionLatency(result: RouterDecisionLatency): string {
  const row = (name: string, stats: LatencyStats) =>
    `| ${name} | ${stats.calls} | ${stats.meanMicroseconds.toFixed(1)} | ${stats.p50Microseconds.toFixed(1)} | ${stats.p99Microseconds.toFixed(1)} | ${stats.p999Microseconds.toFixed(1)} | ${stats.maxMicroseconds.toFixed(0)} |`;
  return [
    `Router decision latency (Node ${result.node}; microseconds; embedding precomputed; 2 tiers × 2 deployments)`,
    '',
    '| decision | calls | mean | p50 | p99 | p99.9 | max |',
    '|---|---|---|---|---|---|---|',
    row('heuristic, short request', result.heuristicShortText),
    row('classifier, short request', result.classifierShortText),
    row(`classifier, ${longText.length}-char request`, result.classifierLongText),
    '',
  ].join('\n');
}

export async function main(argv: readonly string[] = process.argv.slice(2), api?: Partial<RouterBenchApi>): Promise<void> {
  const iterationsIndex = argv.indexOf('--iterations');
  const jsonIndex = argv.indexOf('--json');
  const result = runRouterDecisionLatency({ ...(iterationsIndex === -1 ? {} : { iterations: Number(argv[iterationsIndex + 1]) }), ...(api ? { api } : {}) });
  process.stdout.write(renderRouterDecisionLatency(result));
  if (jsonIndex !== -1 && argv[jsonIndex + 1] !== undefined) await writeFile(argv[jsonIndex + 1] as string, `${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
