import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleConfigYaml } from '../config/index.js';
import { runInitCommand } from './init-command.js';
import { runServeCommand, type EmbeddedGatewayDefault } from './serve-command.js';

const directory = mkdtempSync(join(tmpdir(), 'hotpath-cli-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function capture() {
  const output = new PassThrough();
  let text = '';
  output.on('data', (part: Buffer) => (text += part.toString()));
  return { output, text: () => text };
}

describe('hotpath init', () => {
  it('writes the example configuration and never overwrites without --force', () => {
    const file = join(directory, 'hotpath.yaml');
    const { output, text } = capture();
    expect(runInitCommand({ file, output })).toBe(file);
    expect(readFileSync(file, 'utf8')).toBe(exampleConfigYaml);
    expect(text()).toContain('hotpath serve --config');
    writeFileSync(file, 'mine');
    expect(() => runInitCommand({ file, output })).toThrow(/exists already; use --force/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    runInitCommand({ file, output, force: true });
    expect(readFileSync(file, 'utf8')).toBe(exampleConfigYaml);
  });
});

describe('hotpath serve', () => {
  it('runs on a configuration file, with --port overriding it, and stops', async () => {
    const file = join(directory, 'gateway.json');
    writeFileSync(file, JSON.stringify({ server: { port: 1 }, providers: { up: { type: 'openai-compatible', baseURL: 'http://127.0.0.1:9/v1' } }, models: { m: { provider: 'up', warm: false } } }));
    const { output, text } = capture();
    const running = await runServeCommand({ config: file, port: 0 }, { output, handleSignals: false });
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(running.url.endsWith(':1')).toBe(false);
      expect(((await (await fetch(`${running.url}/healthz`)).json()) as { status: string }).status).toBe('ok');
      expect(text()).toContain(`listening on ${running.url}`);
      expect(text()).toContain('"model":"m"');
    } finally {
      await running.stop();
    }
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
  });

  it('without --config runs the embedded default it is given, connects its webhook and closes it on stop', async () => {
    const calls: string[] = [];
    const embedded: EmbeddedGatewayDefault = {
      config: { agents: {}, server: { port: 0 } },
      connectWebhook: async (url) => void calls.push(`webhook ${url}`),
      describe: () => ['simulator: test double'],
      close: async () => void calls.push('closed'),
    };
    const { output, text } = capture();
    const running = await runServeCommand({}, { output, handleSignals: false, embeddedDefault: async () => embedded });
    expect(calls).toEqual([`webhook ${running.url}`]);
    expect(text()).toContain('simulator: test double');
    await running.stop();
    expect(calls).toEqual([`webhook ${running.url}`, 'closed']);
  });

  it('refuses bad options and a configuration error names the file', async () => {
    await expect(runServeCommand({ workers: 0 }, { handleSignals: false })).rejects.toThrow(/--workers must be an integer of at least 1/);
    await expect(runServeCommand({}, { handleSignals: false })).rejects.toThrow(/no --config given/);
    const file = join(directory, 'bad.yaml');
    writeFileSync(file, 'server:\n  port: eighty\n');
    await expect(runServeCommand({ config: file }, { handleSignals: false })).rejects.toThrow(/bad\.yaml: server\.port/);
  });
});
