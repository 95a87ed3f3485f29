import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultSimulatorConfig, parseSimulatorConfig } from '../../sim/index.js';
import { HotpathError } from '../../src/index.js';
import { applyScenarioOverrides } from './apply-scenario-overrides.js';
import { loadScenario } from './load-scenario.js';
import { modelsByTier } from './models-by-tier.js';

const directory = mkdtempSync(path.join(tmpdir(), 'hotpath-scenarios-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeScenario(name: string, text: string): string {
  const file = path.join(directory, name);
  writeFileSync(file, text);
  return file;
}

function loadError(nameOrPath: string): HotpathError {
  try {
    loadScenario(nameOrPath, { directory });
  } catch (error) {
    if (HotpathError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('loadScenario', () => {
  it.each(['seed', 'seed-heavy-tail', 'tau-retail'])('loads the shipped scenario %s', (name) => {
    const scenario = loadScenario(name);
    expect(scenario.name).toBe(name);
    expect(scenario.file.endsWith(`scenarios/${name}.yaml`)).toBe(true);
    expect(modelsByTier(scenario.simulator)).toEqual({ fast: 'sim-fast', powerful: 'sim-powerful' });
    expect(scenario.simulator.mutations.ratePerSecond).toBe(0.5);
  });

  it.each(['seed', 'seed-heavy-tail', 'tau-retail'])('%s uses the calibrated default models, connection setup and tool latencies', (name) => {
    const calibrated = parseSimulatorConfig(defaultSimulatorConfig);
    const { simulator } = loadScenario(name);
    expect(simulator.models).toEqual(calibrated.models);
    expect(simulator.connectionSetupMs).toEqual(calibrated.connectionSetupMs);
    expect(simulator.tools).toEqual(calibrated.tools);
  });

  it('ships a heavy-tailed primary and a steady replica', () => {
    const { simulator } = loadScenario('seed-heavy-tail');
    expect(simulator.providers.map((provider) => [provider.name, provider.slowTail])).toEqual([
      ['primary', { probability: 0.05, factor: 5 }],
      ['replica', undefined],
    ]);
    expect(loadScenario('tau-retail').simulator.domain).toBe('tau-retail');
  });

  it('fills workload defaults and resolves a path as well as a name', () => {
    const file = writeScenario('minimal.yaml', 'name: minimal\n');
    const byPath = loadScenario(file);
    const byName = loadScenario('minimal', { directory });
    expect(byPath.workload).toEqual(byName.workload);
    expect(byPath.workload.arrival).toEqual({ mode: 'closed', concurrency: 10 });
    expect(byPath.simulator.models['sim-powerful']?.tier).toBe('powerful');
  });

  it('reads JSON scenarios too', () => {
    const file = writeScenario('open.json', JSON.stringify({ name: 'open', workload: { arrival: { mode: 'open', ratePerSecond: 4 } } }));
    expect(loadScenario(file).workload.arrival).toEqual({ mode: 'open', ratePerSecond: 4 });
  });

  it('names the file and the field of a wrong type', () => {
    writeScenario('x.yaml', 'name: x\nworkload:\n  arrival: { mode: closed, concurrency: -2 }\n');
    const error = loadError('x');
    expect(error.code).toBe('HOTPATH_INVALID_CONFIG');
    expect(error.message).toMatch(/x\.yaml: workload\.arrival\.concurrency: expected a positive integer/);
  });

  it('names an unknown field', () => {
    writeScenario('unknown.yaml', 'name: u\nworkload:\n  requets: 10\n');
    expect(loadError('unknown').message).toMatch(/unknown\.yaml: workload\.requets: unknown field/);
  });

  it('rejects a string where a number belongs', () => {
    writeScenario('string.yaml', 'name: s\nworkload:\n  requests: many\n');
    expect(loadError('string').message).toMatch(/string\.yaml: workload\.requests: expected a positive integer/);
  });

  it('rejects a provider serving an unknown model', () => {
    writeScenario('model.yaml', [
      'name: m',
      'simulator:',
      '  models:',
      '    sim-fast: { tier: fast, ttftMs: { p50: 400, p95: 700 }, msPerOutputToken: { p50: 7, p95: 10 } }',
      '    sim-powerful: { tier: powerful, ttftMs: { p50: 900, p95: 1500 }, msPerOutputToken: { p50: 16, p95: 24 } }',
      '  providers:',
      '    - { name: primary, models: [sim-fast, sim-powerfull] }',
      '',
    ].join('\n'));
    expect(loadError('model').message).toMatch(/model\.yaml: simulator\.providers\[0\]\.models\[1\]: unknown model "sim-powerfull"/);
  });

  it('rejects a scenario without a model of each tier', () => {
    writeScenario('tier.yaml', [
      'name: t',
      'simulator:',
      '  models:',
      '    sim-fast: { tier: fast, ttftMs: { p50: 400, p95: 700 }, msPerOutputToken: { p50: 7, p95: 10 } }',
      '  providers:',
      '    - { name: primary, models: [sim-fast] }',
      '',
    ].join('\n'));
    expect(loadError('tier').message).toMatch(/tier\.yaml: simulator\.models: needs a model of tier "powerful"/);
  });

  it('reports a missing file by the paths it tried', () => {
    const error = loadError('nowhere');
    expect(error.message).toMatch(/scenario "nowhere" not found: .*nowhere\.yaml/);
    expect(() => loadScenario(path.join(directory, 'missing.yaml'))).toThrow(/missing\.yaml does not exist/);
  });

  it('reports unparseable YAML', () => {
    writeScenario('broken.yaml', 'name: [unclosed\n');
    expect(loadError('broken').message).toMatch(/broken\.yaml: cannot parse/);
  });
});

describe('applyScenarioOverrides', () => {
  const scenario = loadScenario('seed');

  it('overrides requests, arrival, time scale and seed without touching the original', () => {
    const closed = applyScenarioOverrides(scenario, { requests: 12, concurrency: 3, timeScale: 0.05, seed: 11 });
    expect(closed.workload.requests).toBe(12);
    expect(closed.workload.arrival).toEqual({ mode: 'closed', concurrency: 3 });
    expect(closed.simulator.timeScale).toBe(0.05);
    expect(closed.simulator.seed).toBe(11);
    expect(scenario.workload.requests).toBe(500);

    const open = applyScenarioOverrides(scenario, { concurrency: 3, ratePerSecond: 2 });
    expect(open.workload.arrival).toEqual({ mode: 'open', ratePerSecond: 2 });
  });

  it('names the bad option', () => {
    expect(() => applyScenarioOverrides(scenario, { requests: 0 })).toThrow(/requests: expected a positive integer/);
    expect(() => applyScenarioOverrides(scenario, { concurrency: 2.5 })).toThrow(/concurrency: expected a positive integer/);
    expect(() => applyScenarioOverrides(scenario, { timeScale: Number.NaN })).toThrow(/timeScale: expected a positive number/);
  });
});
