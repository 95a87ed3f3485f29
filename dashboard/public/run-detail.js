// @ts-check
// The panel a recent request opens: what was asked and answered, the headline timings, and the
// waterfall of its stages. It draws from the feed's copy at once, then from the gateway's full record.

import { authHeaders } from './endpoints.js';
import { formatClock, formatMs } from './format.js';
import { normalizeRun } from './normalize.js';
import { renderWaterfall } from './waterfall.js';

/** @typedef {import('../dashboard-types.js').RunView} RunView */

/**
 * @param {object} options
 * @param {HTMLElement} options.root the panel (id="run-detail")
 * @param {(runId: string) => string} options.runUrl where the gateway serves one run
 */
export function createRunDetail({ root, runUrl }) {
  const field = (/** @type {string} */ name) => /** @type {HTMLElement} */ (root.querySelector(`[data-field="${name}"]`));
  const heading = /** @type {HTMLElement} */ (root.querySelector('h2'));
  let shown = '';
  /** @type {AbortController | undefined} */
  let loading;

  const draw = (/** @type {RunView} */ run) => {
    const question = field('question');
    question.textContent = run.question || `${run.kind ?? 'request'} to ${run.target ?? 'the gateway'} (the gateway did not record the question)`;
    question.classList.toggle('no-question', !run.question);
    field('answer').textContent = run.error ? `${run.error.code}: ${run.error.message}` : run.text ?? '…';
    field('facts').textContent = [
      formatClock(run.at),
      run.user ? `user ${run.user}` : undefined,
      `total ${formatMs(run.totalMs)}`,
      run.firstTokenMs === undefined ? undefined : `first token ${formatMs(run.firstTokenMs)}`,
      run.cacheLayer ? `${run.cacheLayer} cache hit` : undefined,
      run.tiers.length > 0 ? `models: ${run.tiers.join(' → ')}` : undefined,
    ].filter(Boolean).join(' · ');
    renderWaterfall(field('waterfall'), { spans: run.spans, totalMs: run.totalMs, firstTokenMs: run.firstTokenMs, title: `Waterfall of ${run.question ? `the request "${run.question}"` : `request ${run.runId}`}` });
    root.dataset.runId = run.runId;
  };

  return {
    /** Shows `run` now and refreshes it from the gateway's record of the run. */
    async open(/** @type {RunView} */ run) {
      shown = run.runId;
      root.hidden = false;
      draw(run);
      heading.focus({ preventScroll: true });
      root.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      loading?.abort();
      const controller = new AbortController();
      loading = controller;
      try {
        const response = await fetch(runUrl(run.runId), { signal: controller.signal, headers: { accept: 'application/json', ...authHeaders() } });
        if (!response.ok) return;
        const full = normalizeRun(await response.json());
        if (full && shown === run.runId) draw({ ...run, ...full, question: full.question || run.question, spans: full.spans.length > 0 ? full.spans : run.spans });
      } catch {
        // the feed's copy stays on screen; mark the answer as possibly incomplete
        if (!controller.signal.aborted) field('answer').dataset.stale = 'true';
      }
    },
  };
}
