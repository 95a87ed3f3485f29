// hotpath's gateway against Portkey's open-source gateway, side by side in one run, both as users run
// them (`hotpath serve --config …`, `node …/@portkey-ai/gateway/build/start-server.js`), each in front
// of the same upstream that answers at once. See docs/gateway.md (proxy overhead).
//
//   npx tsx bench/proxy-overhead/compare-gateways.ts --rounds 3 --duration 3000 --json bench-results/gateways.json

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCommandProcess, startServiceProcess } from './child-processes.js';
import { defaultScenarios, measureProxies, renderMeasurements, type ProxyParty } from './measure-proxies.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '3000' },
    parties: { type: 'string', default: 'hotpath,portkey' },
    scenarios: { type: 'string', default: defaultScenarios.map((scenario) => scenario.name.replace(' ', ':')).join(',') },
    json: { type: 'string' },
  },
});

const root = fileURLToPath(new URL('../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const hotpath: ProxyParty = {
  name: 'hotpath',
  async start(upstreamUrl) {
    const port = await freePort();
    const file = join(mkdtempSync(join(tmpdir(), 'hotpath-bench-')), 'gateway.json');
    // The model keeps the provider's name, so request bytes are forwarded untouched; no cache, so every
    // request goes to the upstream (the cost measured is the proxy path, not a cache hit).
    writeFileSync(file, JSON.stringify({
      providers: { upstream: { type: 'openai-compatible', baseURL: `${upstreamUrl}/v1`, connections: 128, retries: 0, warmConnections: 4 } },
      models: { 'upstream-model': { provider: 'upstream' } },
      cache: { proxyResponses: 'off' },
      limits: { maxConcurrentRequests: 4096 },
    }));
    return startCommandProcess({
      command: process.execPath,
      args: [join(root, 'bin/hotpath.js'), 'serve', '--config', file, '--port', String(port)],
      url: `http://127.0.0.1:${port}`,
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
  },
};

let portkeyUpstream = '';
const portkey: ProxyParty = {
  name: 'portkey',
  async start(upstreamUrl) {
    portkeyUpstream = upstreamUrl;
    const port = await freePort();
    return startCommandProcess({
      command: process.execPath,
      args: [join(root, 'node_modules/@portkey-ai/gateway/build/start-server.js'), `--port=${port}`, '--headless'],
      url: `http://127.0.0.1:${port}`,
      readyUrl: `http://127.0.0.1:${port}/`,
    });
  },
  // Portkey reaches an OpenAI-compatible server at a custom base URL through its headers.
  get headers() {
    return { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `${portkeyUpstream}/v1`, authorization: 'Bearer unused' };
  },
};

// The bare pass-through of decision 010, as the floor any gateway on node:http + undici can reach.
const bare: ProxyParty = { name: 'bare-node-http', start: (upstreamUrl) => startServiceProcess('node-http', { upstreamUrl }) };

const available: Record<string, ProxyParty> = { hotpath, portkey, 'bare-node-http': bare };
const parties = values.parties.split(',').map((name) => {
  const party = available[name];
  if (party === undefined) throw new Error(`--parties: unknown "${name}" (${Object.keys(available).join(', ')})`);
  return party;
});
const upstream = await startServiceProcess('upstream');
try {
  const measurements = await measureProxies({
    upstream,
    parties,
    scenarios: values.scenarios.split(',').map((name) => {
      const scenario = defaultScenarios.find((candidate) => candidate.name === name.replace(':', ' '));
      if (scenario === undefined) throw new Error(`--scenarios: unknown "${name}" (${defaultScenarios.map((each) => each.name.replace(' ', ':')).join(', ')})`);
      return scenario;
    }),
    rounds: Number(values.rounds),
    warmupMs: Number(values.warmup),
    durationMs: Number(values.duration),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${renderMeasurements(measurements)}\n`);
  const firstErrors = measurements.filter((row) => row.firstError !== undefined).map((row) => `${row.party} ${row.scenario}: ${row.firstError}`);
  if (firstErrors.length > 0) process.stdout.write(`\nErrors:\n${firstErrors.map((line) => `- ${line}`).join('\n')}\n`);
  if (values.json) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(measurements, null, 2)}\n`);
  }
} finally {
  await upstream.stop();
}
