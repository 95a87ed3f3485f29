// @ts-check
// "Try it": sends a question to the agent's streaming endpoint and shows the run as it happens —
// progress, model and tool calls (a live waterfall drawn from the events), the answer as it streams —
// then the run's own waterfall from its recorded spans.

import { authHeaders } from './endpoints.js';
import { formatMs } from './format.js';
import { normalizeRun } from './normalize.js';
import { createSseParser } from './sse-parser.js';
import { renderWaterfall } from './waterfall.js';

/** @typedef {import('../dashboard-types.js').AgentEvent} AgentEvent */
/** @typedef {import('../dashboard-types.js').StageSpan} StageSpan */

/**
 * @param {object} options
 * @param {HTMLFormElement} options.form holds the question, user, agent and output elements
 * @param {(agent: string) => string} options.runUrl the agent's streaming endpoint
 * @param {(runId: string, question: string) => void} [options.onStart] told each run's id as it starts
 */
export function createTryIt({ form, runUrl, onStart }) {
  const element = (/** @type {string} */ name) => /** @type {HTMLElement} */ (form.querySelector(`[data-part="${name}"]`));
  const question = /** @type {HTMLTextAreaElement} */ (form.elements.namedItem('question'));
  const user = /** @type {HTMLInputElement} */ (form.elements.namedItem('user'));
  const agent = /** @type {HTMLSelectElement} */ (form.elements.namedItem('agent'));
  const submit = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  const cancel = /** @type {HTMLButtonElement} */ (form.querySelector('button[data-part="cancel"]'));
  /** @type {AbortController | undefined} */
  let running;

  cancel.addEventListener('click', () => running?.abort());
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) form.requestSubmit();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = question.value.trim();
    if (text === '' || running) return;
    const controller = new AbortController();
    running = controller;
    submit.disabled = true;
    cancel.hidden = false;
    runQuestion({ text, user: user.value.trim(), agent: agent.value || 'hotpath', signal: controller.signal })
      .finally(() => {
        running = undefined;
        submit.disabled = false;
        cancel.hidden = true;
      });
  });

  /** @param {{ text: string, user: string, agent: string, signal: AbortSignal }} request */
  async function runQuestion({ text, user: userId, agent: agentName, signal }) {
    const view = createRunView({
      progress: element('progress'), answer: element('answer'), summary: element('summary'), waterfall: element('waterfall'), question: text,
      onRunStart: (runId) => onStart?.(runId, text),
    });
    try {
      const response = await fetch(runUrl(agentName), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...authHeaders() },
        body: JSON.stringify({ input: text, stream: true, ...(userId === '' ? {} : { user: userId }) }),
        signal,
      });
      if (!response.ok || !response.body) {
        view.fail(await errorMessage(response));
        return;
      }
      const parser = createSseParser(({ event, data }) => {
        if (data === '[DONE]') return;
        let parsed;
        try {
          parsed = JSON.parse(data);
        } catch {
          return;
        }
        const typed = typeof parsed?.type === 'string' ? parsed : { ...parsed, type: event };
        view.handle(/** @type {AgentEvent} */ (typed));
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        parser.feed(value);
      }
      parser.end();
      view.finish();
    } catch (error) {
      view.fail(signal.aborted ? 'Cancelled.' : `The gateway could not be reached (${error instanceof Error ? error.message : String(error)}).`);
    }
  }
}

/** The OpenAI-shaped error body's message, or the status line. */
async function errorMessage(/** @type {Response} */ response) {
  try {
    const body = await response.json();
    const message = body?.error?.message ?? body?.message;
    if (typeof message === 'string') return `${response.status}: ${message}`;
  } catch {
    // not JSON: fall through to the status line
  }
  return `The gateway answered ${response.status} ${response.statusText}.`;
}

/**
 * The output of one run: a progress log, the streaming answer, a live waterfall, the final summary.
 * @param {{ progress: HTMLElement, answer: HTMLElement, summary: HTMLElement, waterfall: HTMLElement, question: string, onRunStart(runId: string): void }} parts
 */
