// One data set through hotpath's response cache: seed the entries, let the calibration queries teach
// the thresholds (each query's candidate is judged right or wrong, as the online signal would), then
// measure the held-out queries: what the cache serves at the calibrated operating point, and what a
// plain cosine cache with a fixed threshold would have served.

import type { CacheEvalApi, EvalCalibrator } from './public-api.js';
import { calibrated, gatedAt, plainAt, summarizeDecisions, thresholdSweep, type CurvePoint, type MethodSummary, type QueryRecord } from './summarize-cache-eval.js';

export interface EvalEntry {
  text: string;
  vector: Float32Array;
  /** The answer the entry holds; a query whose label equals it is answered right. */
  label: string;
  /** The entry's pattern (its plan, in an agent; here the label stands in for it). */
  cluster: string;
  /** Entries and queries meet only within one namespace (default: all in one). */
  namespace?: string;
}

export interface EvalQuery {
  text: string;
  vector: Float32Array;
  /** The label of the right answer; undefined when nothing cached is right (must miss). */
  label: string | undefined;
  namespace?: string;
}

export interface CalibrationReport {
  maxFalseHitRate: number;
  observations: number;
  clusters: number;
  /** Clusters by where their threshold came from. */
  sources: Record<string, number>;
  global: number;
  thresholds: { min: number; median: number; max: number };
}

export interface CacheEvalSetResult {
  name: string;
  entries: number;
  calibrationQueries: number;
  testQueries: number;
  mustMissQueries: number;
  /** Held-out queries the cache does not even look up (commands), share. */
  bypassedShare: number;
  methods: MethodSummary[];
  calibration: CalibrationReport[];
  curve: CurvePoint[];
  /** The cache's own decisions agreed with the offline replay of its thresholds. */
  servedAsReplayed: boolean;
  /** The calibrator of the first operating point, as `ThresholdCalibrator.snapshot()` gives it. */
  snapshot: unknown;
}

export interface EvaluateCacheOptions {
  name: string;
  api: Pick<CacheEvalApi, 'createResponseCache' | 'createThresholdCalibrator' | 'createSemanticIndex'>;
  entries: readonly EvalEntry[];
  calibration: readonly EvalQuery[];
  test: readonly EvalQuery[];
  /** Operating points; the first is the one the cache itself runs with. Default [0.01, 0.05]. */
  maxFalseHitRates?: readonly number[];
  fixedThresholds?: readonly number[];
}

const defaultNamespace = 'cache-eval';

function quantile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
}

export async function evaluateCache(options: EvaluateCacheOptions): Promise<CacheEvalSetResult> {
  const { api, entries, calibration, test } = options;
  const maxFalseHitRates = options.maxFalseHitRates ?? [0.01, 0.05];
  const fixedThresholds = options.fixedThresholds ?? [0.8, 0.9];
  const dimensions = entries[0]?.vector.length ?? 0;

  const perCluster = maxFalseHitRates.map((maxFalseHitRate) => api.createThresholdCalibrator({ maxFalseHitRate }));
  const globalOnly = maxFalseHitRates.map((maxFalseHitRate) => api.createThresholdCalibrator({ maxFalseHitRate }));
  const cache = api.createResponseCache({ calibrator: perCluster[0]!, explorationRate: 0, ttlMs: 365 * 24 * 3_600_000 });
  const plainIndex = api.createSemanticIndex({ dimensions });
  for (const [index, entry] of entries.entries()) {
    const namespace = entry.namespace ?? defaultNamespace;
    await cache.seed({ namespace, text: entry.text, answer: entry.label, embedding: entry.vector, cluster: entry.cluster, ttlMs: 365 * 24 * 3_600_000 });
    plainIndex.add(index, namespace, entry.vector);
  }

  const look = async (query: EvalQuery): Promise<QueryRecord & { hit: boolean }> => {
    const namespace = query.namespace ?? defaultNamespace;
    const lookup = cache.begin({ namespace, text: query.text });
    const hit = (await lookup.semantic(query.vector)) !== undefined;
    const candidate = lookup.candidate;
    const nearest = plainIndex.nearest([namespace], query.vector, 1)[0];
    const record: QueryRecord & { hit: boolean } = { shouldHit: query.label !== undefined, hit };
    if (lookup.bypass !== undefined && candidate === undefined) record.bypass = lookup.bypass;
    if (candidate) record.gated = { similarity: candidate.similarity, cluster: candidate.entry.cluster, correct: query.label !== undefined && candidate.entry.answer === query.label };
    if (nearest) record.plain = { similarity: nearest.similarity, correct: query.label !== undefined && entries[nearest.id]!.label === query.label };
    return record;
  };

  let observations = 0;
  for (const query of calibration) {
    const record = await look(query);
    if (!record.gated || record.bypass) continue;
    observations++;
    const observation = { similarity: record.gated.similarity, correct: record.gated.correct };
    for (const calibrator of perCluster) calibrator.observe({ ...observation, cluster: record.gated.cluster });
    for (const calibrator of globalOnly) calibrator.observe({ ...observation, cluster: '*' });
  }

  const records: Array<QueryRecord & { hit: boolean }> = [];
  for (const query of test) records.push(await look(query));
  await cache.close();

  const replay = calibrated((cluster) => perCluster[0]!.threshold(cluster));
  const servedAsReplayed = records.every((record) => record.hit === replay(record).served);
  const methods: MethodSummary[] = [
    ...fixedThresholds.map((threshold) => summarizeDecisions(`plain cosine ≥ ${threshold}`, records, plainAt(threshold))),
    ...fixedThresholds.map((threshold) => summarizeDecisions(`hotpath gates, fixed ${threshold}`, records, gatedAt(threshold))),
    ...maxFalseHitRates.flatMap((maxFalseHitRate, index) => [
      summarizeDecisions(`hotpath calibrated, global, δ=${maxFalseHitRate}`, records, calibrated(() => globalOnly[index]!.threshold('*'))),
      summarizeDecisions(`hotpath calibrated, per pattern, δ=${maxFalseHitRate}`, records, calibrated((cluster) => perCluster[index]!.threshold(cluster))),
    ]),
  ];

  const report = (calibrator: EvalCalibrator, maxFalseHitRate: number, global: EvalCalibrator): CalibrationReport => {
    const sources: Record<string, number> = {};
    const thresholds: number[] = [];
    for (const cluster of calibrator.clusters()) {
      const decision = calibrator.decision(cluster);
      sources[decision.source] = (sources[decision.source] ?? 0) + 1;
      thresholds.push(decision.threshold);
    }
    thresholds.sort((left, right) => left - right);
    return {
      maxFalseHitRate,
      observations,
      clusters: thresholds.length,
      sources,
      global: global.threshold('*'),
      thresholds: { min: quantile(thresholds, 0), median: quantile(thresholds, 0.5), max: quantile(thresholds, 1) },
    };
  };

  return {
    name: options.name,
    entries: entries.length,
    calibrationQueries: calibration.length,
    testQueries: test.length,
    mustMissQueries: records.filter((record) => !record.shouldHit).length,
    bypassedShare: records.filter((record) => record.bypass !== undefined).length / Math.max(1, records.length),
    methods,
    calibration: maxFalseHitRates.map((maxFalseHitRate, index) => report(perCluster[index]!, maxFalseHitRate, globalOnly[index]!)),
    curve: thresholdSweep(records, Array.from({ length: 30 }, (_, index) => Number((0.7 + index * 0.01).toFixed(2)))),
    servedAsReplayed,
    snapshot: perCluster[0]!.snapshot(),
  };
}
