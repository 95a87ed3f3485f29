// The dashboard in a real browser (Debian's chromium driven by playwright-core) against a gateway on a
// free port: the page loads without console errors and goes live, a question typed in "try it" streams
// its answer and draws its waterfall, the finished run reaches the recent list and opens its waterfall,
// and the page recovers when the gateway goes away and comes back.

import { existsSync } from 'node:fs';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandInGateway, type StandInGateway } from './stand-in-gateway.js';

const executablePath = '/usr/bin/chromium';

interface DrawnBar {
  stage: string;
  label: string;
  x: number;
  width: number;
}

let gateway: StandInGateway;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];
/** While the gateway is deliberately down, failed requests to it are expected. */
let outage = false;

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install -y chromium`);
  gateway = await startStandInGateway();
  browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage();
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    if (outage && /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE|Failed to load resource/.test(message.text())) return;
    consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.goto(gateway.url);
});

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
});

/** The bars of a waterfall as the browser laid them out (CSS pixels). */
async function drawnBars(container: string): Promise<DrawnBar[]> {
  const groups = page.locator(`${container} svg.waterfall g.span`);
  const bars: DrawnBar[] = [];
  for (let index = 0; index < (await groups.count()); index++) {
    const group = groups.nth(index);
    const box = await group.locator('rect.bar').boundingBox();
    bars.push({ stage: (await group.getAttribute('data-stage')) ?? '', label: (await group.locator('.span-label').textContent()) ?? '', x: box?.x ?? 0, width: box?.width ?? 0 });
  }
  return bars;
}

/** Runs in the page (the root tsconfig has no DOM types): records the answer's length at every change. */
const watchAnswerScript = `(() => {
  const answer = document.getElementById('try-answer');
  window.answerLengths = [];
  new MutationObserver(() => window.answerLengths.push(answer.textContent.length)).observe(answer, { characterData: true, childList: true, subtree: true });
})()`;

describe('the dashboard page', () => {
  it('loads, goes live and draws the first snapshot without console errors', async () => {
    await page.waitForSelector('#feed-status[data-status="live"]', { timeout: 10_000 });
    await expect.poll(() => page.textContent('[data-metric="requests"]')).not.toBe('—');
    expect(await page.locator('#percentile-chart g.target').count()).toBe(2);
    expect(await page.textContent('#feed-status')).toBe('Live');
    expect(consoleErrors).toEqual([]);
  });

  it('streams the answer to a question asked in "try it" and then draws its waterfall', async () => {
    await page.evaluate(watchAnswerScript);
    await page.fill('#try-question', 'What is the status of INC-4821?');
    await page.click('#try-it-form button[type="submit"]');
    await page.waitForSelector('[data-part="waterfall"][data-final="true"]', { timeout: 20_000 });

    const lengths = await page.evaluate<number[]>('window.answerLengths');
    const growth = lengths.filter((length, index) => index === 0 || length > lengths[index - 1]!);
    expect(growth.length).toBeGreaterThanOrEqual(3);
    const answer = (await page.textContent('#try-answer')) ?? '';
    expect(answer.length).toBe(Math.max(...lengths));
    expect(answer.length).toBeGreaterThan(10);

    const bars = await drawnBars('[data-part="waterfall"]');
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(bars.every((bar) => bar.width > 0)).toBe(true);
    expect(bars.some((bar) => bar.stage === 'model')).toBe(true);
    expect(await page.locator('[data-part="progress"] li').count()).toBeGreaterThan(2);
    expect(consoleErrors).toEqual([]);
  });

  it('lists the finished run among recent requests and opens its waterfall with parallel tool calls overlapping', async () => {
    const runId = await page.getAttribute('[data-part="waterfall"]', 'data-run-id');
    expect(runId).toBeTruthy();
    const row = page.locator(`#recent-runs-body tr[data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('button.run-open').textContent()).toBe('What is the status of INC-4821?');

    await row.locator('button.run-open').click();
    await page.waitForSelector(`#run-detail[data-run-id="${runId}"]:not([hidden])`);
    const bars = await drawnBars('#run-detail');
    expect(bars.length).toBeGreaterThanOrEqual(3);
    expect(bars.every((bar) => bar.width > 0)).toBe(true);
    const tools = bars.filter((bar) => bar.stage === 'tool');
    expect(tools.length).toBeGreaterThanOrEqual(2);
    const latestStart = Math.max(...tools.map((bar) => bar.x));
    const earliestEnd = Math.min(...tools.map((bar) => bar.x + bar.width));
    expect(latestStart).toBeLessThan(earliestEnd);
    expect(await row.getAttribute('aria-current')).toBe('true');
    expect(consoleErrors).toEqual([]);
  });

  it('says when the gateway is away and goes live again when it is back', async () => {
    const { port } = gateway;
    outage = true;
    await gateway.close();
    await page.waitForSelector('#feed-status[data-status="reconnecting"]', { timeout: 10_000 });
    gateway = await startStandInGateway({ port });
    await page.waitForSelector('#feed-status[data-status="live"]', { timeout: 15_000 });
    outage = false;
    await expect.poll(() => page.textContent('[data-metric="requests"]')).toBe('0');
    expect(consoleErrors).toEqual([]);
  });
});
