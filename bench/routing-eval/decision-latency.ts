// Micro-benchmark of a routing decision: `classify()` (text features + standardisation + a 524×2 dot
// product + calibrated softmax) and `learn()` on top of a precomputed request embedding.
// `npx tsx bench/routing-eval/decision-latency.ts [--iterations 50000] [--json file]`.

import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import type { RoutingEvalApi } from './public-api.js';
import { resolveRoutingEvalApi } from './public-api.js';
import { createSeededRandom } from './seeded-random.js';

export interface DecisionLatencyOptions {
  iterations?: number;
  warmup?: number;
  seed?: number;
  api?: Partial<RoutingEvalApi>;
}

export interface LatencyStats {
  calls: number;
  meanMicroseconds: number;
  p50Microseconds: number;
  p99Microseconds: number;
  p999Microseconds: number;
  maxMicroseconds: number;
  /** Mean of the fastest batch of 100 consecutive calls: the cost without preemption by other work. */
  bestBatchMeanMicroseconds: number;
}

export interface DecisionLatencyResult {
  node: string;
  /** CPU time the process got divided by wall time: well below 1 means other work took the cores. */
  cpuShare: number;
  classifyShortText: LatencyStats;
  classifyLongText: LatencyStats;
  learn: LatencyStats;
}

const shortTexts = [
  "What's the status of INC-4821?",
  'Reset my password',
  'Who is my manager?',
  'Analyze the trend in P1 incidents this quarter',
  'Debug ERR-5521 across auth, api-gateway and billing, then tell me which change caused it',
];

// A long request (~2,500 characters: a pasted log and a multi-part question) bounds the text-feature cost.
const longText = `${'2026-11-16T10:42:17Z auth ERR-5521 token validation failed for user u0042 after 30001 ms (upstream api-gateway)\n'.repeat(18)}
Why does this keep happening since CHG-2291, which of auth, api-gateway or billing is the root cause, and what should we roll back first?`;

function randomUnitVector(dimensions: number, random: () => number): Float32Array {
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let index = 0; index < dimensions; index++) {
    const value = random() * 2 - 1;
    vector[index] = value;
    norm += value * value;
  }
  for (let index = 0; index < dimensions; index++) vector[index] = (vector[index] as number) / Math.sqrt(norm);
  return vector;
}

function measure(calls: number, warmup: number, run: (iteration: number) => void): LatencyStats {
  for (let iteration = 0; iteration < warmup; iteration++) run(iteration);
  const samples = new Float64Array(calls);
  for (let iteration = 0; iteration < calls; iteration++) {
    const started = process.hrtime.bigint();
    run(iteration);
    samples[iteration] = Number(process.hrtime.bigint() - started) / 1000;
  }
  let bestBatchMeanMicroseconds = Number.POSITIVE_INFINITY;
  for (let start = 0; start + 100 <= calls; start += 100) {
    let sum = 0;
    for (let index = start; index < start + 100; index++) sum += samples[index] as number;
    bestBatchMeanMicroseconds = Math.min(bestBatchMeanMicroseconds, sum / 100);
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
    bestBatchMeanMicroseconds,
  };
}

export function runDecisionLatency(options: DecisionLatencyOptions = {}): DecisionLatencyResult {
  const iterations = options.iterations ?? 50_000;
  const warmup = options.warmup ?? 5_000;
  const api = resolveRoutingEvalApi(options.api);
  const classifier = api.createComplexityClassifier();
  const random = createSeededRandom(options.seed ?? 7);
  const dimensions = 512;
  const embeddings = Array.from({ length: 64 }, () => randomUnitVector(dimensions, random));
  const embeddingAt = (iteration: number) => embeddings[iteration % embeddings.length] as Float32Array;
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const result: DecisionLatencyResult = {
    node: process.version,
    cpuShare: 0,
    classifyShortText: measure(iterations, warmup, (iteration) => {
      classifier.classify({ text: shortTexts[iteration % shortTexts.length] as string, embedding: embeddingAt(iteration) });
    }),
    classifyLongText: measure(iterations, warmup, (iteration) => {
      classifier.classify({ text: longText, embedding: embeddingAt(iteration) });
    }),
    learn: measure(Math.min(iterations, 10_000), Math.min(warmup, 1_000), (iteration) => {
      classifier.learn({ text: shortTexts[iteration % shortTexts.length] as string, embedding: embeddingAt(iteration), tier: classifier.tiers[iteration % 2] as string });
    }),
  };
  const cpu = process.cpuUsage(cpuBefore);
  result.cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - wallBefore);
  return result;
}

export function renderDecisionLatency(result: DecisionLatencyResult): string {
  const row = (name: string, stats: LatencyStats) =>
    `| ${name} | ${stats.calls} | ${stats.bestBatchMeanMicroseconds.toFixed(1)} | ${stats.meanMicroseconds.toFixed(1)} | ${stats.p50Microseconds.toFixed(1)} | ` +
    `${stats.p99Microseconds.toFixed(1)} | ${stats.p999Microseconds.toFixed(1)} | ${stats.maxMicroseconds.toFixed(0)} |`;
  return [
    `Routing decision latency (Node ${result.node}; microseconds; embedding precomputed; the process got ` +
      `${(result.cpuShare * 100).toFixed(0)}% of a core while it ran)`,
    '',
    '| call | calls | best 100-call mean | mean | p50 | p99 | p99.9 | max |',
    '|---|---|---|---|---|---|---|---|',
    row('classify, short request', result.classifyShortText),
    row(`classify, ${longText.length}-char request`, result.classifyLongText),
    row('learn (online SGD step)', result.learn),
    '',
  ].join('\n');
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const iterationsIndex = argv.indexOf('--iterations');
  const jsonIndex = argv.indexOf('--json');
  const result = runDecisionLatency(iterationsIndex === -1 ? {} : { iterations: Number(argv[iterationsIndex + 1]) });
  process.stdout.write(renderDecisionLatency(result));
  if (jsonIndex !== -1 && argv[jsonIndex + 1] !== undefined) await writeFile(argv[jsonIndex + 1] as string, `${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
