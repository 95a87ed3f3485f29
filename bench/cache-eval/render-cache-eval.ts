// The cache evaluation as Markdown: per data set, the decision methods side by side at their operating
// points, how the calibration came out, and the threshold sweep (the precision/recall trade-off).

import type { CacheEvalResult } from './run-cache-eval.js';

const percent = (value: number, digits = 1) => `${(value * 100).toFixed(digits)}%`;
const threshold = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : 'none');

export function renderCacheEval(result: CacheEvalResult): string {
  const lines: string[] = [
    '# Response cache evaluation: Banking77, CLINC150, PAWS-Wiki',
    '',
    `Embeddings: ${result.settings.embeddingModelId}; seed ${result.settings.seed}. A served answer is right when its entry ` +
      'has the query\'s intent (PAWS: when it is the query\'s own paraphrase). Hit rate = served / all held-out queries; ' +
      'recall = right answers / queries that have a right entry; false-hit share = wrong among served (1 − precision); ' +
      'must-miss served = share of CLINC150 out-of-scope / PAWS non-paraphrase queries that got an answer. ' +
      'Plain cosine = the nearest entry over everything; hotpath gates = nearest entry with the same slot signature, ' +
      'acronyms and speech act (commands never looked up). Thresholds are calibrated on a separate split, then frozen.',
    '',
  ];
  for (const set of result.sets) {
    lines.push(
      `## ${set.name}`,
      '',
      `${set.entries} cached entries, ${set.calibrationQueries} calibration queries, ${set.testQueries} held-out queries ` +
        `(${set.mustMissQueries} must miss); ${percent(set.bypassedShare)} of held-out queries read as commands and are never looked up. ` +
        `The cache's own decisions ${set.servedAsReplayed ? 'matched' : 'did NOT match'} the replay of its thresholds.`,
      '',
      '| method | hit rate | recall | false-hit share (90% interval) | false hits / 1k | must-miss served |',
      '|---|---|---|---|---|---|',
    );
    for (const method of set.methods) {
      const [low, high] = method.falseHitShareInterval;
      const share = method.served === 0 ? 'no hits' : `${percent(method.falseHitShare, 2)} (${percent(low, 1)}–${percent(high, 1)})`;
      lines.push(`| ${method.method} | ${percent(method.hitRate)} | ${percent(method.recall)} | ${share} | ${method.falseHitsPerThousand.toFixed(1)} | ${percent(method.mustMissServed, 2)} |`);
    }
    lines.push('', '| calibration δ | observations | global threshold | per-pattern thresholds (min / median / max) | threshold sources |', '|---|---|---|---|---|');
    for (const calibration of set.calibration) {
      const sources = Object.entries(calibration.sources).map(([source, count]) => `${source} ${count}`).join(', ');
      lines.push(
        `| ${calibration.maxFalseHitRate} | ${calibration.observations} | ${threshold(calibration.global)} | ` +
          `${threshold(calibration.thresholds.min)} / ${threshold(calibration.thresholds.median)} / ${threshold(calibration.thresholds.max)} | ${sources} |`,
      );
    }
    lines.push('', '<details><summary>Threshold sweep (fixed thresholds)</summary>', '', '| threshold | plain hit rate | plain recall | plain false-hit share | gated hit rate | gated recall | gated false-hit share |', '|---|---|---|---|---|---|---|');
    for (const point of set.curve) {
      lines.push(
        `| ${point.threshold.toFixed(2)} | ${percent(point.plain.hitRate)} | ${percent(point.plain.recall)} | ${percent(point.plain.falseHitShare, 2)} | ` +
          `${percent(point.gated.hitRate)} | ${percent(point.gated.recall)} | ${percent(point.gated.falseHitShare, 2)} |`,
      );
    }
    lines.push('', '</details>', '');
  }
  return `${lines.join('\n')}\n`;
}
