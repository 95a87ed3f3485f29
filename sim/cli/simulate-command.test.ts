import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatorConfigError } from '../config/index.js';
import type { Simulator } from '../simulator.js';
import { resolveSimulatorConfig, runSimulateCommand } from './simulate-command.js';

describe('hotpath simulate', () => {
  it('reads the simulator section of a scenario and applies the command-line overrides', () => {
    const directory = mkdtempSync(join(tmpdir(), 'hotpath-sim-'));
    const file = join(directory, 'custom.yaml');
    writeFileSync(file, [
      'name: custom',
      'simulator:',
      '  seed: 3',
      '  domain: tau-retail',
      '  models:',
      '    m: { tier: fast, ttftMs: { p50: 100, p95: 200 }, msPerOutputToken: { p50: 5, p95: 8 } }',
      '  providers:',
      '    - { name: one, models: [m] }',
      '    - { name: two, models: [m] }',
    ].join('\n'));
    const config = resolveSimulatorConfig({ scenario: file, timeScale: 0.5, seed: '11', port: 4100, webhook: ['http://127.0.0.1:9/hook'], redis: 'redis://127.0.0.1:6379', mutationRate: 2 });
    expect(config).toMatchObject({
      seed: 11, timeScale: 0.5, domain: 'tau-retail',
      providers: [{ name: 'one', port: 4100 }, { name: 'two', port: 4101 }],
      tools: { port: 4102 },
      mutations: { ratePerSecond: 2, webhookUrls: ['http://127.0.0.1:9/hook'], redisUrl: 'redis://127.0.0.1:6379' },
    });
    expect(resolveSimulatorConfig({ scenario: file }).seed).toBe(3);
    // The scenarios shipped with the repository parse too.
    expect(resolveSimulatorConfig({ scenario: 'tau-retail' }).domain).toBe('tau-retail');
  });

  it('falls back to the default configuration for a scenario name without a file, and names bad options', () => {
    const config = resolveSimulatorConfig({ scenario: 'no-such-scenario' });
    expect(config.domain).toBe('service-desk');
    expect(config.tools.byName.get_ticket_status?.latencyMs).toEqual({ p50: 1200, p95: 2200 });
    expect(() => resolveSimulatorConfig({ scenario: './missing.yaml' })).toThrow(SimulatorConfigError);
    expect(() => resolveSimulatorConfig({ scenario: 'no-such-scenario', timeScale: -1 })).toThrow(/--time-scale/);
    expect(() => resolveSimulatorConfig({ scenario: 'no-such-scenario', port: 1.5 })).toThrow(/--port/);
    expect(() => resolveSimulatorConfig({ scenario: 'no-such-scenario', webhook: ['not a url'] })).toThrow(/webhookUrls/);
  });

  it('prints the provider and tool URLs, serves until stopped, then closes', async () => {
    const lines: string[] = [];
    const controller = new AbortController();
    let started: Simulator | undefined;
    const running = runSimulateCommand(
      { scenario: 'no-such-scenario', timeScale: 0.01, mutationRate: 0 },
      { log: (line) => lines.push(line), signal: controller.signal, onStarted: (simulator) => (started = simulator) },
    );
    while (!started) await new Promise((resolve) => setTimeout(resolve, 10));
    const response = await fetch(`${started.toolsUrl}/api/users/u0001`);
    expect(response.status).toBe(200);
    await response.text();
    controller.abort();
    await running;
    expect(lines.some((line) => line.includes(`tools: ${started!.toolsUrl}`))).toBe(true);
    expect(lines.some((line) => line.includes(`${started!.providers[0]!.url}/v1`))).toBe(true);
    expect(lines.at(-1)).toBe('hotpath simulator stopped');
    await expect(fetch(`${started.toolsUrl}/api/users/u0001`)).rejects.toThrow();
  });
});
