// @ts-check
// Draws a run's waterfall as SVG: a row per span (model calls with their first token marked, each
// tool call, cache lookups, embedding, classification), the run's first answer token and its end.

import { formatMs } from './format.js';
import { drawingWidth, svgElement, svgTitle } from './svg.js';
import { layoutWaterfall } from './waterfall-layout.js';

/** @typedef {import('../dashboard-types.js').StageSpan} StageSpan */

const defaultWidth = 760;
const minimumWidth = 560;
const labelWidth = 230;
const rowHeight = 22;
const axisHeight = 22;
const barHeight = 14;

/**
 * Replaces the contents of `container` with the waterfall of one run.
 * @param {HTMLElement} container
 * @param {object} run
 * @param {StageSpan[]} run.spans
 * @param {number} [run.totalMs]
 * @param {number} [run.firstTokenMs]
 * @param {string} run.title accessible name of the chart
 * @returns {SVGElement}
 */
export function renderWaterfall(container, { spans, totalMs, firstTokenMs, title }) {
  // Drawn at the container's width in CSS pixels, so labels keep their size on any screen.
  const width = drawingWidth(container, defaultWidth, minimumWidth);
  const layout = layoutWaterfall({ spans, totalMs, width, labelWidth });
  const height = axisHeight + Math.max(1, layout.bars.length) * rowHeight + 8;
  const plotBottom = height - 4;
  const titleId = uniqueId('waterfall-title');
  const descriptionId = uniqueId('waterfall-description');
  const svg = svgElement('svg', {
    class: 'waterfall', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${titleId} ${descriptionId}`,
    'data-span-count': layout.bars.length,
  }, [
    svgElement('title', { id: titleId }, [title]),
    svgElement('desc', { id: descriptionId }, [describe(layout.bars.map((bar) => bar.span), totalMs)]),
  ]);
  for (const tick of layout.ticks) {
    svg.append(svgElement('g', { class: 'tick' }, [
      svgElement('line', { x1: tick.x, x2: tick.x, y1: axisHeight - 4, y2: plotBottom }),
      svgElement('text', { x: tick.x, y: axisHeight - 8, 'text-anchor': 'middle' }, [formatMs(tick.ms)]),
    ]));
  }
  if (layout.bars.length === 0) {
    svg.append(svgElement('text', { class: 'empty', x: labelWidth, y: axisHeight + 15 }, ['No stages were recorded for this run.']));
  }
  for (const bar of layout.bars) svg.append(drawBar(bar));
  if (firstTokenMs !== undefined) svg.append(marker({ x: layout.scale(firstTokenMs), bottom: plotBottom, className: 'first-token', label: `first answer token at ${formatMs(firstTokenMs)}` }));
  if (totalMs !== undefined) svg.append(marker({ x: layout.scale(totalMs), bottom: plotBottom, className: 'run-end', label: `answered in ${formatMs(totalMs)}` }));
  container.replaceChildren(svg);
  return svg;
}

/** @param {import('./waterfall-layout.js').WaterfallBar} bar */
function drawBar(bar) {
  const { span } = bar;
  const y = axisHeight + bar.row * rowHeight;
  const durationMs = span.endMs - span.startMs;
  const shortLabel = bar.label.length > 34 ? `${bar.label.slice(0, 33)}…` : bar.label;
  const group = svgElement('g', { class: `span stage-${span.stage}`, 'data-stage': span.stage }, [
    svgElement('text', { class: 'span-label', x: labelWidth - 8, y: y + barHeight - 2, 'text-anchor': 'end' }, [shortLabel]),
    svgElement('rect', { class: 'bar', x: bar.x, y: y + 1, width: bar.width, height: barHeight, rx: 2 }, [
      svgTitle(`${bar.label}: ${formatMs(span.startMs)} → ${formatMs(span.endMs)} (${formatMs(durationMs)})`),
    ]),
    svgElement('text', { class: 'span-duration', x: bar.x + bar.width + 4, y: y + barHeight - 2 }, [formatMs(durationMs)]),
  ]);
  if (bar.ttftX !== undefined) {
    const ttftMs = Number(span.attributes?.ttftMs);
    group.append(svgElement('line', { class: 'ttft', x1: bar.ttftX, x2: bar.ttftX, y1: y - 1, y2: y + barHeight + 3 }, [
      svgTitle(`first token after ${formatMs(ttftMs)}`),
    ]));
  }
  return group;
}

/** @param {{ x: number, bottom: number, className: string, label: string }} options */
function marker({ x, bottom, className, label }) {
  return svgElement('line', { class: `marker ${className}`, x1: x, x2: x, y1: axisHeight - 4, y2: bottom }, [svgTitle(label)]);
}

/** A one-sentence text alternative for screen readers. */
function describe(/** @type {StageSpan[]} */ spans, /** @type {number | undefined} */ totalMs) {
  const parts = spans.map((span) => `${span.name} from ${formatMs(span.startMs)} to ${formatMs(span.endMs)}`);
  return `${spans.length} stages${totalMs === undefined ? '' : ` in ${formatMs(totalMs)}`}: ${parts.join('; ')}.`;
}

let counter = 0;
function uniqueId(/** @type {string} */ prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
