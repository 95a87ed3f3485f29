import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentSummary, BenchResult } from '../run/index.js';
import { summarizeLatency } from '../stats/index.js';
import { renderLatencyChartSvg } from './latency-chart-svg.js';
import { renderMarkdownReport } from './markdown-report.js';
import { renderWaterfallSvg } from './waterfall-chart-svg.js';
import { chartPaths, writeBenchReport } from './write-bench-report.js';

function agent(name: string, latencies: number[], failed = 0): AgentSummary {
  const perRequest = latencies.map((latencyMs, index) => ({
    id: `w${index}`, kind: index % 2 === 0 ? 'ticket-status' : 'trend-analysis', complexity: index % 2 === 0 ? 'simple' as const : 'complex' as const,
    latencyMs, firstEventMs: latencyMs / 3, firstTokenMs: latencyMs / 2, score: index < failed ? 'failed' as const : 'correct' as const,
    reasons: [], ...(index < failed ? { error: 'timeout after 60000 scenario ms' } : {}), boundMs: 1500, llmCalls: 2, toolCalls: 3, cacheServed: false,
  }));
  return {
    name,
    latencyMs: summarizeLatency(latencies),
    firstTokenMs: summarizeLatency(latencies.map((value) => value / 2)),
    firstEventMs: summarizeLatency(latencies.map((value) => value / 3)),
    under3s: 0.5, under5s: 0.75,
    scores: { correct: latencies.length - failed, stale: 0, wrongEntity: 0, otherUser: 0, missingSideEffect: 0, failed },
    llmCalls: { fast: 1, powerful: 7 }, toolCalls: 12, cacheServed: 0, cacheServedByLayer: {}, boundRatio: 2.5,
    ratios: { latencyMean: 1, latencyP50: 1, latencyP95: 1, latencyP99: 1, firstTokenP50: 1, firstEventP50: 1, backendCalls: 1 },
    newConnections: 20, coldStarts: 0,
    stages: [{ stage: 'connection setup', meanMs: 600 }, { stage: 'LLM', meanMs: 3000 }, { stage: 'tool get_ticket', meanMs: 1100 }, { stage: 'agent overhead', meanMs: 12 }],
    byKind: [{ kind: 'ticket-status', complexity: 'simple', requests: 2, latencyMs: summarizeLatency(latencies.slice(0, 2)), correct: 2 }],
    versions: name === 'ai-sdk' ? { ai: '6.0.0' } : {},
    errors: failed > 0 ? [{ message: 'timeout after 60000 scenario ms', count: failed }] : [],
    perRequest,
  };
}

const result: BenchResult = {
  scenario: 'seed', timeScale: 0.5, requests: 4,
  agents: [agent('baseline', [9000, 10500, 8000, 12000], 1), agent('ai-sdk', [4000, 5200, 3900, 6100]), agent('lang<graph>', [4200, 5000, 4100, 6400])],
  seed: 7, domain: 'service-desk', arrival: { mode: 'closed', concurrency: 20 }, timeoutMs: 60000,
  models: { fast: 'sim-fast', powerful: 'sim-powerful' },
  providers: [{ name: 'primary', models: ['sim-fast', 'sim-powerful'], slowTail: { probability: 0.05, factor: 5 } }],
  percentileMethod: 'type 7', bound: { meanMs: 1500, p50Ms: 1400 }, date: '2026-01-01T00:00:00.000Z', wallSeconds: 12.3,
  machine: {
    platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'cpu', node: 'v20', loadAverage: [1, 1, 1],
    processCpuSeconds: 3.2, eventLoopDelayMs: { p50: 10.1, p99: 42, max: 120 },
  },
  waterfall: {
    requestId: 'w3', kind: 'trend-analysis', text: 'Compare "P1" & <P2> incidents',
    agents: [
      { name: 'baseline', latencyMs: 10500, firstTokenMs: 10500, score: 'correct', bars: [
        { kind: 'llm', name: 'sim-powerful', tier: 'powerful', startMs: 0, endMs: 3200, penaltyMs: 250 },
        { kind: 'tool', name: 'get_ticket', startMs: 3300, endMs: 5300, penaltyMs: 200 },
        { kind: 'tool', name: 'lookup_user', startMs: 5400, endMs: 6800, penaltyMs: 200 },
        { kind: 'llm', name: 'sim-powerful', tier: 'powerful', startMs: 6900, endMs: 10400, penaltyMs: 220 },
      ] },
      { name: 'ai-sdk', latencyMs: 5200, firstTokenMs: 3800, score: 'correct', bars: [
        { kind: 'llm', name: 'sim-powerful', tier: 'powerful', startMs: 0, endMs: 1500, penaltyMs: 0 },
        { kind: 'tool', name: 'get_ticket', startMs: 1550, endMs: 3500, penaltyMs: 0 },
        { kind: 'tool', name: 'lookup_user', startMs: 1550, endMs: 2900, penaltyMs: 0 },
      ] },
      { name: 'lang<graph>', latencyMs: 5000, firstTokenMs: null, score: 'stale', bars: [] },
    ],
  },
};

