// `hotpath serve --workers 2`: node:cluster workers share the port (connections are spread across
// them), and SIGTERM to the primary stops every worker and exits cleanly.

import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { startGatewayProcess } from './support/gateway-process.js';
import { upstreamConfig } from './support/gateway-harness.js';
import { startScriptedUpstream } from './support/scripted-upstream.js';

const directory = mkdtempSync(join(tmpdir(), 'hotpath-workers-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** GET on a fresh connection (no keep-alive), so each request may land on another worker. */
function healthOnNewConnection(url: string): Promise<{ pid: number }> {
  return new Promise((resolve, reject) => {
    get(`${url}/healthz`, { agent: false }, (response) => {
      let body = '';
      response.on('data', (part: Buffer) => (body += part.toString()));
      response.on('end', () => resolve(JSON.parse(body) as { pid: number }));
    }).on('error', reject);
  });
}

/** A cacheable completion on a fresh connection; resolves with the x-hotpath-cache header. */
function askOnNewConnection(url: string): Promise<string> {
  const body = JSON.stringify({ model: 'small-model', temperature: 0, messages: [{ role: 'user', content: 'cached per worker' }] });
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/v1/chat/completions`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-hotpath-cache-tags': 'doc:1' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.headers['x-hotpath-cache'])));
    });
    request.on('error', reject);
    request.end(body);
  });
}

describe('hotpath serve --workers', () => {
  it('spreads connections over the workers and stops them all on SIGTERM', async () => {
    const gateway = await startGatewayProcess({ configFile: join(directory, 'gateway.json'), config: { server: { shutdownGraceMs: 1000 } }, args: ['--workers', '2'] });
    try {
      expect(gateway.output()).toContain('(2 workers)');
      const pids = new Set<number>();
      for (let attempt = 0; attempt < 20 && pids.size < 2; attempt++) pids.add((await healthOnNewConnection(gateway.url)).pid);
      expect(pids.size).toBe(2);
      expect(pids.has(gateway.child.pid!)).toBe(false);
    } finally {
      expect(await gateway.stop()).toBe(0);
    }
    await expect(healthOnNewConnection(gateway.url)).rejects.toThrow();
  }, 30_000);

  it('an invalidation received by one worker evicts the in-memory entries of every worker', async () => {
    const upstream = await startScriptedUpstream();
    const gateway = await startGatewayProcess({ configFile: join(directory, 'memory.json'), config: upstreamConfig(upstream.url, { router: { classifier: false } }), args: ['--workers', '2'] });
    try {
      const misses = async () => {
        const answers: string[] = [];
        // Connections are spread over both workers; each caches alone, so each misses once.
        for (let attempt = 0; attempt < 8; attempt++) answers.push(await askOnNewConnection(gateway.url));
        return answers.filter((answer) => answer === 'miss').length;
      };
      expect(await misses()).toBe(2);
      expect(await misses()).toBe(0);
      const invalidated = await fetch(`${gateway.url}/v1/cache/invalidate`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ tags: ['doc:1'] }) });
      expect(invalidated.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await misses()).toBe(2);
    } finally {
      expect(await gateway.stop()).toBe(0);
      await upstream.close();
    }
  }, 30_000);
});
