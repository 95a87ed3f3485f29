import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HotpathError } from '../util/index.js';
import { exampleConfigYaml } from './example-config.js';
import { loadGatewayConfig, parseGatewayConfig } from './load-gateway-config.js';

const directory = mkdtempSync(join(tmpdir(), 'hotpath-config-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(directory, name);
  writeFileSync(file, text);
  return file;
}

function failure(run: () => unknown): HotpathError {
  try {
    run();
  } catch (error) {
    if (HotpathError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a configuration error');
}

const minimal = {
  providers: { sim: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:9100/v1', apiKey: '${env:SIM_KEY}' } },
  models: { small: { provider: 'sim', model: 'sim-fast', tier: 'fast' }, big: { provider: 'sim', model: 'sim-powerful', tier: 'powerful', fallbacks: ['small'] } },
  agents: {
    desk: {
      instructions: 'Help. Current user: {user}',
      models: { fast: 'small', powerful: 'big' },
      toolsBaseUrl: 'http://127.0.0.1:9200',
      tools: [{ name: 'get_ticket', description: 'A ticket', method: 'get', url: '/api/tickets/{ticketId}', input: { type: 'object', properties: { ticketId: { type: 'string' } }, required: ['ticketId'] }, readOnly: true, idempotent: true }],
    },
  },
};

describe('gateway configuration', () => {
  it('an empty file gives the defaults', () => {
    const config = loadGatewayConfig(write('empty.yaml', ''));
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8700, workers: 1, bodyLimitBytes: 1_048_576 });
    expect(config.auth.anonymousLoopback).toBe(true);
    expect(config.cache.store).toBe('memory');
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('reads JSON and YAML alike, interpolates ${env:NAME} and applies defaults inside sections', () => {
    const json = loadGatewayConfig(write('minimal.json', JSON.stringify(minimal)), { env: { SIM_KEY: 'k-123' } });
    expect(json.providers.sim).toMatchObject({ apiKey: 'k-123', connections: 16, retries: 2 });
    expect(json.agents.desk!.tools[0]!.method).toBe('GET');
    expect(json.agents.desk!.maxSteps).toBe(8);
    const yaml = loadGatewayConfig(write('minimal.yaml', 'providers:\n  sim: { type: openai-compatible, baseURL: "${env:BASE:-http://127.0.0.1:1/v1}" }\n'), { env: {} });
    expect(yaml.providers.sim!.baseURL).toBe('http://127.0.0.1:1/v1');
  });

  it('names the file, the field and the variable when one is missing', () => {
    const error = failure(() => loadGatewayConfig(write('missing-env.json', JSON.stringify(minimal)), { env: {} }));
    expect(error.code).toBe('HOTPATH_INVALID_CONFIG');
    expect(error.message).toContain('missing-env.json');
    expect(error.message).toContain('providers.sim.apiKey');
    expect(error.message).toContain('SIM_KEY');
  });

  it('names the bad field and the file for a wrong type, an unknown option and a dangling reference', () => {
    const port = failure(() => parseGatewayConfig({ server: { port: 'eighty' } }, { source: 'gw.yaml' }));
    expect(port.message).toMatch(/^gw\.yaml: server\.port: /);
    const typo = failure(() => parseGatewayConfig({ server: { prot: 80 } }, { source: 'gw.yaml' }));
    expect(typo.message).toContain('server.prot: is not a known option');
    const dangling = failure(() => parseGatewayConfig({ ...minimal, models: { big: { provider: 'nowhere' } } }, { source: 'gw.yaml', env: { SIM_KEY: 'k' } }));
    expect(dangling.message).toContain('models.big.provider');
    expect(dangling.message).toContain('agents.desk.models.fast');
    const badTool = failure(() => parseGatewayConfig({
      ...minimal,
      agents: { desk: { ...minimal.agents.desk, tools: [{ ...minimal.agents.desk.tools[0], url: '/api/tickets/{ticket}' }] } },
    }, { source: 'gw.yaml', env: { SIM_KEY: 'k' } }));
    expect(badTool.message).toContain('gw.yaml: agents.desk.tools[0].url');
    expect(badTool.message).toContain("'ticket'");
  });

  it('refuses reserved names, repeated keys and a hedge without a fallback', () => {
    const reserved = failure(() => parseGatewayConfig({ providers: minimal.providers, models: { auto: { provider: 'sim' } } }, { env: { SIM_KEY: 'k' } }));
    expect(reserved.message).toContain('models.auto');
    const keys = failure(() => parseGatewayConfig({ auth: { keys: [{ key: 'same-key-123', tenant: 'a' }, { key: 'same-key-123', tenant: 'b' }] } }));
    expect(keys.message).toContain('auth.keys[1].key');
    const hedge = failure(() => parseGatewayConfig({ providers: minimal.providers, models: { big: { provider: 'sim', hedgeAfterMs: 100 } } }, { env: { SIM_KEY: 'k' } }));
    expect(hedge.message).toContain('models.big.hedgeAfterMs');
  });

  it('reports unreadable files, unknown formats and syntax errors with the file name', () => {
    expect(failure(() => loadGatewayConfig(join(directory, 'absent.yaml'))).message).toContain('absent.yaml: cannot be read');
    expect(failure(() => loadGatewayConfig(write('config.toml', 'a = 1'))).message).toContain('unknown format ".toml"');
    expect(failure(() => loadGatewayConfig(write('broken.json', '{ "server": '))).message).toMatch(/broken\.json: is not valid JSON/);
    expect(failure(() => loadGatewayConfig(write('list.yaml', '- a\n- b\n'))).message).toContain('must hold an object');
  });

  it('the example `hotpath init` writes is a valid configuration', () => {
    const config = loadGatewayConfig(write('hotpath.yaml', exampleConfigYaml), { env: {} });
    expect(Object.keys(config.agents)).toEqual(['service-desk']);
    expect(config.models['gpt-4o']).toMatchObject({ tier: 'powerful', fallbacks: ['claude-sonnet'], hedgeAfterMs: 2500 });
    expect(config.auth.keys.map((key) => key.tenant)).toEqual(['acme', 'globex']);
  });
});
