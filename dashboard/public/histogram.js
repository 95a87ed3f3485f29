// @ts-check
// The end-to-end latency histogram: one bar per bucket (equal widths, since the buckets are not), with
// the 3 s and 5 s targets drawn where they fall between bucket bounds.

import { formatCount, formatMs } from './format.js';
import { bucketPosition } from './histogram-stats.js';
import { drawingWidth, svgElement, svgTitle } from './svg.js';

/** @typedef {import('../dashboard-types.js').HistogramBucket} HistogramBucket */

const height = 200;
const margin = { top: 14, right: 10, bottom: 34, left: 40 };

/**
 * @param {SVGSVGElement} svg the chart element (kept, so its accessible name stays)
 * @param {HistogramBucket[]} buckets
 * @param {number[]} targetsMs
 */
export function renderHistogram(svg, buckets, targetsMs = [3000, 5000]) {
  const width = drawingWidth(svg, 420);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const keep = [...svg.querySelectorAll(':scope > title, :scope > desc')];
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const highest = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const slot = plotWidth / Math.max(1, buckets.length);
  const nodes = [
    svgElement('line', { class: 'axis', x1: margin.left, x2: width - margin.right, y1: margin.top + plotHeight, y2: margin.top + plotHeight }),
    svgElement('text', { class: 'axis-label', x: margin.left - 6, y: margin.top + 8, 'text-anchor': 'end' }, [formatCount(highest)]),
    svgElement('text', { class: 'axis-label', x: margin.left - 6, y: margin.top + plotHeight, 'text-anchor': 'end' }, ['0']),
  ];
  let lower = 0;
  for (const [index, bucket] of buckets.entries()) {
    const barHeight = (bucket.count / highest) * plotHeight;
    const x = margin.left + index * slot;
    const range = Number.isFinite(bucket.upperMs) ? `${formatMs(lower)}–${formatMs(bucket.upperMs)}` : `over ${formatMs(lower)}`;
    nodes.push(svgElement('rect', { class: 'histogram-bar', x: x + 1, y: margin.top + plotHeight - barHeight, width: Math.max(1, slot - 2), height: barHeight }, [
      svgTitle(`${range}: ${formatCount(bucket.count)} requests${total > 0 ? ` (${((bucket.count / total) * 100).toFixed(1)}%)` : ''}`),
    ]));
    const tickLabel = Number.isFinite(bucket.upperMs) ? shortSeconds(bucket.upperMs) : '∞';
    nodes.push(svgElement('text', { class: 'axis-label', x: x + slot, y: margin.top + plotHeight + 14, 'text-anchor': 'middle' }, [tickLabel]));
    lower = bucket.upperMs;
  }
  for (const targetMs of targetsMs) {
    const x = margin.left + bucketPosition(buckets, targetMs) * slot;
    nodes.push(svgElement('g', { class: 'target' }, [
      svgElement('line', { x1: x, x2: x, y1: margin.top - 4, y2: margin.top + plotHeight }),
      svgElement('text', { x: x + 3, y: margin.top + 6 }, [`${targetMs / 1000} s`]),
    ]));
  }
  nodes.push(svgElement('text', { class: 'axis-label', x: margin.left + plotWidth / 2, y: height - 4, 'text-anchor': 'middle' }, ['end-to-end latency (s, bucket upper bound)']));
  svg.replaceChildren(...keep, ...nodes);
}

function shortSeconds(/** @type {number} */ ms) {
  return ms < 1000 ? `${(ms / 1000).toFixed(ms % 100 === 0 ? 1 : 2)}` : `${Number((ms / 1000).toFixed(1))}`;
}
