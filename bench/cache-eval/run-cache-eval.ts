// Evaluates the response cache's matching on public data where equivalence is known: Banking77 and
// CLINC150 (same intent = same answer; CLINC150 out-of-scope queries must miss) and PAWS-Wiki
// (paraphrase pairs should hit; word-scrambled non-paraphrases must miss). Entries are fed to the
// cache, a calibration split teaches the thresholds, a held-out split is measured.
// `npx tsx bench/cache-eval/run-cache-eval.ts` prints Markdown and writes JSON + Markdown to
// bench/cache-eval/results/. The first run embeds ~50,000 sentences (minutes; it lowers its own
// priority); later runs read them from .hotpath/cache-eval/.

import { mkdir, writeFile } from 'node:fs/promises';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { EmbeddingModel } from '../../src/index.js';
import { embedWithDiskCache } from '../routing-eval/embedding-disk-cache.js';
import { createSeededRandom, shuffleInPlace } from '../routing-eval/seeded-random.js';
import { evaluateCache, type CacheEvalSetResult, type EvalEntry, type EvalQuery } from './evaluate-cache.js';
import { defaultDataDirectory, evaluationTexts, loadBanking77, loadClinc150, loadPawsWiki, type IntentDataSet, type LabelledQuery, type PawsDataSet } from './load-cache-eval-data.js';
import { resolveCacheEvalApi, type CacheEvalApi } from './public-api.js';
import { renderCacheEval } from './render-cache-eval.js';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export type CacheEvalSetName = 'banking77' | 'clinc150' | 'paws-wiki';

export interface CacheEvalOptions {
  dataDirectory?: string;
  sets?: readonly CacheEvalSetName[];
  seed?: number;
  /** Use at most this many queries per split (a seeded sample), for quick runs. */
  limit?: number;
  maxFalseHitRates?: readonly number[];
  cacheDirectory?: string;
  jsonPath?: string | false;
  markdownPath?: string | false;
  encoder?: EmbeddingModel;
  api?: Partial<CacheEvalApi>;
  log?: (line: string) => void;
}

export interface CacheEvalResult {
  settings: { seed: number; embeddingModelId: string; maxFalseHitRates: readonly number[]; limit?: number };
  sets: Array<Omit<CacheEvalSetResult, 'snapshot'>>;
}

interface SnapshotShape {
  version: number;
  minThreshold: number;
  resolution: number;
  clusters: Record<string, unknown>;
}

/** One calibrator snapshot over every set (clusters prefixed with the set), to warm a cache's global threshold. */
function mergeSnapshots(results: readonly CacheEvalSetResult[]): SnapshotShape | undefined {
  const snapshots = results.map((result) => ({ name: result.name, snapshot: result.snapshot as SnapshotShape }));
  const first = snapshots[0]?.snapshot;
  if (!first) return undefined;
  const clusters: Record<string, unknown> = {};
  for (const { name, snapshot } of snapshots) for (const [cluster, histogram] of Object.entries(snapshot.clusters)) clusters[`${name}:${cluster}`] = histogram;
  return { version: first.version, minThreshold: first.minThreshold, resolution: first.resolution, clusters };
}

/** Per label, the first `share` of a seeded shuffle goes to the first list, the rest to the second. */
function stratifiedSplit(queries: readonly LabelledQuery[], share: number, random: () => number): [LabelledQuery[], LabelledQuery[]] {
  const byLabel = new Map<string, LabelledQuery[]>();
  for (const query of queries) {
    const key = query.label ?? '';
    byLabel.set(key, [...(byLabel.get(key) ?? []), query]);
  }
  const first: LabelledQuery[] = [];
  const second: LabelledQuery[] = [];
  for (const key of [...byLabel.keys()].sort()) {
    const group = shuffleInPlace([...byLabel.get(key)!], random);
    const cut = Math.round(group.length * share);
    first.push(...group.slice(0, cut));
    second.push(...group.slice(cut));
  }
  return [first, second];
}

function limited<T>(items: readonly T[], limit: number | undefined, random: () => number): T[] {
  return limit === undefined || items.length <= limit ? [...items] : shuffleInPlace([...items], random).slice(0, limit);
}

