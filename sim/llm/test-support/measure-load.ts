// Fires N concurrent streaming requests at a provider server and measures what the simulator adds
// on top of the delays it schedules: wall time per request (server-side, from its call records;
// client-side, from send to the end of the stream) and CPU per request.

import type { Dispatcher } from 'undici';
import { request } from 'undici';
import type { CallLog, CallRecord } from '../../calls/index.js';
import type { SimulatorConfig } from '../../config/index.js';
import { sampleModelCall } from '../sample-model-call.js';

export interface StreamingLoadOptions {
  url: string;
  config: SimulatorConfig;
  dispatcher: Dispatcher;
  requests: number;
  namespace: string;
  model?: string;
}

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

export interface StreamingLoadResult {
  requests: number;
  completed: number;
  failures: number;
  /** Wall ms of the whole run. */
  wallMs: number;
  /** Client-side wall ms per request id, send to end of stream. */
  elapsedByRequestId: Map<string, number>;
  /** CPU ms (user + system) this process spent during the run. */
  cpuMs: number;
  streamedTokens: number;
}

export async function runStreamingLoad(options: StreamingLoadOptions): Promise<StreamingLoadResult> {
  const { url, config, dispatcher, requests, namespace } = options;
  const model = options.model ?? Object.keys(config.models)[0] ?? '';
  const elapsedByRequestId = new Map<string, number>();
  let failures = 0;
  let streamedTokens = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: requests }, async (_, index) => {
    const requestId = `load-${index}#${namespace}`;
    const sent = performance.now();
    try {
      const response = await request(`${url}/v1/chat/completions`, {
        method: 'POST',
        dispatcher,
        headers: { 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: `Question ${index}: what happened to the payments cluster?` }] }),
      });
      const text = await response.body.text();
      if (response.statusCode !== 200 || !text.endsWith('data: [DONE]\n\n')) failures++;
      else elapsedByRequestId.set(requestId, performance.now() - sent);
      streamedTokens += text.split('"content":"').length - 2;
    } catch {
      failures++;
    }
  }));
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requests,
    completed: elapsedByRequestId.size,
    failures,
    wallMs: round(performance.now() - started),
    elapsedByRequestId,
    cpuMs: (cpu.user + cpu.system) / 1000,
    streamedTokens,
  };
}

/** Wall ms the simulator scheduled for a call: connection setup, cold start, first token, tokens. */
export function scheduledWallMs(config: SimulatorConfig, record: CallRecord): number {
  const sample = sampleModelCall(config, {
    key: record.key,
    model: record.name,
    turn: 0,
    ...(record.provider !== undefined && { provider: record.provider }),
    inputTokens: record.inputTokens ?? 0,
    outputTokens: record.outputTokens ?? 0,
  });
  return (sample.totalMs + record.connectionPenaltyMs + record.coldStartMs) * config.timeScale;
}

/** Wall ms beyond the schedule, per record: server-side, or client-side when elapsed times are given. */
export function overheadMs(config: SimulatorConfig, records: readonly CallRecord[], elapsedByRequestId?: Map<string, number>): Percentiles {
  const overheads: number[] = [];
  for (const record of records) {
    const elapsed = elapsedByRequestId ? elapsedByRequestId.get(record.requestId) : record.endedAt - record.startedAt;
    if (elapsed !== undefined) overheads.push(elapsed - scheduledWallMs(config, record));
  }
  return percentiles(overheads);
}

export interface LoadMeasurement {
  requests: number;
  completed: number;
  failures: number;
  recorded: number;
  wallMs: number;
  serverOverheadMs: Percentiles;
  clientOverheadMs: Percentiles;
  /** Process CPU per request: clients included, as they share the process. */
  cpuMsPerRequest: number;
  streamedTokens: number;
}

/** Runs the load against an in-process server and reads its call log. */
export async function measureLoad(options: StreamingLoadOptions & { calls: CallLog }): Promise<LoadMeasurement> {
  const result = await runStreamingLoad(options);
  const records = options.calls.list({ namespace: options.namespace, kind: 'llm' });
  return {
    requests: result.requests,
    completed: result.completed,
    failures: result.failures,
    recorded: records.length,
    wallMs: result.wallMs,
    serverOverheadMs: overheadMs(options.config, records),
    clientOverheadMs: overheadMs(options.config, records, result.elapsedByRequestId),
    cpuMsPerRequest: round(result.cpuMs / result.requests),
    streamedTokens: result.streamedTokens,
  };
}

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? Number.NaN);
  return { p50: at(0.5), p95: at(0.95), max: round(sorted[sorted.length - 1] ?? Number.NaN) };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
