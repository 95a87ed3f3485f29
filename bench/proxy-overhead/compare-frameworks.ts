// Which HTTP framework should the gateway use? Fastify, Hono on @hono/node-server and plain node:http
// (all with undici to the upstream) as pass-through proxies in front of an upstream that answers at
// once. See docs/decisions/010-http-framework.md.
//
//   npx tsx bench/proxy-overhead/compare-frameworks.ts --rounds 3 --duration 4000 --json bench-results/frameworks.json

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { startServiceProcess } from './child-processes.js';
import { measureProxies, renderMeasurements, type ProxyParty } from './measure-proxies.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1000' },
    duration: { type: 'string', default: '4000' },
    frameworks: { type: 'string', default: 'node-http,fastify,hono' },
    json: { type: 'string' },
  },
});

const parties: ProxyParty[] = values.frameworks.split(',').map((name) => ({ name, start: (upstreamUrl) => startServiceProcess(name, { upstreamUrl }) }));
const upstream = await startServiceProcess('upstream');
try {
  const measurements = await measureProxies({
    upstream,
    parties,
    rounds: Number(values.rounds),
    warmupMs: Number(values.warmup),
    durationMs: Number(values.duration),
    onProgress: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${renderMeasurements(measurements)}\n`);
  if (values.json) {
    mkdirSync(dirname(values.json), { recursive: true });
    writeFileSync(values.json, `${JSON.stringify(measurements, null, 2)}\n`);
  }
} finally {
  await upstream.stop();
}
