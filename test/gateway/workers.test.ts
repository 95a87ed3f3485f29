// `hotpath serve --workers 2`: node:cluster workers share the port (connections are spread across
// them), and SIGTERM to the primary stops every worker and exits cleanly.

import { get } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGatewayProcess } from './support/gateway-process.js';

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
});
