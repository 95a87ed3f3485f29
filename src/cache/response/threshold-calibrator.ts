// Similarity thresholds learned from outcomes instead of one global number (the idea of vCache, 2025).
// Each observation says: a request's nearest cached entry was this similar, and serving it would
// (not) have been right. A threshold t serves every candidate at or above t, so what matters is the
// error rate among observations ≥ t. The calibrator picks the lowest t such that
// - the observations ≥ t have a one-sided Wilson upper bound ≤ `maxFalseHitRate` (the average is
//   certified), and
// - no band added on the way down from the first certified threshold (the lowest `marginalWindow`
//   observations above each lower threshold) is significantly worse than the bound (Wilson lower bound
//   above it): an average must not hide a bad band at the bottom, where a shift in traffic lands first.
//
// Clusters (a request pattern: the tools an entry was built from, its slot kinds) share evidence: all
// observations together certify the shared threshold. A cluster goes below it only when its own
// observations in the extra band certify that band by themselves, and goes above it whenever its own
// observations show it does worse than the bound. Without any certificate no semantic hit is served,
// unless a `priorThreshold` says otherwise.

import { HotpathError } from '../../util/index.js';
import { normalQuantile, wilsonLower, wilsonUpper } from './wilson-bounds.js';

export interface ThresholdCalibratorOptions {
  /** Highest acceptable share of wrong answers among semantic hits. Default 0.01. */
  maxFalseHitRate?: number;
  /** One-sided confidence of the bound. Default 0.9. */
  confidence?: number;
  /** Lowest similarity ever served; observations below it are ignored. Default 0.5. */
  minThreshold?: number;
  /** Width of the similarity bins. Default 0.005. */
  resolution?: number;
  /**
   * How many of the lowest observations above a threshold form its marginal band, which must not be
   * significantly worse than the bound. Default ceil(2 / maxFalseHitRate).
   */
  marginalWindow?: number;
  /**
   * Own observations a cluster needs in the band below the shared threshold before it may serve from
   * there. Per-pattern evidence is thin and the traffic a pattern will attract (requests nothing
   * cached answers) is under-represented in it, so a bare statistical certificate is not enough.
   * Default ceil(5 / maxFalseHitRate).
   */
  minClusterEvidence?: number;
  /** Threshold used until observations certify one. Default Infinity: no semantic hit before that. */
  priorThreshold?: number;
}

export interface CalibrationObservation {
  /** The pattern of the cached entry that was nearest. */
  cluster: string;
  similarity: number;
  /** Whether serving the entry would have answered the request correctly. */
  correct: boolean;
  /** Counts as this many observations. Default 1. */
  weight?: number;
}

export interface ThresholdDecision {
  threshold: number;
  /** Where the threshold comes from. */
  source: 'cluster' | 'global' | 'raised' | 'prior' | 'none';
  observations: number;
  errors: number;
}

export interface CalibrationCurvePoint {
  threshold: number;
  /** Observations at or above the threshold (hits it would serve), and the wrong ones among them. */
  hits: number;
  errors: number;
  falseHitRate: number;
  upperBound: number;
}

export interface CalibrationSnapshot {
  version: 1;
  minThreshold: number;
  resolution: number;
  clusters: Record<string, { counts: number[]; errors: number[] }>;
}

export interface ThresholdCalibrator {
  readonly maxFalseHitRate: number;
  observe(observation: CalibrationObservation): void;
  /** The similarity at or above which a candidate of `cluster` is served (Infinity: never). */
  threshold(cluster?: string): number;
  decision(cluster?: string): ThresholdDecision;
  /** Hits and errors per threshold, for one cluster or all together. */
  curve(cluster?: string): CalibrationCurvePoint[];
  clusters(): string[];
  snapshot(): CalibrationSnapshot;
  restore(snapshot: CalibrationSnapshot): void;
}

interface Histogram {
  counts: Float64Array;
  errors: Float64Array;
  version: number;
}