function createRunView({ progress, answer, summary, waterfall, question, onRunStart }) {
  const startedAt = performance.now();
  const elapsed = () => performance.now() - startedAt;
  /** @type {Map<string, StageSpan>} spans under way or done, from the events (the live waterfall) */
  const liveSpans = new Map();
  let runId = '';
  let finished = false;
  // A turn that ends in tool calls may say something first; a later turn's answer starts a new paragraph.
  let step = 0;
  /** @type {number | undefined} */
  let textStep;
  let failed = false;
  let redrawQueued = false;
  const answerText = document.createTextNode('');

  progress.replaceChildren();
  answer.replaceChildren(answerText);
  answer.setAttribute('aria-busy', 'true');
  delete answer.dataset.error;
  summary.textContent = 'Running…';
  waterfall.replaceChildren();
  delete waterfall.dataset.final;

  const log = (/** @type {string} */ text, /** @type {string} */ kind) => {
    const item = document.createElement('li');
    item.dataset.kind = kind;
    const time = document.createElement('span');
    time.className = 'offset';
    time.textContent = `+${formatMs(elapsed())}`;
    item.append(time, ` ${text}`);
    progress.append(item);
  };

  const redrawLive = () => {
    if (redrawQueued || finished) return;
    redrawQueued = true;
    requestAnimationFrame(() => {
      redrawQueued = false;
      if (finished) return;
      const now = elapsed();
      const spans = [...liveSpans.values()].map((span) => (Number.isNaN(span.endMs) ? { ...span, endMs: now } : span));
      renderWaterfall(waterfall, { spans, totalMs: now, title: `Live waterfall of "${question}"` });
    });
  };

  const open = (/** @type {string} */ key, /** @type {StageSpan} */ span) => {
    liveSpans.set(key, span);
    redrawLive();
  };
  const close = (/** @type {string} */ key, /** @type {Record<string, string | number | boolean>} */ attributes = {}) => {
    const span = liveSpans.get(key);
    if (span) liveSpans.set(key, { ...span, endMs: elapsed(), attributes: { ...span.attributes, ...attributes } });
    redrawLive();
  };

  return {
    handle(/** @type {AgentEvent} */ event) {
      switch (event.type) {
        case 'run-start':
          runId = event.runId;
          onRunStart(runId);
          log('run started', 'run');
          break;
        case 'progress':
          log(event.message, 'progress');
          break;
        case 'cache-hit':
          log(`answered from the ${event.layer} cache`, 'cache');
          open(`cache-${event.layer}`, { stage: 'cache', name: `cache ${event.layer} hit`, startMs: elapsed(), endMs: elapsed() });
          break;
        case 'model-call-start':
          step = event.step;
          log(`model ${event.model}${event.tier ? ` (${event.tier})` : ''}, step ${event.step + 1}`, 'model');
          open(`model-${event.step}-${event.model}`, { stage: 'model', name: `model ${event.model}`, startMs: elapsed(), endMs: Number.NaN, attributes: event.tier ? { tier: event.tier } : {} });
          break;
        case 'model-call-end':
          log(`model ${event.model} done in ${formatMs(event.totalMs)}${event.ttftMs === undefined ? '' : `, first token after ${formatMs(event.ttftMs)}`}`, 'model');
          close(`model-${event.step}-${event.model}`, event.ttftMs === undefined ? {} : { ttftMs: event.ttftMs });
          break;
        case 'tool-call-start':
          log(`calling ${event.toolName}`, 'tool');
          open(`tool-${event.callId}`, { stage: 'tool', name: `tool ${event.toolName}`, startMs: elapsed(), endMs: Number.NaN });
          break;
        case 'tool-call-end':
          log(`${event.toolName} ${event.error ? `failed (${event.error.code})` : 'done'} in ${formatMs(event.durationMs)}${event.source && event.source !== 'call' ? ` from ${event.source}` : ''}`, event.error ? 'error' : 'tool');
          close(`tool-${event.callId}`, event.error ? { ok: false } : event.source ? { source: event.source } : {});
          break;
        case 'text-delta':
          if (event.delta === '') break;
          if (textStep !== undefined && textStep !== step) answerText.appendData('\n\n');
          textStep = step;
          answerText.appendData(event.delta);
          break;
        case 'run-finish':
          finished = true;
          drawFinal(event.result);
          break;
        case 'error':
          this.fail(`${event.error.code}: ${event.error.message}`);
          break;
        default:
          break;
      }
    },
    /** The stream ended. */
    finish() {
      answer.setAttribute('aria-busy', 'false');
      if (!finished && !failed) this.fail('The stream ended before the run finished.');
    },
    fail(/** @type {string} */ message) {
      failed = true;
      answer.setAttribute('aria-busy', 'false');
      answer.dataset.error = 'true';
      summary.textContent = message;
      log(message, 'error');
    },
  };

  /** @param {import('../dashboard-types.js').RunResult} result */
  function drawFinal(result) {
    const run = normalizeRun(result);
    if (!run) return;
    runId = run.runId;
    if (answerText.data === '' && run.text) answerText.data = run.text;
    answer.setAttribute('aria-busy', 'false');
    log(`answered in ${formatMs(run.totalMs)}`, 'run');
    summary.textContent = [
      `Answered in ${formatMs(run.totalMs)}`,
      run.firstTokenMs === undefined ? undefined : `first token after ${formatMs(run.firstTokenMs)}`,
      run.cacheLayer ? `${run.cacheLayer} cache hit` : undefined,
      run.tiers.length > 0 ? `models: ${run.tiers.join(' → ')}` : undefined,
    ].filter(Boolean).join(' · ');
    renderWaterfall(waterfall, { spans: run.spans, totalMs: run.totalMs, firstTokenMs: run.firstTokenMs, title: `Waterfall of "${question}"` });
    waterfall.dataset.final = 'true';
    waterfall.dataset.runId = run.runId;
  }
}
