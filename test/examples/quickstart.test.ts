import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSimulatorConfig, startSimulator, type Simulator } from '../../sim/index.js';

// The README's library example runs as written against the simulator.

const run = promisify(execFile);
const example = new URL('../../examples/quickstart.ts', import.meta.url);
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ config: { ...defaultSimulatorConfig, timeScale: 0.05, mutations: { ratePerSecond: 0 } } });
});

afterAll(async () => {
  await sim?.close();
});

describe('examples/quickstart.ts', () => {
  it('is the example the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const code = readFileSync(example, 'utf8').trim();
    expect(readme).toContain(code);
  });

  it('streams progress and an answer with the ticket\'s status from the simulator', async () => {
    const ticket = sim.domain.world.get('default', 'ticket:INC-6715');
    expect(ticket).toBeDefined();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', example.pathname], {
      env: { ...process.env, LLM_URL: `${sim.providers[0]!.url}/v1`, TOOLS_URL: sim.toolsUrl },
      timeout: 60_000,
    });
    expect(stdout).toContain('looking up INC-6715…');
    expect(stdout).toContain(`INC-6715 is ${String(ticket!.status)}`);
    expect(stdout).toMatch(/\(\d+ ms\)/);
  });
});