export function createThresholdCalibrator(options: ThresholdCalibratorOptions = {}): ThresholdCalibrator {
  const maxFalseHitRate = options.maxFalseHitRate ?? 0.01;
  const confidence = options.confidence ?? 0.9;
  const minThreshold = options.minThreshold ?? 0.5;
  const resolution = options.resolution ?? 0.005;
  const priorThreshold = options.priorThreshold ?? Number.POSITIVE_INFINITY;
  const invalid = (option: string, problem: string) =>
    new HotpathError('HOTPATH_INVALID_CONFIG', `createThresholdCalibrator: option "${option}" ${problem}`, { details: { option } });
  if (!(maxFalseHitRate > 0 && maxFalseHitRate < 1)) throw invalid('maxFalseHitRate', `must be between 0 and 1 (got ${String(maxFalseHitRate)})`);
  if (!(confidence > 0.5 && confidence < 1)) throw invalid('confidence', `must be between 0.5 and 1 (got ${String(confidence)})`);
  if (!(minThreshold >= -1 && minThreshold < 1)) throw invalid('minThreshold', `must be in [-1, 1) (got ${String(minThreshold)})`);
  if (!(resolution > 0 && resolution <= 0.1)) throw invalid('resolution', `must be in (0, 0.1] (got ${String(resolution)})`);
  if (!(typeof priorThreshold === 'number' && priorThreshold >= minThreshold)) throw invalid('priorThreshold', `must be a number ≥ minThreshold (got ${String(priorThreshold)})`);
  const marginalWindow = options.marginalWindow ?? Math.ceil(2 / maxFalseHitRate);
  if (!(Number.isInteger(marginalWindow) && marginalWindow > 0)) throw invalid('marginalWindow', `must be a positive integer (got ${String(marginalWindow)})`);
  const minClusterEvidence = options.minClusterEvidence ?? Math.ceil(5 / maxFalseHitRate);
  if (!(Number.isFinite(minClusterEvidence) && minClusterEvidence >= 0)) throw invalid('minClusterEvidence', `must be a non-negative number (got ${String(minClusterEvidence)})`);
  const z = normalQuantile(confidence);
  const binCount = Math.ceil((1 - minThreshold) / resolution) + 1;
  const edge = (bin: number) => Math.min(1, Number((minThreshold + bin * resolution).toFixed(6)));
  const binOf = (similarity: number) => Math.min(binCount - 1, Math.floor((similarity - minThreshold) / resolution + 1e-9));

  const newHistogram = (): Histogram => ({ counts: new Float64Array(binCount), errors: new Float64Array(binCount), version: 0 });
  const global = newHistogram();
  const byCluster = new Map<string, Histogram>();
  const cached = new Map<string, { decision: ThresholdDecision; globalVersion: number; clusterVersion: number }>();

  /** Counts at or above each bin. */
  const suffix = (histogram: Histogram) => {
    const hits = new Float64Array(binCount + 1);
    const errors = new Float64Array(binCount + 1);
    for (let bin = binCount - 1; bin >= 0; bin--) {
      hits[bin] = hits[bin + 1]! + histogram.counts[bin]!;
      errors[bin] = errors[bin + 1]! + histogram.errors[bin]!;
    }
    return { hits, errors };
  };

  /**
   * The hits a threshold at `bin` adds last (the lowest observations at or above it, up to
   * `marginalWindow` of them) are not significantly worse than the bound, however far up one looks.
   */
  const marginalOk = (histogram: Histogram, bin: number): boolean => {
    let hits = 0;
    let errors = 0;
    for (let upper = bin; upper < binCount && hits < marginalWindow; upper++) {
      hits += histogram.counts[upper]!;
      errors += histogram.errors[upper]!;
      if (hits > 0 && wilsonLower(errors, hits, z) > maxFalseHitRate) return false;
    }
    return true;
  };

  /**
   * The lowest bin from which serving is certified, scanning down from `fromBin` (exclusive): the
   * observations between it and `fromBin` have an upper bound ≤ the bound, and no band added below the
   * first certified threshold is significantly worse than the bound (an average must not hide a bad
   * band at the bottom). Bands above the first certificate (near-duplicates) are part of any threshold.
   */
  const certify = (histogram: Histogram, fromBin: number, minimumEvidence = 1): { bin: number; hits: number; errors: number } | undefined => {
    let hits = 0;
    let errors = 0;
    let best: { bin: number; hits: number; errors: number } | undefined;
    for (let bin = fromBin - 1; bin >= 0; bin--) {
      // Once a threshold is certified, each band added below it must hold up on its own.
      if (best && !marginalOk(histogram, bin)) break;
      hits += histogram.counts[bin]!;
      errors += histogram.errors[bin]!;
      if (hits >= minimumEvidence && wilsonUpper(errors, hits, z) <= maxFalseHitRate) best = { bin, hits, errors };
    }
    return best;
  };

  const compute = (cluster: string | undefined): ThresholdDecision => {
    const globalCertificate = certify(global, binCount);
    let threshold = globalCertificate ? edge(globalCertificate.bin) : priorThreshold;
    let source: ThresholdDecision['source'] = globalCertificate ? 'global' : Number.isFinite(priorThreshold) ? 'prior' : 'none';
    const histogram = cluster === undefined ? undefined : byCluster.get(cluster);
    if (histogram) {
      // A cluster goes below the shared threshold only when its own observations in the extra band certify it.
      const sharedBin = Number.isFinite(threshold) ? Math.max(0, binOf(threshold)) : binCount;
      const own = certify(histogram, sharedBin, Math.max(1, minClusterEvidence));
      if (own) {
        threshold = edge(own.bin);
        source = 'cluster';
      } else if (Number.isFinite(threshold)) {
        // Its own record may show that it does worse than the bound above the shared threshold.
        const sums = suffix(histogram);
        let bin = sharedBin;
        while (bin < binCount && sums.hits[bin]! > 0 && wilsonLower(sums.errors[bin]!, sums.hits[bin]!, z) > maxFalseHitRate) bin++;
        if (bin > sharedBin) {
          threshold = bin >= binCount ? Number.POSITIVE_INFINITY : edge(bin);
          source = 'raised';
        }
      }
    }
    const total = suffix(histogram ?? global);
    const from = Number.isFinite(threshold) ? Math.max(0, binOf(threshold)) : binCount;
    return { threshold, source, observations: total.hits[from] ?? 0, errors: total.errors[from] ?? 0 };
  };

  const decision = (cluster?: string): ThresholdDecision => {
    const key = cluster ?? '\u0000global';
    const clusterVersion = cluster === undefined ? 0 : byCluster.get(cluster)?.version ?? 0;
    const hit = cached.get(key);
    if (hit && hit.globalVersion === global.version && hit.clusterVersion === clusterVersion) return hit.decision;
    const computed = compute(cluster);
    cached.set(key, { decision: computed, globalVersion: global.version, clusterVersion });
    return computed;
  };

  return {
    maxFalseHitRate,
    observe({ cluster, similarity, correct, weight = 1 }) {
      if (!(typeof similarity === 'number' && Number.isFinite(similarity)) || similarity < minThreshold || !(weight > 0)) return;
      const bin = binOf(similarity);
      let histogram = byCluster.get(cluster);
      if (!histogram) {
        histogram = newHistogram();
        byCluster.set(cluster, histogram);
      }
      for (const target of [histogram, global]) {
        target.counts[bin]! += weight;
        if (!correct) target.errors[bin]! += weight;
        target.version++;
      }
    },
    threshold: (cluster) => decision(cluster).threshold,
    decision,
    curve(cluster) {
      const histogram = cluster === undefined ? global : byCluster.get(cluster) ?? newHistogram();
      const sums = suffix(histogram);
      const points: CalibrationCurvePoint[] = [];
      for (let bin = 0; bin < binCount; bin++) {
        const hits = sums.hits[bin]!;
        const errors = sums.errors[bin]!;
        points.push({ threshold: edge(bin), hits, errors, falseHitRate: hits === 0 ? 0 : errors / hits, upperBound: wilsonUpper(errors, hits, z) });
      }
      return points;
    },
    clusters: () => [...byCluster.keys()],
    snapshot() {
      const clusters: CalibrationSnapshot['clusters'] = {};
      for (const [name, histogram] of byCluster) clusters[name] = { counts: [...histogram.counts], errors: [...histogram.errors] };
      return { version: 1, minThreshold, resolution, clusters };
    },
    restore(snapshot) {
      if (snapshot?.version !== 1 || snapshot.minThreshold !== minThreshold || snapshot.resolution !== resolution) {
        throw new HotpathError('HOTPATH_INVALID_ARGUMENT', 'ThresholdCalibrator.restore: the snapshot was taken with another minThreshold or resolution');
      }
      byCluster.clear();
      global.counts.fill(0);
      global.errors.fill(0);
      for (const [name, saved] of Object.entries(snapshot.clusters)) {
        const histogram = newHistogram();
        histogram.counts.set(saved.counts.slice(0, binCount));
        histogram.errors.set(saved.errors.slice(0, binCount));
        byCluster.set(name, histogram);
        for (let bin = 0; bin < binCount; bin++) {
          global.counts[bin]! += histogram.counts[bin]!;
          global.errors[bin]! += histogram.errors[bin]!;
        }
      }
      global.version++;
      cached.clear();
    },
  };
}
