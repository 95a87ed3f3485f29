// @ts-check
// Where each bar of a run's waterfall goes: one row per span in start order, x scaled to the run's
// duration, so calls that ran at the same time sit on separate rows over the same stretch of the axis
// (the parallel picture) and calls made one after another form a staircase (the sequential one).

/** @typedef {import('../dashboard-types.js').StageSpan} StageSpan */

/**
 * @typedef {object} WaterfallBar
 * @property {StageSpan} span
 * @property {number} row
 * @property {number} x
 * @property {number} width
 * @property {string} label
 * @property {number} [ttftX] where the model's first token arrived (model spans that report ttftMs)
 */

/**
 * @typedef {object} WaterfallLayout
 * @property {WaterfallBar[]} bars
 * @property {Array<{ ms: number, x: number }>} ticks
 * @property {number} endMs the right edge of the axis
 * @property {(ms: number) => number} scale
 */

/** Stages in pipeline order: the tie-break when two spans start together. */
export const stageOrder = ['queue', 'connection', 'classify', 'embed', 'cache', 'plan', 'model', 'tool', 'format'];

const minimumBarWidth = 2;

/**
 * @param {object} options
 * @param {StageSpan[]} options.spans
 * @param {number} [options.totalMs] the run's duration; the axis reaches at least this far
 * @param {number} options.width drawing width
 * @param {number} options.labelWidth room kept on the left for row labels
 * @param {number} [options.rightPadding] room kept on the right for duration labels
 * @returns {WaterfallLayout}
 */
export function layoutWaterfall({ spans, totalMs = 0, width, labelWidth, rightPadding = 56 }) {
  const sorted = spans.filter(isDrawable).sort(compareSpans);
  const endMs = Math.max(totalMs, 1, ...sorted.map((span) => span.endMs));
  const plotWidth = Math.max(1, width - labelWidth - rightPadding);
  const scale = (/** @type {number} */ ms) => labelWidth + (Math.min(Math.max(ms, 0), endMs) / endMs) * plotWidth;
  const bars = sorted.map((span, row) => {
    const x = Math.min(scale(span.startMs), labelWidth + plotWidth - minimumBarWidth);
    const bar = { span, row, x, width: Math.max(minimumBarWidth, scale(span.endMs) - x), label: spanLabel(span) };
    const ttftMs = span.stage === 'model' ? Number(span.attributes?.ttftMs) : Number.NaN;
    return Number.isFinite(ttftMs) ? { ...bar, ttftX: scale(span.startMs + ttftMs) } : bar;
  });
  return { bars, ticks: niceTicks(endMs, 6).map((ms) => ({ ms, x: scale(ms) })), endMs, scale };
}

/** "model sim-fast · fast · escalated", "tool get_ticket_status · cache". */
export function spanLabel(/** @type {StageSpan} */ span) {
  const attributes = span.attributes ?? {};
  const notes = [];
  if (typeof attributes.tier === 'string') notes.push(attributes.tier);
  if (attributes.escalated === true) notes.push('escalated');
  if (attributes.hedged === true) notes.push('hedged');
  if (typeof attributes.source === 'string' && attributes.source !== 'call') notes.push(attributes.source);
  if (attributes.ok === false || attributes.error === true) notes.push('failed');
  return [span.name, ...notes].join(' · ');
}

/** Round tick values (1, 2 or 5 × 10^k ms apart) from 0 to `endMs`, at most `maximum` + 1 of them. */
export function niceTicks(/** @type {number} */ endMs, /** @type {number} */ maximum) {
  const rough = endMs / Math.max(1, maximum);
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-3)));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const ticks = [];
  for (let ms = 0; ms <= endMs + step * 1e-9; ms += step) ticks.push(Number(ms.toPrecision(12)));
  return ticks;
}

function isDrawable(/** @type {StageSpan} */ span) {
  return Number.isFinite(span.startMs) && Number.isFinite(span.endMs) && span.endMs >= span.startMs;
}

function compareSpans(/** @type {StageSpan} */ first, /** @type {StageSpan} */ second) {
  return first.startMs - second.startMs || stageOrder.indexOf(first.stage) - stageOrder.indexOf(second.stage) || first.endMs - second.endMs;
}
