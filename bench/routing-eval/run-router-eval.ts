// Evaluates hotpath's complexity classifier as a RouteLLM-style router on real outcomes of GPT-4 and
// Mixtral-8x7B (MMLU, GSM8K, and MT-Bench by transfer) and compares it with random routing and the
// oracle. `npx tsx bench/routing-eval/run-router-eval.ts` prints a Markdown table and writes JSON.
// The first run embeds ~15,000 prompts (minutes; run it under `nice`); later runs read .hotpath/.

import { mkdir, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EmbeddingModel } from '../../src/index.js';
import type { RoutingSummary } from './routing-curve.js';
import { oracleScores, randomRoutingSummary } from './baseline-routers.js';
import type { BootstrapIntervals } from './bootstrap-intervals.js';
import { bootstrapIntervals } from './bootstrap-intervals.js';
import { crossFitScores, needsStrongTier, rocAuc, routingLabel, trainRouter, type RouterTraining } from './cross-fit-router.js';
import { embedWithDiskCache } from './embedding-disk-cache.js';
import { loadMtBenchOutcomes } from './mt-bench-outcomes.js';
import type { RoutingEvalApi } from './public-api.js';
import { resolveRoutingEvalApi } from './public-api.js';
import { renderRouterEval } from './render-router-eval.js';
import type { LoadedOutcomes, OutcomeRow } from './routellm-outcomes.js';
import { loadRouteLlmOutcomes } from './routellm-outcomes.js';
import { modelQualities, qualityAtShare, routingCurve, summarizeRouting } from './routing-curve.js';
import { createSeededRandom, shuffleInPlace } from './seeded-random.js';

export type RouterEvalBenchmark = 'mmlu' | 'gsm8k' | 'mt-bench';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface RouterEvalOptions {
  /** Folder with RouteLLM's outcome files (default $HOTPATH_ROUTELLM_DATA or /work/shared/data/routellm_outcomes). */
  dataDirectory?: string;
  benchmarks?: readonly RouterEvalBenchmark[];
  /** Cross-fitting folds (default 5). */
  folds?: number;
  seed?: number;
  /** Use at most this many rows per benchmark (a seeded sample), for quick runs. */
  limit?: number;
  training?: RouterTraining;
  randomRepeats?: number;
  /** Where prompt embeddings are cached (default .hotpath/routing-eval/embeddings). */
  cacheDirectory?: string;
  /** Output files; false to skip (defaults: bench/routing-eval/results/router-eval.{json,md}, none with `limit`). */
  jsonPath?: string | false;
  markdownPath?: string | false;
  /** Encoder for prompts (default: the offline Universal Sentence Encoder, closed when done). */
  encoder?: EmbeddingModel;
  /** Replacements for hotpath's public API functions. */
  api?: Partial<RoutingEvalApi>;
  log?: (line: string) => void;
}

export interface BenchmarkEvalResult {
  benchmark: string;
  method: string;
  qualityKind: 'accuracy' | 'score';
  rows: number;
  droppedContaminated: number;
  weakQuality: number;
  strongQuality: number;
  routers: Record<string, RoutingSummary>;
  /** How well the score separates questions the weak model fails (binary benchmarks). */
  weakWrongAuc?: number;
  /** Bootstrap intervals of the hotpath classifier's headline metrics. */
  intervals: BootstrapIntervals;
  /** The router's curve sampled at every percent of strong calls. */
  curve: Array<{ strongShare: number; quality: number }>;
}

export interface RouterEvalResult {
  settings: { folds: number; seed: number; randomRepeats: number; embeddingModelId: string; limit?: number; training: RouterTraining };
  benchmarks: BenchmarkEvalResult[];
  /** RouteLLM's published numbers for comparison (best router, strong-call share for 95% of GPT-4). */
  routeLlmReference: { mmlu: number; 'mt-bench': number };
}

function sample(outcomes: LoadedOutcomes, limit: number | undefined, seed: number): LoadedOutcomes {
  if (limit === undefined || outcomes.rows.length <= limit) return outcomes;
  return { ...outcomes, rows: shuffleInPlace([...outcomes.rows], createSeededRandom(seed)).slice(0, limit) };
}

