// Measures the LLM servers' own cost under load, with the servers in a child process so the
// clients' work is not counted: CPU per request (the child's process.cpuUsage) and wall time per
// request beyond the scheduled delays (from the child's call records).
//
//   node --import tsx sim/llm/scripts/measure-overhead.ts [requests=1000] [timeScale=0.05] [rounds=2]

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Agent } from 'undici';
import { CallLog, type CallRecord } from '../../calls/index.js';
import { createSimClock } from '../../clock/index.js';
import { parseSimulatorConfig, type SimulatorConfig } from '../../config/index.js';
import { startLlmServer } from '../start-llm-server.js';
import { overheadMs, runStreamingLoad } from '../test-support/measure-load.js';
import { createScriptedBrain } from '../test-support/scripted-brain.js';

type ChildMessage = { type: 'ready'; url: string } | { type: 'cpu'; micros: number } | { type: 'records'; records: CallRecord[] };

const answer = 'The incident on the payments cluster was resolved at 14:20 after the failed node was drained and replaced; no data was lost and the queue caught up within ten minutes. ';

function loadConfig(timeScale: number): SimulatorConfig {
  return parseSimulatorConfig({
    seed: 7,
    timeScale,
    models: { 'sim-fast': { tier: 'fast', ttftMs: { p50: 400, p95: 700 }, msPerOutputToken: { p50: 7, p95: 10 }, msPerInputToken: 0.05 } },
    providers: [{ name: 'primary', models: ['sim-fast'] }],
    connectionSetupMs: { p50: 200, p95: 300 },
  });
}

async function serve(timeScale: number): Promise<void> {
  const config = loadConfig(timeScale);
  const calls = new CallLog();
  const server = await startLlmServer({ config, clock: createSimClock(timeScale), brain: createScriptedBrain({ type: 'text', text: answer.repeat(2) }), calls });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      process.send?.({ type: 'cpu', micros: usage.user + usage.system });
    } else if (message.type === 'records') {
      process.send?.({ type: 'records', records: calls.list() });
      calls.clear();
    } else if (message.type === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send?.({ type: 'ready', url: server.providers[0]?.url });
}

async function measure(requests: number, timeScale: number, rounds: number): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', String(timeScale)], { execArgv: ['--import', 'tsx', ...(process.env.SIM_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [])] });
  const next = (type: ChildMessage['type']) => new Promise<ChildMessage>((resolve) => {
    const listener = (message: ChildMessage) => {
      if (message.type !== type) return;
      child.off('message', listener);
      resolve(message);
    };
    child.on('message', listener);
  });
  const ask = async <Type extends ChildMessage['type']>(type: Type) => {
    const reply = next(type);
    child.send({ type });
    return (await reply) as Extract<ChildMessage, { type: Type }>;
  };
  const ready = (await next('ready')) as Extract<ChildMessage, { type: 'ready' }>;
  const config = loadConfig(timeScale);
  const agent = new Agent({ connections: requests, keepAliveTimeout: 60_000 });
  for (let round = 1; round <= rounds; round++) {
    const cpuBefore = (await ask('cpu')).micros;
    const result = await runStreamingLoad({ url: ready.url, config, dispatcher: agent, requests, namespace: `round-${round}` });
    const serverCpuMs = ((await ask('cpu')).micros - cpuBefore) / 1000;
    const { records } = await ask('records');
    console.log(JSON.stringify({
      round,
      connections: round === 1 ? 'new' : 'reused',
      requests,
      timeScale,
      failures: result.failures,
      wallMs: result.wallMs,
      serverCpuMsPerRequest: Math.round((serverCpuMs / requests) * 1000) / 1000,
      clientCpuMsPerRequest: Math.round((result.cpuMs / requests) * 1000) / 1000,
      serverOverheadMs: overheadMs(config, records),
      clientOverheadMs: overheadMs(config, records, result.elapsedByRequestId),
    }));
  }
  await agent.close();
  child.send({ type: 'close' });
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) {
  await serve(Number(process.argv[serveIndex + 1]));
} else {
  const [requests = '1000', timeScale = '0.05', rounds = '2'] = process.argv.slice(2);
  await measure(Number(requests), Number(timeScale), Number(rounds));
}
