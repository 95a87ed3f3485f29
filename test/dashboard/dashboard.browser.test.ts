// The dashboard in a real browser (Debian's chromium driven by playwright-core) against the gateway
// exactly as `hotpath start` runs it — the embedded default: the demo service-desk agent over the
// in-process simulator — on a free port. The page loads without console errors and goes live, a
// question typed in "try it" streams its answer and draws its waterfall, the finished run reaches the
// recent list (live, and in the backlog a newly opened page gets) and opens its waterfall, and the page
// recovers when the gateway goes away and comes back.

import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedGatewayDefault } from '../../bin/embedded-default.js';
import { runServeCommand, type RunningGateway } from '../../src/cli/index.js';

const executablePath = '/usr/bin/chromium';
/** Half the simulator's real latencies: the answer still streams over several writes. */
const timeScale = 0.5;
const question = 'What is the status of INC-1001?';

interface DrawnBar {
  stage: string;
  x: number;
  width: number;
}

let gateway: RunningGateway;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
/** While the gateway is deliberately down, the browser's failed requests to it are expected. */
let outage = false;

async function startGateway(port = 0): Promise<RunningGateway> {
  const running = await runServeCommand({ port }, {
    embeddedDefault: (options) => embeddedGatewayDefault({ ...options, timeScale, mutationRate: 0 }),
    output: new Writable({ write: (_chunk, _encoding, done) => done() }),
    handleSignals: false,
  });
  const deadline = Date.now() + 15_000;
  while (!(await fetch(`${running.url}/readyz`).then((response) => response.ok, () => false))) {
    if (Date.now() > deadline) throw new Error('the gateway did not become ready within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return running;
}

function watchConsole(target: Page): void {
  target.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    if (outage && /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_RESET|Failed to load resource/.test(message.text())) return;
    consoleErrors.push(message.text());
  });
  target.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
}

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium`);
  [gateway, browser] = await Promise.all([
    startGateway(),
    chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] }),
  ]);
  page = await browser.newPage();
  watchConsole(page);
  await page.goto(gateway.url);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

/** The bars of a waterfall as the browser laid them out (CSS pixels). */
async function drawnBars(container: string): Promise<DrawnBar[]> {
  const groups = page.locator(`${container} svg.waterfall g.span`);
  const bars: DrawnBar[] = [];
  for (let index = 0; index < (await groups.count()); index++) {
    const group = groups.nth(index);
    const box = await group.locator('rect.bar').boundingBox();
    bars.push({ stage: (await group.getAttribute('data-stage')) ?? '', x: box?.x ?? 0, width: box?.width ?? 0 });
  }
  return bars;
}

/** Runs in the page (the root tsconfig has no DOM types): records the answer's length at every change. */
const watchAnswerScript = `(() => {
  const answer = document.getElementById('try-answer');
  window.answerLengths = [];
  new MutationObserver(() => window.answerLengths.push(answer.textContent.length)).observe(answer, { characterData: true, childList: true, subtree: true });
})()`;

describe('the dashboard page on the embedded default gateway', () => {
  it('loads, goes live and draws the first snapshot without console errors', async () => {
    await page.waitForSelector('#feed-status[data-status="live"]', { timeout: 10_000 });
    await expect.poll(() => page.textContent('[data-metric="requests"]')).toBe('0');
    expect(await page.locator('#percentile-chart g.target').count()).toBe(2);
    expect(await page.textContent('#feed-status')).toBe('Live');
    expect(await page.locator('#try-agent option').allTextContents()).toContain('service-desk');
    expect(consoleErrors).toEqual([]);
  });

  it('streams the answer to a question asked in "try it", then draws the run\'s waterfall', async () => {
    await page.evaluate(watchAnswerScript);
    await page.fill('#try-question', question);
    await page.fill('#try-user', 'u0042');
    await page.click('#try-it-form button[type="submit"]');
    await page.waitForSelector('[data-part="waterfall"][data-final="true"]', { timeout: 20_000 });

    const lengths = await page.evaluate<number[]>('window.answerLengths');
    const growth = lengths.filter((length, index) => index === 0 || length > lengths[index - 1]!);
    expect(growth.length).toBeGreaterThanOrEqual(3);
    const answer = (await page.textContent('#try-answer')) ?? '';
    expect(answer).toContain('INC-1001');
    expect(answer.length).toBe(Math.max(...lengths));

    const bars = await drawnBars('[data-part="waterfall"]');
    expect(bars.length).toBeGreaterThanOrEqual(4);
    expect(bars.every((bar) => bar.width > 0)).toBe(true);
    expect(bars.filter((bar) => bar.stage === 'model').length).toBeGreaterThanOrEqual(2);
    expect(bars.some((bar) => bar.stage === 'tool')).toBe(true);
    expect(await page.locator('[data-part="progress"] li').count()).toBeGreaterThan(3);
    expect(consoleErrors).toEqual([]);
  });

  it('lists the finished run among recent requests and opens its waterfall, parallel tool calls overlapping', async () => {
    const runId = await page.getAttribute('[data-part="waterfall"]', 'data-run-id');
    expect(runId).toBeTruthy();
    const row = page.locator(`#recent-runs-body tr[data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('td').nth(2).textContent()).toBe('u0042');

    await row.locator('button.run-open').click();
    await page.waitForSelector(`#run-detail[data-run-id="${runId}"]:not([hidden])`);
    const bars = await drawnBars('#run-detail');
    expect(bars.length).toBeGreaterThanOrEqual(4);
    expect(bars.every((bar) => bar.width > 0)).toBe(true);
    // The ticket's status and the asker's permission are looked up at the same time: two tool bars
    // cover a common stretch of the axis (a speculative lookup may run earlier, on its own).
    const tools = bars.filter((bar) => bar.stage === 'tool');
    const overlapping = tools.some((first, index) => tools.slice(index + 1).some((second) => Math.max(first.x, second.x) < Math.min(first.x + first.width, second.x + second.width)));
    expect(overlapping).toBe(true);
    // The recorded answer is the final turn's text; the stream also carried any preamble before it.
    const streamed = (await page.textContent('#try-answer')) ?? '';
    await expect.poll(() => page.textContent('#run-detail [data-field="answer"]')).toContain('INC-1001');
    expect(streamed.endsWith((await page.textContent('#run-detail [data-field="answer"]')) ?? '')).toBe(true);
    expect(await row.getAttribute('aria-current')).toBe('true');

    await expect.poll(() => page.textContent('[data-metric="requests"]')).toBe('1');
    expect(await page.textContent('[data-metric="p50"]')).not.toBe('—');
    expect(await page.textContent('[data-metric="under-3s"]')).not.toBe('—');
    expect(await page.locator('#latency-histogram rect.histogram-bar').count()).toBeGreaterThan(3);
    expect(consoleErrors).toEqual([]);
  });

  it('shows the recent runs to a page opened later', async () => {
    const runId = await page.getAttribute('[data-part="waterfall"]', 'data-run-id');
    const later = await browser.newPage();
    watchConsole(later);
    try {
      await later.goto(gateway.url);
      await later.locator(`#recent-runs-body tr[data-run-id="${runId}"]`).waitFor({ timeout: 10_000 });
    } finally {
      await later.close();
    }
    expect(consoleErrors).toEqual([]);
  });

  it('keeps recent requests newest first, runs that started in the same millisecond included', async () => {
    // The page's own table module on a detached table, fed runs that finish out of start order.
    const order = await page.evaluate<string[]>(`(async () => {
      const { createRecentRuns } = await import('/recent-runs.js');
      const body = document.createElement('table').createTBody();
      const recent = createRecentRuns({ body, onOpen: () => {}, limit: 4 });
      const run = (runId, at) => ({ runId, at, question: runId, totalMs: 100, tiers: [], spans: [] });
      for (const [runId, at] of [['a', 100], ['b', 200], ['c', 200], ['d', 150], ['e', 300], ['b', 200]]) recent.add(run(runId, at));
      return [...body.rows].map((row) => row.dataset.runId);
    })()`);
    expect(order).toEqual(['e', 'c', 'b', 'd']);
  });

  it('sends an API key given in its address: as a bearer token, and on the live feed\'s URL', async () => {
    const keyed = await browser.newPage();
    try {
      const feed = keyed.waitForRequest((request) => request.url().includes('/v1/dashboard/stream'));
      const models = keyed.waitForRequest((request) => request.url().endsWith('/v1/models'));
      await keyed.goto(`${gateway.url}/?api_key=dashboard-key-0001`);
      expect(new URL((await feed).url()).searchParams.get('api_key')).toBe('dashboard-key-0001');
      expect((await models).headers().authorization).toBe('Bearer dashboard-key-0001');
    } finally {
      await keyed.close();
    }
  });

  it('says when the gateway is away and goes live again when it is back', async () => {
    const port = Number(new URL(gateway.url).port);
    outage = true;
    await gateway.stop();
    await page.waitForSelector('#feed-status[data-status="reconnecting"]', { timeout: 10_000 });
    gateway = await startGateway(port);
    await page.waitForSelector('#feed-status[data-status="live"]', { timeout: 15_000 });
    outage = false;
    await expect.poll(() => page.textContent('[data-metric="requests"]')).toBe('0');
    expect(consoleErrors).toEqual([]);
  });
});