function evaluateScores(options: {
  outcomes: LoadedOutcomes;
  scores: ArrayLike<number>;
  /** Scores of further routers to compare, by name. */
  variants?: Record<string, ArrayLike<number>>;
  method: string;
  qualityKind: 'accuracy' | 'score';
  randomRepeats: number;
  seed: number;
}): BenchmarkEvalResult {
  const { outcomes, scores, randomRepeats, seed } = options;
  const scored = outcomes.rows.map((row, index) => ({ score: scores[index] as number, weakQuality: row.weakQuality, strongQuality: row.strongQuality }));
  const qualities = modelQualities(scored);
  const curve = routingCurve(scored);
  const oracle = oracleScores(scored);
  const variants = Object.fromEntries(
    Object.entries(options.variants ?? {}).map(([name, variantScores]) => {
      const variant = outcomes.rows.map((row, index) => ({ score: variantScores[index] as number, weakQuality: row.weakQuality, strongQuality: row.strongQuality }));
      return [name, summarizeRouting(routingCurve(variant), qualities)];
    }),
  );
  const binary = outcomes.rows.every((row) => row.weakQuality === 0 || row.weakQuality === 1);
  const result: BenchmarkEvalResult = {
    benchmark: outcomes.benchmark,
    method: options.method,
    qualityKind: options.qualityKind,
    rows: outcomes.rows.length,
    droppedContaminated: outcomes.droppedContaminated,
    weakQuality: qualities.weak,
    strongQuality: qualities.strong,
    routers: {
      'hotpath classifier': summarizeRouting(curve, qualities),
      ...variants,
      random: randomRoutingSummary(scored, { repeats: randomRepeats, seed }),
      oracle: summarizeRouting(routingCurve(oracle), qualities),
    },
    intervals: bootstrapIntervals(scored, { seed }),
    curve: Array.from({ length: 101 }, (_, percent) => ({ strongShare: percent / 100, quality: qualityAtShare(curve, percent / 100) })),
  };
  if (binary) result.weakWrongAuc = rocAuc(scores, outcomes.rows.map((row) => routingLabel(row) === needsStrongTier));
  return result;
}

