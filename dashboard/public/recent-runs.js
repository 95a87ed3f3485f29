// @ts-check
// The recent-requests table: newest first, one row per finished run (a run seen twice, e.g. again in
// the backlog sent after a reconnect, keeps its row). Each row opens the run's waterfall.

import { formatClock, formatMs } from './format.js';
import { targets } from './metrics-panels.js';

/** @typedef {import('../dashboard-types.js').RunView} RunView */

/**
 * @param {object} options
 * @param {HTMLTableSectionElement} options.body the table's <tbody>
 * @param {(run: RunView) => void} options.onOpen
 * @param {number} [options.limit] rows kept
 */
export function createRecentRuns({ body, onOpen, limit = 100 }) {
  /** @type {Map<string, { run: RunView, row: HTMLTableRowElement }>} */
  const rows = new Map();
  const placeholder = body.querySelector('tr.empty');

  /** The row the new run goes above: the first shown (newest first) that started no later than it. */
  const firstNotAfter = (/** @type {number} */ at) => {
    for (const row of body.rows) {
      const entry = rows.get(row.dataset.runId ?? '');
      if (entry && entry.run.at <= at) return row;
    }
    return null;
  };

  body.addEventListener('click', (event) => {
    const row = /** @type {Element} */ (event.target).closest('tr[data-run-id]');
    const entry = row && rows.get(/** @type {HTMLElement} */ (row).dataset.runId ?? '');
    if (entry) onOpen(entry.run);
  });

  return {
    /** Adds or refreshes a run. */
    add(/** @type {RunView} */ run) {
      placeholder?.remove();
      const existing = rows.get(run.runId);
      const row = buildRow(run);
      if (existing) existing.row.replaceWith(row);
      else body.insertBefore(row, firstNotAfter(run.at));
      rows.set(run.runId, { run, row });
      for (const [runId, entry] of [...rows].sort(([, first], [, second]) => second.run.at - first.run.at).slice(limit)) {
        entry.row.remove();
        rows.delete(runId);
      }
    },
    get(/** @type {string} */ runId) {
      return rows.get(runId)?.run;
    },
    /** Marks the row whose waterfall is open. */
    select(/** @type {string | undefined} */ runId) {
      for (const [id, entry] of rows) {
        if (id === runId) entry.row.setAttribute('aria-current', 'true');
        else entry.row.removeAttribute('aria-current');
      }
    },
  };
}

function buildRow(/** @type {RunView} */ run) {
  const row = document.createElement('tr');
  row.dataset.runId = run.runId;
  if (run.error) row.dataset.failed = 'true';
  const time = document.createElement('time');
  time.dateTime = new Date(run.at).toISOString();
  time.textContent = formatClock(run.at);
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'run-open';
  open.setAttribute('aria-controls', 'run-detail');
  open.title = run.question || `${run.kind ?? 'request'} to ${run.target ?? 'the gateway'} (question not recorded)`;
  open.textContent = run.question || `${run.target ?? run.kind ?? 'request'} · ${run.runId.slice(0, 8)}`;
  if (!run.question) open.classList.add('no-question');
  const latency = cell(formatMs(run.totalMs));
  latency.className = 'numeric';
  latency.dataset.level = run.error ? 'bad' : run.totalMs <= targets.fastMs ? 'good' : run.totalMs <= targets.slowMs ? 'warn' : 'bad';
  row.append(
    cell(time),
    cell(open),
    cell(run.user ?? '—'),
    latency,
    cell(run.error ? `error: ${run.error.code}` : run.cacheLayer ?? '—'),
    cell(run.tiers.join(' → ') || '—'),
  );
  return row;
}

function cell(/** @type {Node | string} */ content) {
  const element = document.createElement('td');
  element.append(content);
  return element;
}
