import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../sim/index.js';
import { createFakeDomain, startFakeSimulator, type FakeSimulator } from '../testing/index.js';
import { runBenchCommand } from './bench-command.js';
import { runDemoCommand } from './demo-command.js';
import { textWaterfall } from './text-waterfall.js';

let simulator: FakeSimulator;
const directory = mkdtempSync(path.join(tmpdir(), 'hotpath-cli-'));
// The fake domain has its own kinds: a scenario without a mix.
const scenarioFile = path.join(directory, 'fake.yaml');
writeFileSync(scenarioFile, 'name: fake\n');
beforeAll(async () => {
  const domain = createFakeDomain();
  for (let ticket = 0; ticket < 300; ticket++) domain.world.setHistory(`ticket:T${ticket}`, 'status', [{ value: 'open', from: 0, to: null, namespace: null }]);
  simulator = await startFakeSimulator({ domain, modelDelayMs: 5, toolDelayMs: 10 });
});
afterAll(async () => {
  await simulator.close();
  rmSync(directory, { recursive: true, force: true });
});

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('runBenchCommand', () => {
  it('runs, prints a summary and writes the JSON, the report and its charts', async () => {
    const stdout = capture();
    const json = path.join(directory, 'out.json');
    const report = path.join(directory, 'out.md');
    const result = await runBenchCommand(
      { scenario: scenarioFile, agents: 'baseline, ai-sdk', requests: 4, concurrency: 2, json, report, progress: false },
      { simulator, stdout: stdout.stream },
    );
    expect(result?.agents.map((agent) => agent.name)).toEqual(['baseline', 'ai-sdk']);
    expect(result?.requests).toBe(4);
    expect(stdout.text()).toMatch(/baseline .*4\/4/);
    expect(stdout.text()).toContain(`wrote ${path.join(directory, 'out-waterfall.svg')}`);
    expect(JSON.parse(readFileSync(json, 'utf8')).agents).toHaveLength(2);
    expect(readFileSync(report, 'utf8')).toContain('![Latency distribution per agent](out-latency.svg)');
    expect(readFileSync(path.join(directory, 'out-latency.svg'), 'utf8')).toContain('data-agent="ai-sdk"');
  });

  it('reports bad options in one line and sets a failing exit code', async () => {
    const stderr = capture();
    try {
      const result = await runBenchCommand(
        { scenario: scenarioFile, agents: 'baseline,unknown', requests: 2 },
        { simulator, stderr: stderr.stream as unknown as NodeJS.WriteStream },
      );
      expect(result).toBeUndefined();
      expect(stderr.text()).toMatch(/^hotpath bench: agents: unknown agent "unknown"/);
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = 0;
    }
  });
});

describe('runDemoCommand', () => {
  it('answers one status request through the baseline agent and prints its timing', async () => {
    const output = capture();
    const outcome = await runDemoCommand({ simulator, output: output.stream });
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toMatch(/T\d+: status open\./);
    const text = output.text();
    expect(text).toMatch(/Request w\d+ from u\d+: "What's the status of T\d+\?"/);
    expect(text).toMatch(/Answer: .*status open/);
    expect(text).toMatch(/LLM fake-powerful .*new connection \+200 ms/);
    expect(text).toMatch(/tool get_ticket /);
    expect(text).toMatch(/first token: \d+ ms; backend calls: 3 \(3 on new connections\)/);
  });
});

describe('textWaterfall', () => {
  it('draws one line per call in start order, scaled to the request', () => {
    const call = (overrides: Partial<CallRecord>): CallRecord => ({
      kind: 'tool', requestId: 'w1#a', key: 'w1', namespace: 'a', name: 'get_ticket', startedAt: 0, endedAt: 0, status: 200,
      connectionPenaltyMs: 0, coldStartMs: 0, ...overrides,
    });
    const lines = textWaterfall({
      startedAt: 1000, endedAt: 1100, timeScale: 0.1, width: 10,
      calls: [
        call({ name: 'lookup_user', startedAt: 1050, endedAt: 1100 }),
        call({ kind: 'llm', name: 'sim-powerful', startedAt: 1000, endedAt: 1050, connectionPenaltyMs: 200 }),
      ],
    });
    expect(lines[0]).toContain('LLM sim-powerful');
    expect(lines[0]).toContain('0 →    500 ms  |█████     |  new connection +200 ms');
    expect(lines[1]).toContain('tool lookup_user');
    expect(lines[1]).toContain('|     █████|');
    expect(lines[2]).toMatch(/answer .* 1000 ms/);
  });
});