export async function runRouterEval(options: RouterEvalOptions = {}): Promise<RouterEvalResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const api = resolveRoutingEvalApi(options.api);
  const dataDirectory = options.dataDirectory ?? process.env.HOTPATH_ROUTELLM_DATA ?? '/work/shared/data/routellm_outcomes';
  const benchmarks = options.benchmarks ?? ['mmlu', 'gsm8k', 'mt-bench'];
  const folds = options.folds ?? 5;
  const seed = options.seed ?? 7;
  const randomRepeats = options.randomRepeats ?? 50;
  const training = options.training ?? {};
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`runRouterEval: folds must be an integer ≥ 2 (got ${folds})`);
  const cacheDirectory = options.cacheDirectory ?? join(repositoryRoot, '.hotpath', 'routing-eval', 'embeddings');

  const ownEncoder = options.encoder === undefined ? api.createUniversalSentenceEncoder() : undefined;
  const encoder = options.encoder ?? (ownEncoder as EmbeddingModel);
  const embed = async (outcomes: LoadedOutcomes): Promise<Float32Array[]> => {
    let lastReport = 0;
    const started = performance.now();
    return embedWithDiskCache({
      texts: outcomes.rows.map((row) => row.prompt),
      encoder,
      directory: cacheDirectory,
      onProgress: ({ done, total, cached }) => {
        const now = performance.now();
        if (done !== total && now - lastReport < 15_000) return;
        lastReport = now;
        const rate = (done - cached) / Math.max((now - started) / 1000, 1e-3);
        log(`${outcomes.benchmark}: ${done}/${total} prompts embedded (${cached} from cache${done > cached ? `, ${rate.toFixed(0)}/s` : ''})`);
      },
    });
  };

  const results: BenchmarkEvalResult[] = [];
  const trainingSets: Array<{ rows: OutcomeRow[]; embeddings: Float32Array[] }> = [];
  try {
    const binaryBenchmarks = benchmarks.includes('mt-bench') ? (['mmlu', 'gsm8k'] as const) : benchmarks.filter((name) => name !== 'mt-bench');
    for (const name of binaryBenchmarks) {
      const outcomes = sample(await loadRouteLlmOutcomes({ directory: dataDirectory, benchmark: name as 'mmlu' | 'gsm8k' }), options.limit, seed);
      const embeddings = await embed(outcomes);
      trainingSets.push({ rows: outcomes.rows, embeddings });
      if (!benchmarks.includes(name)) continue;
      const started = performance.now();
      const crossFit = { api, rows: outcomes.rows, embeddings, embeddingModelId: encoder.modelId, folds, seed, training };
      const scores = crossFitScores(crossFit);
      const strongWins = crossFitScores({ ...crossFit, target: 'strong-wins' });
      log(`${name}: ${folds}-fold router training and scoring (two targets) took ${((performance.now() - started) / 1000).toFixed(1)} s`);
      results.push(
        evaluateScores({
          outcomes,
          scores,
          variants: { 'hotpath classifier, target "strong wins"': strongWins },
          method: `Router trained in-domain; every question scored by the fold model that did not see it.`,
          qualityKind: 'accuracy',
          randomRepeats,
          seed,
        }),
      );
    }
    if (benchmarks.includes('mt-bench')) {
      const outcomes = await loadMtBenchOutcomes({ directory: dataDirectory });
      const embeddings = await embed(outcomes);
      // Too few questions (72) to train on: the router learned on MMLU + GSM8K scores each first turn.
      const router = trainRouter({
        api,
        rows: trainingSets.flatMap((set) => set.rows),
        embeddings: trainingSets.flatMap((set) => set.embeddings),
        embeddingModelId: encoder.modelId,
        seed,
        training,
      });
      const scores = outcomes.rows.map((row, index) => router.classify({ text: row.prompt, embedding: embeddings[index] as Float32Array }).score);
      results.push(
        evaluateScores({
          outcomes,
          scores,
          method: 'Transfer: router trained on all MMLU + GSM8K questions, applied to the first turn; quality = mean GPT-4 judge score of both turns.',
          qualityKind: 'score',
          randomRepeats,
          seed,
        }),
      );
    }
  } finally {
    await (ownEncoder as { close?: () => Promise<void> } | undefined)?.close?.();
  }

  const result: RouterEvalResult = {
    settings: { folds, seed, randomRepeats, embeddingModelId: encoder.modelId, ...(options.limit === undefined ? {} : { limit: options.limit }), training },
    benchmarks: results,
    routeLlmReference: { mmlu: 0.54, 'mt-bench': 0.26 },
  };
  const resultsDirectory = join(repositoryRoot, 'bench', 'routing-eval', 'results');
  // A sampled run (--limit) never overwrites the recorded full results unless asked to.
  const sampled = options.limit !== undefined;
  const jsonPath = options.jsonPath ?? (sampled ? false : join(resultsDirectory, 'router-eval.json'));
  const markdownPath = options.markdownPath ?? (sampled ? false : join(resultsDirectory, 'router-eval.md'));
  if (jsonPath !== false) {
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
  }
  if (markdownPath !== false) {
    await mkdir(dirname(markdownPath), { recursive: true });
    await writeFile(markdownPath, renderRouterEval(result));
  }
  return result;
}

function parseArguments(argv: readonly string[]): RouterEvalOptions {
  const options: RouterEvalOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--data') options.dataDirectory = value;
    else if (flag === '--benchmarks') options.benchmarks = value.split(',') as RouterEvalBenchmark[];
    else if (flag === '--folds') options.folds = Number(value);
    else if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--limit') options.limit = Number(value);
    else if (flag === '--json') options.jsonPath = value;
    else if (flag === '--markdown') options.markdownPath = value;
    else throw new Error(`unknown option ${flag} (known: --data --benchmarks --folds --seed --limit --json --markdown)`);
    index++;
  }
  return options;
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // Embedding thousands of prompts saturates a core: stay out of the way of other work on the machine.
  try {
    setPriority(19);
  } catch {
    // Not permitted here; the run just competes normally.
  }
  const result = await runRouterEval(parseArguments(argv));
  process.stdout.write(renderRouterEval(result));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