export async function runCacheEval(options: CacheEvalOptions = {}): Promise<CacheEvalResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const api = resolveCacheEvalApi(options.api, ['createResponseCache', 'createThresholdCalibrator', 'createSemanticIndex']);
  const sets = options.sets ?? ['banking77', 'clinc150', 'paws-wiki'];
  const seed = options.seed ?? 7;
  const maxFalseHitRates = options.maxFalseHitRates ?? [0.01, 0.02, 0.05];
  const dataDirectory = options.dataDirectory ?? defaultDataDirectory;
  const cacheDirectory = options.cacheDirectory ?? join(repositoryRoot, '.hotpath', 'cache-eval', 'embeddings');
  const [banking77, clinc150, paws] = await Promise.all([loadBanking77(dataDirectory), loadClinc150(dataDirectory), loadPawsWiki(dataDirectory)]);

  const ownEncoder = options.encoder === undefined ? resolveCacheEvalApi(options.api, ['createUniversalSentenceEncoder']).createUniversalSentenceEncoder() : undefined;
  const encoder = options.encoder ?? (ownEncoder as EmbeddingModel);
  const vectors = new Map<string, Float32Array>();
  const results: CacheEvalSetResult[] = [];
  try {
    const texts = evaluationTexts({ banking77, clinc150, paws });
    let lastReport = 0;
    const embedded = await embedWithDiskCache({
      texts,
      encoder,
      directory: cacheDirectory,
      batchSize: 64,
      onProgress: ({ done, total, cached }) => {
        if (done !== total && performance.now() - lastReport < 15_000) return;
        lastReport = performance.now();
        log(`${done}/${total} sentences embedded (${cached} from the disk cache)`);
      },
    });
    texts.forEach((text, index) => vectors.set(text, embedded[index]!));
    const vectorOf = (text: string) => vectors.get(text)!;
    const asQueries = (queries: readonly LabelledQuery[]): EvalQuery[] => queries.map((query) => ({ text: query.text, vector: vectorOf(query.text), label: query.label }));

    const intentSet = async (set: IntentDataSet, entryShare: number) => {
      const random = createSeededRandom(seed);
      const [entryRows, calibrationRows] = stratifiedSplit(set.train.filter((query) => query.label !== undefined), entryShare, random);
      const entries: EvalEntry[] = entryRows.map((query) => ({ text: query.text, vector: vectorOf(query.text), label: query.label!, cluster: query.label! }));
      const calibration = asQueries(limited([...calibrationRows, ...set.validation, ...set.train.filter((query) => query.label === undefined)], options.limit, random));
      const test = asQueries(limited(set.test, options.limit, random));
      const started = performance.now();
      const result = await evaluateCache({ name: set.name, api, entries, calibration, test, maxFalseHitRates });
      log(`${set.name}: evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return result;
    };

    // PAWS pairs are judged one by one: each pair is its own namespace holding its first sentence, and
    // its second sentence asks. (Across pairs the corpus repeats sentences, so "nearest of all" would
    // mostly find another pair's copy.)
    const pawsSet = async (set: PawsDataSet) => {
      const random = createSeededRandom(seed);
      const split = (pairs: PawsDataSet['dev'], name: string) => {
        const chosen = limited(pairs, options.limit, random);
        return {
          entries: chosen.map((pair, index): EvalEntry => ({ text: pair.first, vector: vectorOf(pair.first), label: `${name}-${index}`, cluster: 'sentence', namespace: `${name}-${index}` })),
          queries: chosen.map((pair, index): EvalQuery => ({ text: pair.second, vector: vectorOf(pair.second), label: pair.paraphrase ? `${name}-${index}` : undefined, namespace: `${name}-${index}` })),
        };
      };
      const dev = split(set.dev, 'dev');
      const test = split(set.test, 'test');
      const started = performance.now();
      const result = await evaluateCache({ name: set.name, api, entries: [...dev.entries, ...test.entries], calibration: dev.queries, test: test.queries, maxFalseHitRates });
      log(`${set.name}: evaluated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return result;
    };

    if (sets.includes('banking77')) results.push(await intentSet(banking77, 0.6));
    if (sets.includes('clinc150')) results.push(await intentSet(clinc150, 0.7));
    if (sets.includes('paws-wiki')) results.push(await pawsSet(paws));
  } finally {
    await (ownEncoder as { close?: () => Promise<void> } | undefined)?.close?.();
  }

  const result: CacheEvalResult = {
    settings: { seed, embeddingModelId: encoder.modelId, maxFalseHitRates, ...(options.limit === undefined ? {} : { limit: options.limit }) },
    sets: results.map(({ snapshot: _snapshot, ...set }) => set),
  };
  const resultsDirectory = join(repositoryRoot, 'bench', 'cache-eval', 'results');
  const jsonPath = options.jsonPath ?? join(resultsDirectory, 'cache-eval.json');
  const markdownPath = options.markdownPath ?? join(resultsDirectory, 'cache-eval.md');
  if (jsonPath !== false) {
    await mkdir(dirname(jsonPath), { recursive: true });
    await writeFile(jsonPath, `${JSON.stringify(result, null, 2)}\n`);
    // The calibration itself, loadable with `ThresholdCalibrator.restore()` (thresholds for this encoder).
    const snapshot = mergeSnapshots(results);
    if (snapshot) await writeFile(jsonPath.replace(/\.json$/, '') + `.calibration-${result.settings.embeddingModelId.replace(/[^\w.-]+/g, '_')}.json`, `${JSON.stringify(snapshot)}\n`);
  }
  if (markdownPath !== false) {
    await mkdir(dirname(markdownPath), { recursive: true });
    await writeFile(markdownPath, renderCacheEval(result));
  }
  return result;
}

function parseArguments(argv: readonly string[]): CacheEvalOptions {
  const options: CacheEvalOptions = {};
  for (let index = 0; index < argv.length; index++) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--data') options.dataDirectory = value;
    else if (flag === '--sets') options.sets = value.split(',') as CacheEvalSetName[];
    else if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--limit') options.limit = Number(value);
    else if (flag === '--max-false-hit-rates') options.maxFalseHitRates = value.split(',').map(Number);
    else if (flag === '--json') options.jsonPath = value;
    else if (flag === '--markdown') options.markdownPath = value;
    else throw new Error(`unknown option ${flag} (known: --data --sets --seed --limit --max-false-hit-rates --json --markdown)`);
    index++;
  }
  return options;
}

export async function main(argv: readonly string[] = process.argv.slice(2), overrides?: Partial<CacheEvalApi>): Promise<void> {
  // Embedding tens of thousands of sentences saturates a core: stay out of the way of other work.
  try {
    setPriority(19);
  } catch {
    // Not permitted here; the run just competes normally.
  }
  const result = await runCacheEval({ ...parseArguments(argv), ...(overrides ? { api: overrides } : {}) });
  process.stdout.write(renderCacheEval(result));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