/** Checks tag balance, quoted attributes and escaped text: enough to catch broken hand-written SVG. */
function expectWellFormedXml(text: string): void {
  const stack: string[] = [];
  const tokens = text.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (token.startsWith('<')) {
      const closing = /^<\/([\w:-]+)\s*>$/.exec(token);
      const opening = /^<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
      if (closing) {
        expect(stack.pop(), `closing ${token}`).toBe(closing[1]);
      } else {
        expect(opening, `malformed tag ${token}`).not.toBeNull();
        if (opening && opening[3] !== '/') stack.push(opening[1] as string);
      }
    } else {
      expect(/&(?!(lt|gt|amp|quot|apos);)/.test(token), `raw & in "${token}"`).toBe(false);
    }
  }
  expect(stack).toEqual([]);
}

describe('latency chart', () => {
  it('is well-formed SVG with a curve per agent and the 3 s / 5 s lines', () => {
    const svg = renderLatencyChartSvg(result);
    expectWellFormedXml(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/class="cdf"/g)).toHaveLength(3);
    expect(svg).toContain('data-agent="lang&lt;graph&gt;"');
    expect(svg.match(/class="target"/g)).toHaveLength(2);
    for (const name of ['baseline', 'ai-sdk', 'lang&lt;graph&gt;']) expect(svg).toContain(`>${name}</text>`);
  });
});

describe('waterfall chart', () => {
  it('is well-formed SVG with a group per agent and a bar per call', () => {
    const svg = renderWaterfallSvg(result.waterfall);
    expectWellFormedXml(svg);
    expect(svg.match(/<g class="agent"/g)).toHaveLength(3);
    expect(svg.match(/class="bar"/g)).toHaveLength(7);
    expect(svg).toContain('Compare &quot;P1&quot; &amp; &lt;P2&gt; incidents');
    expect(svg).toContain('no backend calls');
  });

  it('says so when there is no typical request', () => {
    const svg = renderWaterfallSvg(null);
    expectWellFormedXml(svg);
    expect(svg).toContain('No request was answered by every agent');
  });
});

describe('markdown report', () => {
  const markdown = renderMarkdownReport(result, { latencyChart: 'out-latency.svg', waterfallChart: 'out-waterfall.svg', json: 'out.json' });

  it('has every table with a row per agent', () => {
    for (const heading of ['## Summary', '## First event and first token', '## Correctness', '## Backend calls', '## Where the time goes', '## Critical-path bound', '## By request kind', '## Versions']) {
      expect(markdown).toContain(heading);
    }
    for (const name of ['baseline', 'ai-sdk', 'lang<graph>']) {
      expect(markdown.split('\n').filter((line) => line.startsWith(`| ${name} |`)).length).toBeGreaterThanOrEqual(6);
    }
    expect(markdown).toContain('| baseline | 9.88 s | 9.75 s |');
    expect(markdown).toContain('| Stage | baseline | ai-sdk | lang<graph> |');
    expect(markdown).toContain('| connection setup | 600 | 600 | 600 |');
    expect(markdown).toContain('ai 6.0.0');
    expect(markdown).toContain('baseline (1×): timeout after 60000 scenario ms');
    expect(markdown).toContain('slow tail: 5.0% of calls ×5');
    expect(markdown).toContain('event-loop delay p50 10.1 ms, p99 42 ms, max 120 ms');
  });

  it('links the charts and the JSON', () => {
    expect(markdown).toContain('![Latency distribution per agent](out-latency.svg)');
    expect(markdown).toContain('![Waterfall of one typical request per agent](out-waterfall.svg)');
    expect(markdown).toContain('[out.json](out.json)');
  });
});

describe('writeBenchReport', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'hotpath-report-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes the JSON, the report and both charts beside it', async () => {
    const reportPath = path.join(directory, 'nested', 'seed.md');
    const jsonPath = path.join(directory, 'seed.json');
    const written = await writeBenchReport({ result, jsonPath, reportPath });
    expect(written).toEqual({ json: jsonPath, report: reportPath, ...chartPaths(reportPath) });
    expect(chartPaths(reportPath).latencyChart).toBe(path.join(directory, 'nested', 'seed-latency.svg'));
    expect(JSON.parse(readFileSync(jsonPath, 'utf8'))).toEqual(JSON.parse(JSON.stringify(result)));
    const markdown = readFileSync(reportPath, 'utf8');
    expect(markdown).toContain('](seed-latency.svg)');
    expect(markdown).toContain('](../seed.json)');
    expectWellFormedXml(readFileSync(written.waterfallChart as string, 'utf8'));
  });
});
