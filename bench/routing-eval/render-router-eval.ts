// The evaluation as Markdown: one table per benchmark in RouteLLM's terms, then quality by share of
// strong calls.

import type { RouterEvalResult } from './run-router-eval.js';

const share = (value: number | undefined) => (value === undefined ? 'not reached' : `${(value * 100).toFixed(1)}%`);

function quality(value: number, kind: 'accuracy' | 'score'): string {
  return kind === 'accuracy' ? `${(value * 100).toFixed(1)}%` : value.toFixed(2);
}

export function renderRouterEval(result: RouterEvalResult): string {
  const lines: string[] = [
    '# Routing evaluation on RouteLLM outcomes (GPT-4 strong, Mixtral-8x7B weak)',
    '',
    `Router: hotpath's complexity classifier trained to predict "the weak model gets it wrong", ` +
      `${result.settings.folds}-fold cross-fitted (seed ${result.settings.seed}); the "strong wins" variant learns instead ` +
      `"the strong model does strictly better"; random routing averaged over ` +
      `${result.settings.randomRepeats} seeded draws; oracle = routes exactly the questions the strong model does better on.`,
    '',
  ];
  for (const benchmark of result.benchmarks) {
    const kind = benchmark.qualityKind;
    lines.push(
      `## ${benchmark.benchmark}`,
      '',
      `${benchmark.rows} questions (${benchmark.droppedContaminated} contaminated dropped). ` +
        `Weak ${quality(benchmark.weakQuality, kind)}, strong ${quality(benchmark.strongQuality, kind)}, ` +
        `95% of strong = ${quality(0.95 * benchmark.strongQuality, kind)}. ${benchmark.method}`,
      '',
      '| router | APGR | CPT(50%) | CPT(80%) | strong calls for 95% of strong |',
      '|---|---|---|---|---|',
    );
    for (const [name, summary] of Object.entries(benchmark.routers)) {
      lines.push(`| ${name} | ${summary.apgr.toFixed(3)} | ${share(summary.cpt50)} | ${share(summary.cpt80)} | ${share(summary.strongShareFor95PercentOfStrong)} |`);
    }
    const { intervals } = benchmark;
    lines.push(
      '',
      `Bootstrap 95% intervals for the hotpath classifier (${intervals.resamples} resamples of the questions): APGR ` +
        `${intervals.apgr[0].toFixed(3)}–${intervals.apgr[1].toFixed(3)}, strong calls for 95% of strong ` +
        `${share(intervals.strongShareFor95PercentOfStrong[0])}–${share(intervals.strongShareFor95PercentOfStrong[1])}.`,
    );
    if (benchmark.weakWrongAuc !== undefined) lines.push('', `ROC AUC of the router's score for "weak model wrong": ${benchmark.weakWrongAuc.toFixed(3)}.`);
    lines.push('', `| strong calls | ${Object.keys(benchmark.routers).join(' | ')} |`, `|---|${Object.keys(benchmark.routers).map(() => '---').join('|')}|`);
    for (let decile = 0; decile <= 10; decile++) {
      const cells = Object.values(benchmark.routers).map((summary) => quality(summary.qualityByDecile[decile] as number, kind));
      lines.push(`| ${decile * 10}% | ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
