// @ts-check
// The live tiles: latency percentiles against the 3 s / 5 s targets, share of requests under each,
// time to first token, cache hit rate per layer, model mix by tier, errors, hedges and escalations.

import { formatCount, formatMs, formatPercent } from './format.js';
import { drawingWidth, svgElement, svgTitle } from './svg.js';

/** @typedef {import('../dashboard-types.js').MetricsView} MetricsView */

/** The seed's targets: 80% of requests under 3 s, 95% under 5 s. */
export const targets = { fastMs: 3000, fastShare: 0.8, slowMs: 5000, slowShare: 0.95 };

/**
 * @param {ParentNode} root holds elements marked `data-metric="<name>"` and the charts by id
 * @returns {{ update(view: MetricsView): void }}
 */
export function createMetricsPanels(root) {
  const metric = (/** @type {string} */ name) => /** @type {HTMLElement | null} */ (root.querySelector(`[data-metric="${name}"]`));
  const setText = (/** @type {string} */ name, /** @type {string} */ text, /** @type {'good' | 'bad' | undefined} */ level = undefined) => {
    const element = metric(name);
    if (!element) return;
    element.textContent = text;
    if (level === undefined) delete element.dataset.level;
    else element.dataset.level = level;
  };
  const percentileChart = /** @type {SVGSVGElement | null} */ (root.querySelector('#percentile-chart'));
  const cacheList = /** @type {HTMLElement | null} */ (root.querySelector('#cache-layers'));
  const tierList = /** @type {HTMLElement | null} */ (root.querySelector('#model-mix'));
  const errorCodes = /** @type {HTMLElement | null} */ (root.querySelector('#error-codes'));

  return {
    update(view) {
      const { latency, ttft } = view;
      setText('requests', formatCount(view.requests));
      setText('requests-per-second', view.requestsPerSecond === undefined ? '—' : view.requestsPerSecond.toFixed(1));
      setText('in-flight', formatCount(view.inFlight));
      setText('p50', formatMs(latency.p50));
      setText('p80', formatMs(latency.p80), judge(latency.p80, (ms) => ms <= targets.fastMs));
      setText('p95', formatMs(latency.p95), judge(latency.p95, (ms) => ms <= targets.slowMs));
      setText('p99', formatMs(latency.p99));
      setText('under-3s', formatPercent(view.shareUnder3s), judge(view.shareUnder3s, (share) => share >= targets.fastShare));
      setText('under-5s', formatPercent(view.shareUnder5s), judge(view.shareUnder5s, (share) => share >= targets.slowShare));
      setText('ttft-p50', formatMs(ttft.p50));
      setText('ttft-p95', formatMs(ttft.p95));
      setText('error-rate', formatPercent(view.errorRate), judge(view.errorRate, (rate) => rate < 0.01));
      setText('errors', formatCount(view.errors));
      setText('hedges', formatCount(view.hedges));
      setText('escalations', formatCount(view.escalations));
      setText('fallbacks', formatCount(view.fallbacks));
      if (percentileChart) renderPercentileChart(percentileChart, latency);
      if (cacheList) renderCacheLayers(cacheList, view.cacheLayers);
      if (tierList) renderModelMix(tierList, view.tiers);
      if (errorCodes) renderErrorCodes(errorCodes, view.errorsByCode);
    },
  };
}

/** @template T @returns {'good' | 'bad' | undefined} */
function judge(/** @type {T | undefined} */ value, /** @type {(value: T) => boolean} */ passes) {
  return value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? undefined : passes(value) ? 'good' : 'bad';
}

const chart = { rowHeight: 24, left: 40, right: 60, top: 18 };

/**
 * Horizontal bars for p50/p80/p95/p99 with the 3 s and 5 s target lines.
 * @param {SVGSVGElement} svg
 * @param {MetricsView['latency']} latency
 */
