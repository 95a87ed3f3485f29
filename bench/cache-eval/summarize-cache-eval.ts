// Scores cache decisions on held-out queries. A served answer is right when its entry carries the
// query's label (same intent; for PAWS, the pair's own first sentence of a paraphrase pair); a query
// without a label (CLINC150 out-of-scope, a PAWS non-paraphrase) must miss.

/** What happened to one held-out query. */
export interface QueryRecord {
  /** Some cached entry is right for it. */
  shouldHit: boolean;
  /** Why the cache would not even look (a command, say). */
  bypass?: string;
  /** hotpath's candidate: nearest entry with the same slots, act and scope. */
  gated?: { similarity: number; cluster: string; correct: boolean };
  /** Plain nearest neighbour by cosine, as common semantic caches do. */
  plain?: { similarity: number; correct: boolean };
  /** Whether the response cache itself served it (calibrated thresholds). */
  served?: boolean;
}

export interface MethodSummary {
  method: string;
  queries: number;
  /** Served from cache / all queries. */
  hitRate: number;
  /** Right answers served / queries some entry is right for. */
  recall: number;
  /** Wrong answers among those served (1 − precision). */
  falseHitShare: number;
  /** Two-sided 90% Wilson interval of the false-hit share (few hits: a wide interval). */
  falseHitShareInterval: [number, number];
  /** Wrong answers served per 1,000 queries. */
  falseHitsPerThousand: number;
  /** Share of must-miss queries that were served. */
  mustMissServed: number;
  served: number;
  falseHits: number;
}

/** Wilson score interval at z (1.645: two-sided 90%). */
export function wilsonInterval(errors: number, total: number, z = 1.645): [number, number] {
  if (total === 0) return [0, 1];
  const rate = errors / total;
  const z2 = z * z;
  const center = rate + z2 / (2 * total);
  const margin = z * Math.sqrt((rate * (1 - rate)) / total + z2 / (4 * total * total));
  const scale = 1 + z2 / total;
  return [Math.max(0, (center - margin) / scale), Math.min(1, (center + margin) / scale)];
}

export function summarizeDecisions(method: string, records: readonly QueryRecord[], decide: (record: QueryRecord) => { served: boolean; correct: boolean }): MethodSummary {
  let served = 0;
  let falseHits = 0;
  let correctHits = 0;
  let shouldHit = 0;
  let mustMiss = 0;
  let mustMissServed = 0;
  for (const record of records) {
    const decision = decide(record);
    if (record.shouldHit) shouldHit++;
    else mustMiss++;
    if (!decision.served) continue;
    served++;
    if (decision.correct) correctHits++;
    else falseHits++;
    if (!record.shouldHit) mustMissServed++;
  }
  const queries = records.length;
  return {
    method,
    queries,
    hitRate: queries === 0 ? 0 : served / queries,
    recall: shouldHit === 0 ? 0 : correctHits / shouldHit,
    falseHitShare: served === 0 ? 0 : falseHits / served,
    falseHitShareInterval: wilsonInterval(falseHits, served),
    falseHitsPerThousand: queries === 0 ? 0 : (1000 * falseHits) / queries,
    mustMissServed: mustMiss === 0 ? 0 : mustMissServed / mustMiss,
    served,
    falseHits,
  };
}

/** A fixed cosine threshold on the plain nearest neighbour: what common semantic caches ship with. */
export const plainAt = (threshold: number) => (record: QueryRecord) => ({
  served: record.plain !== undefined && record.plain.similarity >= threshold,
  correct: record.plain?.correct ?? false,
});

/** A fixed threshold on hotpath's gated candidate (same slots, act and scope). */
export const gatedAt = (threshold: number) => (record: QueryRecord) => ({
  served: record.bypass === undefined && record.gated !== undefined && record.gated.similarity >= threshold,
  correct: record.gated?.correct ?? false,
});

/** Thresholds per cluster, from a calibrator. */
export const calibrated = (threshold: (cluster: string) => number) => (record: QueryRecord) => ({
  served: record.bypass === undefined && record.gated !== undefined && record.gated.similarity >= threshold(record.gated.cluster),
  correct: record.gated?.correct ?? false,
});

export interface CurvePoint {
  threshold: number;
  plain: Pick<MethodSummary, 'hitRate' | 'recall' | 'falseHitShare'>;
  gated: Pick<MethodSummary, 'hitRate' | 'recall' | 'falseHitShare'>;
}

/** Hit rate, recall and false-hit share over a sweep of fixed thresholds, for both kinds of candidate. */
export function thresholdSweep(records: readonly QueryRecord[], thresholds: readonly number[]): CurvePoint[] {
  const pick = ({ hitRate, recall, falseHitShare }: MethodSummary) => ({ hitRate, recall, falseHitShare });
  return thresholds.map((threshold) => ({
    threshold,
    plain: pick(summarizeDecisions('plain', records, plainAt(threshold))),
    gated: pick(summarizeDecisions('gated', records, gatedAt(threshold))),
  }));
}
