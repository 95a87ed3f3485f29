// @ts-check
// Wires the page: the live feed drives the tiles, the histogram and the recent-requests table; a row
// opens its waterfall; the try-it box runs the agent.

import { authHeaders, endpoints } from './endpoints.js';
import { formatClock } from './format.js';
import { bucketLatencies } from './histogram-stats.js';
import { renderHistogram } from './histogram.js';
import { connectLiveFeed } from './live-feed.js';
import { createMetricsPanels } from './metrics-panels.js';
import { complementSnapshot, normalizeRun, normalizeSnapshot } from './normalize.js';
import { createRecentRuns } from './recent-runs.js';
import { createRunDetail } from './run-detail.js';
import { createTryIt } from './try-it.js';

const byId = (/** @type {string} */ id) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`dashboard: the page has no #${id}`);
  return element;
};

const statusLine = byId('feed-status');
let feedStatus = /** @type {import('./live-feed.js').FeedStatus} */ ('connecting');
let gatewayReady = true;
const histogram = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (byId('latency-histogram')));
const metrics = createMetricsPanels(document);
/** Rows kept in the recent-requests table. */
const tableLimit = 100;
const detail = createRunDetail({ root: byId('run-detail'), runUrl: endpoints.run });
const recent = createRecentRuns({
  body: /** @type {HTMLTableSectionElement} */ (byId('recent-runs-body')),
  limit: tableLimit,
  onOpen: (run) => {
    recent.select(run.runId);
    void detail.open(run);
  },
});
let histogramFromFeed = false;
/** The window the gateway computes its percentiles over; the page fills gaps from the same span. */
const windowMs = 60_000;
/** @type {Map<string, import('../dashboard-types.js').RunView>} */
const runWindow = new Map();
/** The runs received that finished within the window before `now` (the page's clock). */
const windowRuns = (/** @type {number} */ now) => {
  for (const [runId, run] of runWindow) if (run.at + run.totalMs < now - windowMs || runWindow.size > 20_000) runWindow.delete(runId);
  return [...runWindow.values()];
};

/** Questions asked here, by run id: shown for those runs when the feed's record does not carry one. */
const askedHere = new Map();
createTryIt({
  form: /** @type {HTMLFormElement} */ (byId('try-it-form')),
  runUrl: endpoints.agentRun,
  onStart: (runId, question) => askedHere.set(runId, question),
});

const statusText = {
  connecting: 'Connecting to the gateway…',
  live: 'Live',
  reconnecting: 'Gateway unreachable — reconnecting…',
};

connectLiveFeed({
  url: endpoints.dashboardStream,
  onStatus: (status) => {
    feedStatus = status;
    showStatus();
  },
  handlers: {
    snapshot: (data) => {
      const sent = normalizeSnapshot(data);
      histogramFromFeed = sent.histogram.length > 0;
      const view = complementSnapshot(sent, windowRuns(Date.now()));
      metrics.update(view);
      if (gatewayReady !== (view.ready ?? true)) {
        gatewayReady = view.ready ?? true;
        showStatus();
      }
      renderHistogram(histogram, view.histogram.length > 0 ? view.histogram : bucketLatencies([]));
      byId('last-update').textContent = `updated ${formatClock(view.at)}`;
    },
    run: (data) => addRuns([data]),
    // Sent once per connection: the recent runs, newest first.
    runs: (data) => addRuns(Array.isArray(data) ? [...data].reverse() : []),
  },
});

void loadAgents();

/** Runs waiting to be drawn: a busy gateway finishes many per second, the table is redrawn ~10 times a second. */
let pendingRuns = /** @type {import('../dashboard-types.js').RunView[]} */ ([]);
let flushTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);

function addRuns(/** @type {unknown[]} */ records) {
  for (const record of records) {
    const run = normalizeRun(record);
    if (!run) continue;
    if (!run.question && askedHere.has(run.runId)) run.question = askedHere.get(run.runId);
    runWindow.set(run.runId, run);
    pendingRuns.push(run);
  }
  if (pendingRuns.length > tableLimit) pendingRuns = pendingRuns.slice(-tableLimit);
  flushTimer ??= setTimeout(() => {
    flushTimer = undefined;
    for (const run of pendingRuns) recent.add(run);
    pendingRuns = [];
    if (!histogramFromFeed) renderHistogram(histogram, bucketLatencies(windowRuns(Date.now()).map((run) => run.totalMs)));
  }, 100);
}

function showStatus() {
  statusLine.dataset.status = feedStatus;
  statusLine.textContent = feedStatus === 'live' && !gatewayReady ? 'Live · gateway warming up' : statusText[feedStatus];
}

/** Fills the agent picker from the gateway's model list (agents only); keeps "hotpath" otherwise. */
async function loadAgents() {
  const select = /** @type {HTMLSelectElement} */ (byId('try-agent'));
  try {
    const response = await fetch(endpoints.models, { headers: { accept: 'application/json', ...authHeaders() } });
    if (!response.ok) return;
    const body = await response.json();
    const agents = (Array.isArray(body?.data) ? body.data : [])
      .filter((/** @type {{ id?: unknown, hotpath?: { kind?: unknown } }} */ model) => typeof model.id === 'string' && model.hotpath?.kind === 'agent')
      .map((/** @type {{ id: string }} */ model) => model.id);
    if (agents.length === 0) return;
    select.replaceChildren(...agents.map((/** @type {string} */ name) => new Option(name, name)));
  } catch {
    // the default option stays; the feed's status line already says when the gateway is away
  }
}