export function renderPercentileChart(svg, latency) {
  const rows = /** @type {const} */ (['p50', 'p80', 'p95', 'p99']);
  const width = drawingWidth(svg, 520);
  const height = chart.top + rows.length * chart.rowHeight + 6;
  const highest = Math.max(6000, ...rows.map((key) => (latency[key] ?? 0) * 1.1));
  const plotWidth = width - chart.left - chart.right;
  const x = (/** @type {number} */ ms) => chart.left + (ms / highest) * plotWidth;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const keep = [...svg.querySelectorAll(':scope > title, :scope > desc')];
  const nodes = [];
  for (const [index, key] of rows.entries()) {
    const y = chart.top + index * chart.rowHeight;
    const ms = latency[key];
    const over = ms !== undefined && ms > (key === 'p80' ? targets.fastMs : key === 'p95' ? targets.slowMs : Infinity);
    nodes.push(svgElement('text', { class: 'axis-label', x: chart.left - 6, y: y + 13, 'text-anchor': 'end' }, [key]));
    if (ms !== undefined) {
      nodes.push(svgElement('rect', { class: `percentile-bar${over ? ' over-target' : ''}`, x: chart.left, y: y + 2, width: Math.max(1, x(ms) - chart.left), height: 14, rx: 2 }, [svgTitle(`${key}: ${formatMs(ms)}`)]));
      nodes.push(svgElement('text', { class: 'value-label', x: x(ms) + 4, y: y + 13 }, [formatMs(ms)]));
    }
  }
  for (const targetMs of [targets.fastMs, targets.slowMs]) {
    nodes.push(svgElement('g', { class: 'target' }, [
      svgElement('line', { x1: x(targetMs), x2: x(targetMs), y1: chart.top - 6, y2: height - 2 }),
      svgElement('text', { x: x(targetMs) + 3, y: chart.top - 8 }, [`${targetMs / 1000} s`]),
    ]));
  }
  svg.replaceChildren(...keep, ...nodes);
}

/** @param {HTMLElement} list @param {MetricsView['cacheLayers']} layers */
function renderCacheLayers(list, layers) {
  if (layers.length === 0) {
    list.replaceChildren(listItem('No cache lookups yet.', 'empty'));
    return;
  }
  list.replaceChildren(...layers.map(({ layer, hits, lookups, rate, windowed }) => {
    const item = document.createElement('li');
    const label = document.createElement('span');
    const id = `cache-layer-${layer}`;
    label.id = id;
    label.textContent = layer;
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = 1;
    meter.value = rate ?? 0;
    meter.setAttribute('aria-labelledby', id);
    const figure = document.createElement('span');
    figure.className = 'figure';
    figure.textContent = `${formatPercent(rate)}${lookups === undefined ? ` · ${formatCount(hits)} hits` : ` · ${formatCount(hits)}/${formatCount(lookups)}`}${windowed ? ' (1 min)' : ''}`;
    if (windowed) figure.title = layer === 'tool' ? 'tool calls served from the cache, over the runs of the last minute' : 'over the runs of the last minute';
    item.append(label, meter, figure);
    return item;
  }));
}

/** @param {HTMLElement} list @param {MetricsView['tiers']} tiers */
function renderModelMix(list, tiers) {
  const total = tiers.reduce((sum, entry) => sum + entry.calls, 0);
  if (total === 0) {
    list.replaceChildren(listItem('No model calls yet.', 'empty'));
    return;
  }
  list.replaceChildren(...tiers.map(({ tier, calls }, index) => {
    const item = document.createElement('li');
    item.style.setProperty('--share', String(calls / total));
    item.dataset.tierIndex = String(index % 4);
    const label = document.createElement('span');
    label.textContent = tier;
    const bar = document.createElement('span');
    bar.className = 'tier-bar';
    bar.setAttribute('aria-hidden', 'true');
    const figure = document.createElement('span');
    figure.className = 'figure';
    figure.textContent = `${formatPercent(calls / total)} · ${formatCount(calls)} calls`;
    item.append(label, bar, figure);
    return item;
  }));
}

/** @param {HTMLElement} list @param {MetricsView['errorsByCode']} codes */
function renderErrorCodes(list, codes) {
  list.replaceChildren(...codes.slice(0, 6).map(({ code, count }) => {
    const item = document.createElement('li');
    const name = document.createElement('code');
    name.textContent = code;
    item.append(name, ` ${formatCount(count)}`);
    return item;
  }));
}

function listItem(/** @type {string} */ text, /** @type {string} */ className) {
  const item = document.createElement('li');
  item.className = className;
  item.textContent = text;
  return item;
}
